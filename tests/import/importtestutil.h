#pragma once
// Shared helpers of the importer tests: sample log lines, real archive tools run through QProcess,
// lookups in an ImportResult and a snapshot of a folder to prove nothing was written.

#include "import/importer.h"
#include "model/logkind.h"
#include "parse/logkinds.h"
#include "time/civiltime.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QTimeZone>

namespace gdtest {

// --- Sample content in the shapes of docs/log-formats.md, with UTC worked out by hand ---------------------

/// BOA access log, +0100: 09:51:32Z, 10:02:55Z, 10:03:01Z on 2026-11-24.
inline QByteArray accessLog()
{
    return QByteArrayLiteral("\"203.0.113.7\" www.example.com [24/Nov/2026:10:51:32 +0100] \"GET /node/12 "
                             "HTTP/1.1\" 502 150 412 313 "
                             "\"https://www.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.003 \"-\"\n"
                             "\"198.51.100.20\" example.com [24/Nov/2026:11:02:55 +0100] \"GET "
                             "/admin/reports/updates HTTP/1.1\" 504 160 "
                             "587 325 \"https://example.com/admin\" \"Mozilla/5.0\" 180.004 \"-\"\n"
                             "\"192.0.2.44, 172.70.10.5\" o1.srv.example.net [24/Nov/2026:11:03:01 +0100] "
                             "\"GET /hosting/tasks/123/list "
                             "HTTP/1.1\" 200 1880 702 2431 \"https://o1.srv.example.net/hosting/sites\" "
                             "\"Mozilla/5.0\" 0.412 \"4.10\"\n");
}

/// nginx error log, no zone: 10:51:32, 11:02:55, 11:05:10 local on 2026-11-24.
inline QByteArray errorLog()
{
    return QByteArrayLiteral(
        "2026/11/24 10:51:32 [crit] 4021#4021: *8812391 connect() to unix:/var/run/o1.83.fpm.socket failed "
        "(2: No "
        "such file or directory) while connecting to upstream, client: 203.0.113.7, server: example.com, "
        "request: "
        "\"GET /node/12 HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: "
        "\"www.example.com\", referrer: \"https://www.example.com/\"\n"
        "2026/11/24 11:02:55 [error] 4021#4021: *8813001 upstream timed out (110: Connection timed out) "
        "while reading "
        "response header from upstream, client: 198.51.100.20, server: example.com, request: \"GET "
        "/admin/reports/updates HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: "
        "\"example.com\"\n"
        "2026/11/24 11:05:10 [error] 4022#4022: *8813420 upstream prematurely closed connection while "
        "reading "
        "response header from upstream, client: 198.51.100.20, server: example.com, request: \"POST "
        "/admin/structure/views/view/frontpage/edit HTTP/2.0\", upstream: "
        "\"fastcgi://unix:/var/run/o1.83.fpm.socket:\", "
        "host: \"example.com\"\n");
}

/// One nginx error line at a given local time ("2026/11/24 10:51:32").
inline QByteArray errorLine(const char* localTime, int connection = 8812391)
{
    return QByteArray(localTime) + " [crit] 4021#4021: *" + QByteArray::number(connection) +
           " connect() to unix:/var/run/o1.83.fpm.socket failed (2: No such file or directory) while "
           "connecting "
           "to upstream, client: 203.0.113.7, server: example.com, request: \"GET /node/12 HTTP/1.1\", "
           "upstream: "
           "\"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: \"www.example.com\"\n";
}

/// Error line number `n` of a long nginx error log (one a second from 10:00:00, no newline): every
/// line differs, so a test can tell which one a reader returned.
inline QByteArray numberedErrorLine(int n)
{
    return QStringLiteral(
               "2026/11/24 10:%1:%2 [error] 4021#4021: *%3 upstream timed out (110: Connection timed out) "
               "while reading response header from upstream, client: 203.0.113.7, server: example.com, "
               "request: \"GET /node/%3 HTTP/1.1\", upstream: \"fastcgi://unix:/run/php.sock:\", host: "
               "\"example.com\"")
        .arg((n / 60) % 60, 2, 10, QChar(u'0'))
        .arg(n % 60, 2, 10, QChar(u'0'))
        .arg(n)
        .toUtf8();
}

/// One BOA access line at a given $time_local ("24/Nov/2026:10:51:32 +0100").
inline QByteArray accessLine(const char* timeLocal, int status = 502)
{
    return QByteArray("\"203.0.113.7\" www.example.com [") + timeLocal + "] \"GET /node/12 HTTP/1.1\" " +
           QByteArray::number(status) +
           " 150 412 313 \"https://www.example.com/\" \"Mozilla/5.0\" 0.003 \"-\"\n";
}

/// PHP-FPM master log, no zone: 10:51:32 and 10:51:33 local on 2026-11-24.
inline QByteArray fpmLog()
{
    return QByteArrayLiteral("[24-Nov-2026 10:51:32] WARNING: [pool o1.83] child 23456 exited on signal 11 "
                             "(SIGSEGV) after 312.847521 seconds from start\n"
                             "[24-Nov-2026 10:51:33] NOTICE: [pool o1.83] child 23500 started\n");
}

/// Traditional syslog, no year, no zone: 10:51:32, 10:51:33, 10:51:35 local on Nov 24.
inline QByteArray syslogLog()
{
    return QByteArrayLiteral(
        "Nov 24 10:51:32 srv1 kernel: [8123456.123456] php-fpm[23456]: segfault at 0 ip 00007f3c2a1b2c3d sp "
        "00007ffd1e2f3a40 error 4 in opcache.so[7f3c2a100000+c8000]\n"
        "Nov 24 10:51:33 srv1 kernel: [8123457.001002] php-fpm[23460]: segfault at 7ffd1e1fff78 ip "
        "000055d0c6a3b1e2 "
        "sp 00007ffd1e1fff80 error 6 in php-fpm[55d0c6800000+3f2000]\n"
        "Nov 24 10:51:35 srv1 kernel: [8123459.400100] traps: php-fpm[23470] general protection fault "
        "ip:7f3c29e9a1b2 sp:7ffd1e2f3a40 error:0 in libc.so.6[7f3c29e28000+195000]\n");
}

/// One traditional syslog segfault line at "Nov 24 10:51:32".
inline QByteArray syslogLine(const char* stamp, int pid = 23456)
{
    return QByteArray(stamp) + " srv1 kernel: [8123456.123456] php-fpm[" + QByteArray::number(pid) +
           "]: segfault at 0 ip 00007f3c2a1b2c3d sp 00007ffd1e2f3a40 error 4 in "
           "opcache.so[7f3c2a100000+c8000]\n";
}

/// A PNG header followed by binary chunk data: many control bytes.
inline QByteArray pngBytes()
{
    static constexpr char header[] =
        "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00";
    QByteArray png(header, sizeof header - 1); // the literal's length, not a hand count
    for (int i = 0; i < 512; ++i)
        png += static_cast<char>(i % 7 == 0 ? 0x01 : (i * 37) & 0xFF);
    return png;
}

/// An ELF header followed by zeros, like the start of a binary.
inline QByteArray elfBytes()
{
    QByteArray elf("\x7f"
                   "ELF\x02\x01\x01\x00",
                   8);
    elf += QByteArray(1024, '\0');
    return elf;
}

// --- Time -------------------------------------------------------------------------------------------------

/// UTC milliseconds of an ISO 8601 text ending in Z.
inline std::int64_t utc(const char* iso)
{
    QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t.toMSecsSinceEpoch();
}

/// "2026-11-24T09:51:32Z" (milliseconds only when not zero), as the CLI prints times.
inline QString isoUtc(std::int64_t ms)
{
    return QString::fromStdString(gd::formatIsoUtc(ms));
}

// --- Files and tools --------------------------------------------------------------------------------------

inline bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write(content) == content.size();
}

inline QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool haveTool(const QString& tool)
{
    return !QStandardPaths::findExecutable(tool).isEmpty();
}

/// Runs a tool in `workDir`; stdin from `stdinFile`, stdout to `stdoutFile` when given. Fails the test on
/// error.
inline bool runTool(const QString& program, const QStringList& arguments, const QString& workDir,
                    const QString& stdinFile = {}, const QString& stdoutFile = {})
{
    QProcess process;
    process.setWorkingDirectory(workDir);
    if (!stdinFile.isEmpty())
        process.setStandardInputFile(stdinFile);
    if (!stdoutFile.isEmpty())
        process.setStandardOutputFile(stdoutFile);
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        qWarning("%s %s failed: %s", qPrintable(program), qPrintable(arguments.join(u' ')),
                 process.readAllStandardError().constData());
        return false;
    }
    return true;
}

/// `tool -c < input > output` (gzip, bzip2, xz, zstd all take -c).
inline bool compressFile(const QString& tool, const QString& input, const QString& output)
{
    return runTool(tool, {QStringLiteral("-c")}, QFileInfo(input).absolutePath(), input, output);
}

// --- Result lookups ---------------------------------------------------------------------------------------

inline const gd::SourceInfo* findSource(const gd::ImportResult& result, const QString& path)
{
    for (const gd::SourceInfo& source : result.sources) {
        if (source.path == path)
            return &source;
    }
    return nullptr;
}

inline const gd::SkippedFile* findSkipped(const gd::ImportResult& result, const QString& path)
{
    for (const gd::SkippedFile& file : result.skipped) {
        if (file.path == path)
            return &file;
    }
    return nullptr;
}

inline const gd::ConfigFile* findConfig(const gd::ImportResult& result, const QString& path)
{
    for (const gd::ConfigFile& file : result.configs) {
        if (file.path == path)
            return &file;
    }
    return nullptr;
}

/// First diagnostic about `path` whose message contains `fragment`.
inline const gd::Diagnostic* findDiagnostic(const gd::ImportResult& result, const QString& path,
                                            const QString& fragment)
{
    for (const gd::Diagnostic& d : result.diagnostics) {
        if (d.path == path && d.message.contains(fragment))
            return &d;
    }
    return nullptr;
}

inline QString describe(const gd::ImportResult& result)
{
    QString text;
    for (const gd::SourceInfo& s : result.sources)
        text += QStringLiteral("\n  source %1 kind=%2 lines=%3 events=%4 skipped=%5")
                    .arg(s.path,
                         QLatin1String(gd::logKindId(s.kind).data(), qsizetype(gd::logKindId(s.kind).size())))
                    .arg(s.lines)
                    .arg(s.events)
                    .arg(s.skippedLines);
    for (const gd::SkippedFile& s : result.skipped)
        text += QStringLiteral("\n  skipped %1: %2").arg(s.path, s.reason);
    for (const gd::ConfigFile& c : result.configs)
        text += QStringLiteral("\n  config %1").arg(c.path);
    for (const gd::Diagnostic& d : result.diagnostics)
        text += QStringLiteral("\n  diagnostic ") + d.toText();
    return text;
}

inline gd::ImportResult runImport(const QStringList& inputs, gd::ImportOptions options = {})
{
    gd::Importer importer(std::move(options));
    return importer.run(inputs);
}

/// Every file under `root` (hidden ones too, links not followed) with size, mtime and content hash.
inline QMap<QString, QString> snapshot(const QString& root)
{
    QMap<QString, QString> files;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        QString state = QStringLiteral("%1 %2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
        if (info.isFile() && !info.isSymLink())
            state += u' ' + QString::fromLatin1(
                                QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha1).toHex());
        if (info.isSymLink())
            state += QStringLiteral(" -> ") + info.symLinkTarget();
        files.insert(path, state);
    }
    return files;
}

} // namespace gdtest
