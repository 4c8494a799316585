#pragma once

#include "import/importresult.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace gd {

// What the headless sub-commands share: exit codes, messages, the import options and the import itself.

constexpr int kExitOk = 0;
constexpr int kExitNothingLoaded = 2;
constexpr int kExitUsage = 64;

void printErr(const QString& text);

/// Writes `bytes` to `path` atomically (an existing file stays as it was on failure); says why on failure.
bool writeFileAtomically(const QString& path, const QByteArray& bytes);

/// Writes `document` atomically to `target`, or to stdout for "-"; says why on failure.
bool writeJson(const QString& target, const QJsonObject& document);

/// The help text of a sub-command with the program's name, not the path it was started by, in its usage line.
QString commandHelp(const QCommandLineParser& parser, const QString& command);

/// Parses the command's options (the import options and any the caller added to `parser` before) and imports
/// its inputs; returns false (with `exitCode`) when it stops early: --help, an option it does not know, no
/// input.
bool importFromArguments(const QString& command, const QString& description, const QStringList& arguments,
                         QCommandLineParser& parser, ImportResult& result, int& exitCode);

} // namespace gd
