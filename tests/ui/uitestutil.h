#pragma once
// Shared helpers of the workbench tests: a small real bundle made with tar, a big generated access
// log, lookups in a SourcesModel, and waiting for a window's analysis.

#include "jobs/analysisjob.h"
#include "sources/sourcesmodel.h"
#include "windowparts.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QWidget>
#include <algorithm>
#include <cstdio>

namespace gdtest {

/// Points QSettings at INI files in `dir` for `application` of a test-only organisation: a test
/// never reads or changes the user's own settings.
inline void useTestSettings(const QString& dir, const QString& application)
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
    QCoreApplication::setOrganizationName(QStringLiteral("GatewayDoctorTests"));
    QCoreApplication::setApplicationName(application);
}

inline bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

/// BOA access log at +0100 (09:51:32Z, 10:02:55Z, 10:03:01Z on 2026-11-24) and one line that is not a log
/// line.
inline QByteArray accessLog()
{
    return QByteArrayLiteral(
        "\"203.0.113.7\" www.example.com [24/Nov/2026:10:51:32 +0100] \"GET /node/12 HTTP/1.1\" 502 150 412 "
        "313 "
        "\"https://www.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.003 \"-\"\n"
        "this line is not an access log line\n"
        "\"198.51.100.20\" example.com [24/Nov/2026:11:02:55 +0100] \"GET /admin/reports/updates HTTP/1.1\" "
        "504 "
        "160 587 325 \"https://example.com/admin\" \"Mozilla/5.0\" 180.004 \"-\"\n"
        "\"192.0.2.44\" o1.srv.example.net [24/Nov/2026:11:03:01 +0100] \"GET /hosting/tasks/123/list "
        "HTTP/1.1\" 200 1880 702 2431 \"https://o1.srv.example.net/hosting/sites\" \"Mozilla/5.0\" 0.412 "
        "\"4.10\"\n");
}

/// nginx error log without zone: 10:51:32 local on 2026-11-24.
inline QByteArray errorLog()
{
    return QByteArrayLiteral(
        "2026/11/24 10:51:32 [crit] 4021#4021: *8812391 connect() to unix:/var/run/o1.83.fpm.socket failed "
        "(2: No "
        "such file or directory) while connecting to upstream, client: 203.0.113.7, server: example.com, "
        "request: "
        "\"GET /node/12 HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: "
        "\"www.example.com\"\n");
}

/// PHP-FPM master log without zone: 10:51:32 and 10:51:33 local on 2026-11-24.
inline QByteArray fpmLog()
{
    return QByteArrayLiteral("[24-Nov-2026 10:51:32] WARNING: [pool o1.83] child 23456 exited on signal 11 "
                             "(SIGSEGV) after 312.847521 seconds from start\n"
                             "[24-Nov-2026 10:51:33] NOTICE: [pool o1.83] child 23500 started\n");
}

inline QByteArray pngBytes()
{
    QByteArray bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    for (int i = 0; i < 600; ++i)
        bytes += static_cast<char>((i * 37) & 0xff);
    return bytes;
}

/// Creates `dir`/bundle.tar.gz holding var/log/nginx/{access,error}.log, var/log/php/php83-fpm-error.log,
/// var/log/picture.png and etc/timezone (Europe/Amsterdam). Returns its path, empty on failure.
inline QString makeBundle(const QString& dir)
{
    const QString tree = dir + QStringLiteral("/tree");
    if (!writeFile(tree + QStringLiteral("/var/log/nginx/access.log"), accessLog()) ||
        !writeFile(tree + QStringLiteral("/var/log/nginx/error.log"), errorLog()) ||
        !writeFile(tree + QStringLiteral("/var/log/php/php83-fpm-error.log"), fpmLog()) ||
        !writeFile(tree + QStringLiteral("/var/log/picture.png"), pngBytes()) ||
        !writeFile(tree + QStringLiteral("/etc/timezone"), "Europe/Amsterdam\n"))
        return {};
    const QString bundle = dir + QStringLiteral("/bundle.tar.gz");
    QProcess tar;
    tar.setWorkingDirectory(tree);
    tar.start(QStringLiteral("tar"),
              {QStringLiteral("czf"), bundle, QStringLiteral("var"), QStringLiteral("etc")});
    if (!tar.waitForFinished(30000) || tar.exitStatus() != QProcess::NormalExit || tar.exitCode() != 0) {
        qWarning() << "tar failed:" << tar.readAllStandardError();
        return {};
    }
    return bundle;
}

/// Writes an access log of at least `bytes` bytes (about 170 bytes a line, one second per 20 lines).
inline bool makeBigAccessLog(const QString& path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk;
    chunk.reserve(4 << 20);
    char line[256];
    qint64 written = 0;
    for (long n = 0; written < bytes; ++n) {
        const long second = n / 20;
        const int length = std::snprintf(
            line, sizeof line,
            "\"203.0.113.7\" www.example.com [24/Nov/2026:%02ld:%02ld:%02ld +0100] \"GET /node/%ld "
            "HTTP/1.1\" %d "
            "150 412 313 \"https://www.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.003 \"-\"\n",
            (second / 3600) % 24, (second / 60) % 60, second % 60, n % 1000, n % 97 == 0 ? 502 : 200);
        chunk.append(line, length);
        written += length;
        if (chunk.size() >= (4 << 20)) {
            if (file.write(chunk) != chunk.size())
                return false;
            chunk.clear();
        }
    }
    return file.write(chunk) == chunk.size();
}

/// The index (name column) whose FullPathRole is `path`, searched depth first.
inline QModelIndex findPath(const QAbstractItemModel& model, const QString& path,
                            const QModelIndex& parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(gd::SourcesModel::FullPathRole).toString() == path)
            return index;
        const QModelIndex found = findPath(model, path, index);
        if (found.isValid())
            return found;
    }
    return {};
}

/// Every row's FullPathRole, depth first.
inline QStringList allPaths(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList paths;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        paths << index.data(gd::SourcesModel::FullPathRole).toString();
        paths << allPaths(model, index);
    }
    return paths;
}

inline QString cell(const QModelIndex& nameIndex, int column, int role = Qt::DisplayRole)
{
    return nameIndex.sibling(nameIndex.row(), column).data(role).toString();
}

/// Sends a drop of `paths` to `target` as the platform would; returns whether it was accepted.
inline bool drop(QWidget* target, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPointF center = QPointF(target->rect().center());
    QDragEnterEvent enter(center.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent dropEvent(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropEvent);
    return dropEvent.isAccepted();
}

/// The demo bundle shipped in resources/.
inline const QString& demoBundle()
{
    static const QString path = QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz");
    return path;
}

/// Records the longest pause between ticks of a 10 ms timer: how long the event loop was blocked.
class LoopGapMeter {
public:
    LoopGapMeter()
    {
        clock_.start();
        timer_.setInterval(10);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            maxGapMs_ = std::max(maxGapMs_, clock_.restart());
            ++ticks_;
        });
        timer_.start();
    }
    qint64 maxGapMs() const { return maxGapMs_; }
    int ticks() const { return ticks_; }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 maxGapMs_ = 0;
    int ticks_ = 0;
};

/// Waits until `window` shows the import of exactly `inputs` inputs with its analysis.
inline bool waitForAnalysis(const QObject& window, int inputs, int timeoutMs = 60000)
{
    return QTest::qWaitFor(
        [&] {
            return workspaceOf(window)->loadedInputs().paths().size() == inputs &&
                   !workspaceOf(window)->isImporting() && incidentsOf(window)->analysis() &&
                   !incidentsOf(window)->analysisJob()->isRunning();
        },
        timeoutMs);
}

} // namespace gdtest
