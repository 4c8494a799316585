#pragma once

#include <QString>
#include <QStringList>

namespace gd {

/// True when `argument` names a headless sub-command (or --help/--version), so main() can skip the GUI.
bool isHeadlessCommand(const QString& argument);

/// True when the command draws pages (`report`): main() then starts QtGui on the offscreen platform.
bool commandDrawsPages(const QStringList& arguments);

/// The sub-commands' names, for suggestions when one is mistyped.
QStringList headlessCommandNames();

/// One line per sub-command: "  gateway-doctor NAME INPUT...   what it does".
QString headlessCommandSummary();

/// Runs a headless sub-command (`inspect`, `analyze`, ...). Returns the process exit code.
int runCommandLine(const QStringList& arguments);

} // namespace gd
