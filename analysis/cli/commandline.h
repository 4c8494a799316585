#pragma once

#include <QStringList>

namespace gd {

/// True when `arg` names a headless sub-command (or --help/--version), so main() can skip the GUI.
bool isHeadlessCommand(const char* arg);

/// Runs a headless sub-command (`inspect`, `analyze`, ...). Returns the process exit code.
int runCommandLine(const QStringList& arguments);

} // namespace gd
