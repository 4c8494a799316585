#include "commandsupport.h"

#include "import/importer.h"
#include "parse/nginxlogformat.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSaveFile>
#include <chrono>
#include <cstdio>
#include <future>

namespace gd {

namespace {

void addImportOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("tz"),
                      QStringLiteral("Time zone for zone-less logs when the bundle does not tell."),
                      QStringLiteral("ZONE")});
    parser.addOption({QStringLiteral("log-format"),
                      QStringLiteral("nginx log_format string of the access logs (default: auto-detect)."),
                      QStringLiteral("FMT")});
    parser.addOption({QStringLiteral("json"),
                      QStringLiteral("Write the result as JSON to FILE ('-' for stdout)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("max-expanded-bytes"),
                      QStringLiteral("Decompressed bytes allowed per input (default 64 GiB)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("max-ratio"),
                      QStringLiteral("Decompression ratio treated as a bomb (default 1000)."),
                      QStringLiteral("R")});
    parser.addOption({QStringLiteral("max-nesting"), QStringLiteral("Archive nesting depth (default 4)."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("max-memory"),
         QStringLiteral("Memory budget of the import in MiB; past it the import stops and analyses "
                        "what it read (default: half the physical memory; 0: none)."),
         QStringLiteral("MIB")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Parse threads (default: one per core)."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("one-server"),
         QStringLiteral("Read all inputs as logs of one server (default: each bundle or folder is a "
                        "server of its own, loose files one more).")});
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("Files, folders or archives."),
                                 QStringLiteral("INPUT..."));
}

bool readImportOptions(const QCommandLineParser& parser, ImportOptions& options)
{
    options.timeZone = parser.value(QStringLiteral("tz"));
    options.oneServer = parser.isSet(QStringLiteral("one-server"));
    options.accessLogFormat = parser.value(QStringLiteral("log-format")).toStdString();
    if (!options.accessLogFormat.empty()) {
        std::string error;
        if (!validateAccessLogFormat(options.accessLogFormat, &error)) {
            printErr(QStringLiteral("--log-format: ") + QString::fromStdString(error));
            return false;
        }
    }
    bool ok = true;
    if (parser.isSet(QStringLiteral("max-expanded-bytes")))
        options.limits.maxExpandedBytes = parser.value(QStringLiteral("max-expanded-bytes")).toULongLong(&ok);
    if (ok && parser.isSet(QStringLiteral("max-ratio")))
        options.limits.maxCompressionRatio = parser.value(QStringLiteral("max-ratio")).toDouble(&ok);
    if (ok && parser.isSet(QStringLiteral("max-nesting")))
        options.limits.maxNestingDepth = parser.value(QStringLiteral("max-nesting")).toInt(&ok);
    if (ok && parser.isSet(QStringLiteral("max-memory")))
        options.limits.memoryBudgetBytes = parser.value(QStringLiteral("max-memory")).toULongLong(&ok) << 20;
    if (ok && parser.isSet(QStringLiteral("threads")))
        options.threads = parser.value(QStringLiteral("threads")).toInt(&ok);
    if (!ok)
        printErr(QStringLiteral("a numeric option has a value that is not a number"));
    return ok;
}

/// Runs the import on a worker thread, drawing a progress line on a terminal meanwhile.
ImportResult importWithProgress(Importer& importer, const QStringList& inputs)
{
    auto future = std::async(std::launch::async, [&importer, &inputs] { return importer.run(inputs); });
    const bool showProgress = isTerminal(stderr);
    QElapsedTimer clock;
    clock.start();
    bool drew = false;
    while (future.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
        if (!showProgress || clock.elapsed() < 1000)
            continue; // short imports print nothing
        const ImportProgress p = importer.progress();
        const double fraction =
            p.inputBytesTotal > 0 ? double(p.inputBytesDone) / double(p.inputBytesTotal) : 0.0;
        const double elapsed = clock.elapsed() / 1000.0;
        const QString eta = fraction > 0.02
                                ? QStringLiteral(", ~%1 s left").arg(elapsed / fraction - elapsed, 0, 'f', 0)
                                : QString();
        const QString line = QStringLiteral("\r%1% of %2 MB, %3/%4 files, %5 lines%6  ")
                                 .arg(int(fraction * 100))
                                 .arg(p.inputBytesTotal / 1e6, 0, 'f', 1)
                                 .arg(p.filesDone)
                                 .arg(p.filesTotal)
                                 .arg(p.linesParsed)
                                 .arg(eta);
        std::fputs(line.toLocal8Bit().constData(), stderr);
        drew = true;
    }
    if (drew)
        std::fputs("\r\033[K", stderr);
    return future.get();
}

} // namespace

void printErr(const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
}

bool writeJson(const QString& target, const QJsonObject& document)
{
    const QByteArray bytes = QJsonDocument(document).toJson(QJsonDocument::Indented);
    if (target == QLatin1String("-")) {
        std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
        return true;
    }
    return writeFileAtomically(target, bytes);
}

bool writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path); // atomic: a failed run never leaves half a file
    const auto fail = [&path](const QString& reason) {
        printErr(
            QStringLiteral("%1: cannot write: %2 (an existing file was left as it was)").arg(path, reason));
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    // The flush is checked before commit(): Qt 6.4's commit() renames a file whose last buffered bytes a
    // full disk refused over the old one and reports success; and commit() does not keep the reason.
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(reason);
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

/// The help text of a sub-command with the program's name, not the path it was started by, in its usage line.
QString commandHelp(const QCommandLineParser& parser, const QString& command)
{
    QString text = parser.helpText();
    const QString startedAs = QStringLiteral("Usage: ") + QCoreApplication::arguments().value(0);
    if (text.startsWith(startedAs))
        text.replace(0, startedAs.size(), QStringLiteral("Usage: gateway-doctor ") + command);
    return text;
}

/// Parses the command's options and imports its inputs; returns false (with `exitCode`) when it stops early:
/// --help, an option it does not know, no input.
bool importFromArguments(const QString& command, const QString& description, const QStringList& arguments,
                         QCommandLineParser& parser, ImportResult& result, int& exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help = parser.addHelpOption();
    addImportOptions(parser);
    const QString seeHelp = QStringLiteral("Run 'gateway-doctor %1 --help' for its options.").arg(command);
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("gateway-doctor %1: %2\n%3").arg(command, parser.errorText(), seeHelp));
        exitCode = kExitUsage;
        return false;
    }
    if (parser.isSet(help)) {
        std::fputs(commandHelp(parser, command).toLocal8Bit().constData(), stdout);
        exitCode = kExitOk;
        return false;
    }
    const QStringList inputs = parser.positionalArguments();
    if (inputs.isEmpty()) {
        printErr(QStringLiteral("gateway-doctor %1: no INPUT given.\n%2").arg(command, seeHelp));
        exitCode = kExitUsage;
        return false;
    }
    ImportOptions options;
    if (!readImportOptions(parser, options)) {
        exitCode = kExitUsage;
        return false;
    }
    Importer importer(options);
    result = importWithProgress(importer, inputs);
    for (const Diagnostic& d : result.diagnostics)
        printErr(d.toText());
    return true;
}

} // namespace gd
