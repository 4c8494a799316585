#include "commandline.h"

#include "commandsupport.h"
#include "reportcommand.h"

#include "diagnose/analyzer.h"
#include "import/importer.h"
#include "import/rawtext.h"
#include "launch.h"
#include "parse/nginxlogformat.h"
#include "report/analysisjson.h"
#include "report/evidencetext.h"
#include "report/incidentreport.h"
#include "report/inspectreport.h"
#include "report/reporttext.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <chrono>
#include <cstdio>
#include <future>

namespace gd {

namespace {

int runInspect(const QStringList& arguments)
{
    QCommandLineParser parser;
    ImportResult result;
    int exitCode = kExitOk;
    if (!importFromArguments(
            QStringLiteral("inspect"),
            QStringLiteral("List what each file of a log bundle is and what was read from it."), arguments,
            parser, result, exitCode))
        return exitCode;
    const QString json = parser.value(QStringLiteral("json"));
    if (!json.isEmpty()) {
        if (!writeJson(json, inspectJson(result)))
            return kExitNothingLoaded;
    }
    if (json != QLatin1String("-"))
        std::fputs(inspectText(result).toLocal8Bit().constData(), stdout);
    if (!result.loadedAnything()) {
        printErr(QStringLiteral("inspect: nothing could be read"));
        return kExitNothingLoaded;
    }
    return kExitOk;
}

int runAnalyze(const QStringList& arguments)
{
    QCommandLineParser parser;
    ImportResult result;
    int exitCode = kExitOk;
    if (!importFromArguments(
            QStringLiteral("analyze"),
            QStringLiteral("Find the 502/504 incidents of a log bundle and name their causes."), arguments,
            parser, result, exitCode))
        return exitCode;
    if (!result.loadedAnything()) {
        printErr(QStringLiteral("analyze: nothing could be read"));
        return kExitNothingLoaded;
    }
    const AnalysisResult analysis = analyzeImport(result);
    RawTextReader rawText(result.sources);
    pinEvidence(rawText, analysis, 0); // one pass per compressed member, not one per evidence line
    const AnalysisReport report = analysisReport(result, analysis, &rawText);
    const QString json = parser.value(QStringLiteral("json"));
    if (!json.isEmpty() && !writeJson(json, analysisJson(result, report)))
        return kExitNothingLoaded;
    if (json != QLatin1String("-"))
        std::fputs(analysisText(report).toLocal8Bit().constData(), stdout);
    return kExitOk;
}

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments);
};

constexpr Command kCommands[] = {
    {"inspect", "list each log of a bundle: kind, lines, events, skipped lines, UTC span", runInspect},
    {"analyze", "find the 502/504 incidents and name their causes, with evidence and advice", runAnalyze},
    {"report", "write a client report: a PDF a site owner can read (--pdf) and a CSV (--csv)", runReport},
};

void printUsage()
{
    const QString text = QStringLiteral("Usage: gateway-doctor [COMMAND] [OPTIONS] INPUT...\n"
                                        "Without a command, opens the workbench window (with the INPUTs).\n\n"
                                        "Commands:\n%1\n"
                                        "Run 'gateway-doctor COMMAND --help' for the options of a command.\n")
                             .arg(headlessCommandSummary());
    std::fputs(text.toLocal8Bit().constData(), stdout);
}

bool isHelpOrVersion(const QString& argument)
{
    for (const char* flag : {"--help", "-h", "help", "--version", "-v"}) {
        if (argument == QLatin1String(flag))
            return true;
    }
    return false;
}

} // namespace

bool isHeadlessCommand(const QString& argument)
{
    return headlessCommandNames().contains(argument) || isHelpOrVersion(argument);
}

bool commandDrawsPages(const QStringList& arguments)
{
    return arguments.value(1) == QLatin1String("report");
}

QStringList headlessCommandNames()
{
    QStringList names;
    for (const Command& command : kCommands)
        names << QLatin1String(command.name);
    return names;
}

QString headlessCommandSummary()
{
    QString lines;
    for (const Command& command : kCommands) {
        lines += QStringLiteral("  gateway-doctor %1 INPUT...   %2\n")
                     .arg(QLatin1String(command.name), QLatin1String(command.summary));
    }
    return lines;
}

int runCommandLine(const QStringList& arguments)
{
    const QString command = arguments.value(1);
    QStringList rest = arguments;
    rest.removeAt(1);
    for (const Command& known : kCommands) {
        if (command == QLatin1String(known.name))
            return known.run(rest);
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        std::printf("gateway-doctor %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return kExitOk;
    }
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        printUsage();
        return kExitOk;
    }
    const QString suggestion = suggestCommand(command);
    const QString problem =
        suggestion.isEmpty()
            ? QStringLiteral("'%1' is not a command.").arg(command)
            : QStringLiteral("'%1' is not a command; did you mean '%2'?").arg(command, suggestion);
    printErr(
        QStringLiteral("gateway-doctor: %1\nRun 'gateway-doctor --help' for the commands.").arg(problem));
    return kExitUsage;
}

} // namespace gd
