// The workbench with what tickets carry: two servers' folders opened together and lines pasted from a thread
// (undated nginx and PHP-FPM lines mixed, exactly as a reporter posted them). The sources are grouped by
// server, the events table filters by server and says "no time" for undated lines, the chart says how many
// lines it cannot place, the incidents table names the server, and the paste is split by kind. A screenshot
// of the window is written to the build folder for a look.

#include "events/eventsmodel.h"
#include "events/eventspanel.h"
#include "incidents/incidentsmodel.h"
#include "incidents/incidentspanel.h"
#include "shell/mainwindow.h"
#include "shell/workspace.h"
#include "sources/sourcesmodel.h"
#include "sources/sourcespanel.h"
#include "uitestutil.h"
#include "windowparts.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;
using namespace gdtest;

namespace {

constexpr int kTimeoutMs = 30000;

/// One server's logs in a folder: an access log with its offset and a zone-less error log with a 30 s outage.
bool writeServer(const QString& root, const char* offset, const char* day, const char* accessDay)
{
    QByteArray access;
    QByteArray errors;
    for (int second = 0; second < 60; second += 5) {
        const QByteArray clock = QStringLiteral("10:00:%1").arg(second, 2, 10, QChar(u'0')).toLatin1();
        const bool down = second < 30;
        access += "\"203.0.113.7\" www.example.com [" + QByteArray(accessDay) + ":" + clock + " " + offset +
                  "] \"GET /node/1 HTTP/1.1\" " + (down ? "502" : "200") +
                  " 150 412 313 \"-\" \"Mozilla/5.0\" 0.003 \"-\"\n";
        if (down)
            errors += QByteArray(day) + " " + clock +
                      " [crit] 4021#4021: *1 connect() to unix:/run/php.sock failed (2: No such file or "
                      "directory) while connecting to upstream, client: 203.0.113.7, server: example.com, "
                      "request: \"GET /node/1 HTTP/1.1\", upstream: \"fastcgi://unix:/run/php.sock:\", host: "
                      "\"www.example.com\"\n";
    }
    return writeFile(root + QStringLiteral("/var/log/nginx/access.log"), access) &&
           writeFile(root + QStringLiteral("/var/log/nginx/error.log"), errors);
}

/// The two lines a reporter posted in one thread (an nginx line and a PHP-FPM line, both without a date),
/// pasted together as one block.
QByteArray pastedThread()
{
    QByteArray text;
    for (const char* paste : {"paste-1.txt", "paste-2.txt"}) {
        QFile file(QStringLiteral(GD_TEST_DATA_DIR "/realworld/cases/gh-mail-in-a-box-mailinabox-515/") +
                   QLatin1String(paste));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        text += file.readAll();
    }
    return text;
}

} // namespace

class TestServersAndPastes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QVERIFY(settingsDir_.isValid());
        useTestSettings(settingsDir_.path(), QStringLiteral("tst_serversandpastes"));
        newYork_ = dir_.filePath(QStringLiteral("ny-web1"));
        sydney_ = dir_.filePath(QStringLiteral("syd-web1"));
        QVERIFY(writeServer(newYork_, "-0500", "2026/11/24", "24/Nov/2026"));
        QVERIFY(writeServer(sydney_, "+1100", "2026/11/25", "25/Nov/2026"));
        QVERIFY(!pastedThread().isEmpty());
    }

    void serversPastesAndUndatedLines()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);
        window.openInputs({newYork_, sydney_});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QClipboard* clipboard = QGuiApplication::clipboard();
        clipboard->setText(QString::fromUtf8(pastedThread()));
        if (clipboard->text().isEmpty())
            QSKIP("this platform has no clipboard");
        window.pasteLogLines();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);

        // Sources: one group per server (the two folders and the pasted lines).
        const SourcesModel& sources = *sourcesPanelOf(window)->model();
        QStringList groups;
        for (int row = 0; row < sources.rowCount(); ++row)
            groups << sources.index(row, 0).data().toString();
        QCOMPARE(groups, (QStringList{QStringLiteral("Server ny-web1"), QStringLiteral("Server pasted lines"),
                                      QStringLiteral("Server syd-web1")}));
        // The paste mixes an nginx and a PHP-FPM line: two sources of one file, one per kind.
        QStringList pastedKinds;
        for (const QString& path : allPaths(sources)) {
            if (path.contains(QStringLiteral("pasted-1.log")))
                pastedKinds << cell(findPath(sources, path), SourcesModel::KindColumn);
        }
        pastedKinds.sort();
        QCOMPARE(pastedKinds,
                 (QStringList{QStringLiteral("PHP-FPM log"), QStringLiteral("nginx error log")}));

        // Events: the pasted lines carry no time and say so; the server filter narrows to one server.
        EventsPanel* events = eventsPanelOf(window);
        const EventsModel& model = *events->model();
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, kTimeoutMs);
        int undated = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            undated +=
                model.index(row, EventsModel::TimeColumn).data().toString() == QStringLiteral("no time");
        QCOMPARE(undated, 2);
        auto* serverFilter = events->findChild<QComboBox*>(QStringLiteral("eventsServerFilter"));
        QVERIFY(serverFilter != nullptr);
        QVERIFY(serverFilter->isVisible());
        QCOMPARE(serverFilter->count(), 4); // all servers, then each of the three
        const int all = model.rowCount();
        serverFilter->setCurrentIndex(serverFilter->findText(QStringLiteral("ny-web1")));
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && model.rowCount() < all, kTimeoutMs);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.index(row, EventsModel::SourceColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("ny-web1: ")));
        serverFilter->setCurrentIndex(0);

        // The chart cannot place the undated lines and says how many it leaves out.
        auto* note = window.findChild<QLabel*>(QStringLiteral("timelineUndatedNote"));
        QVERIFY(note != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), kTimeoutMs);
        QCOMPARE(note->text(), QStringLiteral("2 events without a time are not on the chart"));

        // Incidents: one outage per folder server, at the same instant, named by server.
        auto* incidents = window.findChild<IncidentsPanel*>();
        QVERIFY(incidents != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(incidents->view()->model()->rowCount() >= 2, kTimeoutMs);
        QVERIFY(!incidents->view()->isColumnHidden(IncidentsModel::ServerColumn));
        QStringList servers;
        for (int row = 0; row < incidents->view()->model()->rowCount(); ++row)
            servers << incidents->view()->model()->index(row, IncidentsModel::ServerColumn).data().toString();
        QVERIFY2(servers.contains(QStringLiteral("ny-web1")) && servers.contains(QStringLiteral("syd-web1")),
                 qPrintable(servers.join(u',')));

        const QString shots = QStringLiteral(GD_BINARY_DIR "/screenshots");
        QDir().mkpath(shots);
        QVERIFY(window.grab().save(shots + QStringLiteral("/servers-and-pastes.png")));
    }

private:
    QTemporaryDir dir_;
    QTemporaryDir settingsDir_;
    QString newYork_;
    QString sydney_;
};

QTEST_MAIN(TestServersAndPastes)
#include "tst_serversandpastes.moc"
