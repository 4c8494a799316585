// Workbench sessions: the JSON form of WorkbenchSession (round trip, hostile and too-new files,
// damaged view state) and, on the offscreen platform, a session saved from one window and opened in
// a new one: inputs (with pasted lines), staff notes, selection, time display, filter and zoom come
// back; a moved folder of bundle + session still opens; missing inputs are reported; unsaved notes
// are asked about on close.

#include "events/eventsmodel.h"
#include "events/eventspanel.h"
#include "import/importresult.h"
#include "incidents/incidentdetailpanel.h"
#include "incidents/incidentworkbench.h"
#include "jobs/analysisjob.h"
#include "sessions/sessioncontroller.h"
#include "sessions/sessionmatch.h"
#include "sessions/sessionparticipant.h"
#include "sessions/workbenchsession.h"
#include "shell/mainwindow.h"
#include "shell/messagearea.h"
#include "shell/workbenchactions.h"
#include "shell/workspace.h"
#include "sources/sourcespanel.h"
#include "timeline/timelinechart.h"
#include "uitestutil.h"
#include "windowparts.h"

#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace gd;
using namespace gdtest;

namespace {

constexpr int kTimeoutMs = 60000;

/// Pasted lines: PHP-FPM master lines of the demo's day (no incident of their own).
const QString& pastedLines()
{
    static const QString text = QString::fromUtf8(fpmLog());
    return text;
}

WorkbenchSession fullSession()
{
    WorkbenchSession session;
    session.inputs.push_back({QStringLiteral("/srv/cases/4711/bundle.tar.gz"), {}, {}, {}});
    session.inputs.push_back(
        {{}, {}, QStringLiteral("[24-Nov-2026 10:51:32] NOTICE: ready\n"), QStringLiteral("pasted-1.log")});
    session.inputs.push_back({QStringLiteral("/srv/cases/4711/extra logs"), {}, {}, {}});
    session.notes.insert(QStringLiteral("2@1764012726999"),
                         QStringLiteral("Kunde bestätigt: Theme-Update\nzweite Zeile"));
    session.notes.insert(QStringLiteral("4@1764013000000"), QStringLiteral("\"quoted\" \\ and \t tab"));
    session.selectedIncident = SessionIncident{2, 1764012726999};
    session.selectedEvent =
        SessionEvent{2, QStringLiteral("var/log/nginx/access.log.1"), {}, 77, 1764012727000};
    session.timeDisplay = QStringLiteral("utc");
    EventsFilter filter;
    filter.kinds = EventsFilter::kindBit(LogKind::NginxAccess) | EventsFilter::kindBit(LogKind::FpmMaster);
    filter.minLevel = Level::Warning;
    filter.statusClasses = Status502 | Status504;
    filter.codes = {MessageCode::Request, MessageCode::FpmChildExitedSignal};
    filter.hostText = QStringLiteral("example.com");
    filter.text = QStringLiteral("^/node/[0-9]+$");
    filter.textIsRegex = true;
    filter.fromUtcMs = 1764012696999;
    filter.toUtcMs = 1764012786999;
    session.eventsFilter = filter;
    session.chartRange = SessionRange{1764012000000, 1764013000000};
    return session;
}

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts)
        list << QString::fromUtf8(text);
    return list;
}

QByteArray jsonOf(const QJsonObject& object)
{
    return QJsonDocument(object).toJson();
}

QJsonObject minimalJson()
{
    return QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("gateway-doctor-session")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("inputs"), QJsonArray{QJsonObject{{QStringLiteral("path"), demoBundle()}}}}};
}

QJsonObject with(QJsonObject object, const QString& key, const QJsonValue& value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

/// A part of a workbench that only records its turns; its restore waits until finish() is called.
class RecordingParticipant : public SessionParticipant {
public:
    RecordingParticipant(QString name, QStringList* calls, bool waits)
        : name_(std::move(name))
        , calls_(calls)
        , waits_(waits)
    {
    }
    void captureSession(WorkbenchSession& session, const SessionScope& scope) const override
    {
        *calls_ << name_ + QStringLiteral(":capture %1").arg(scope.inputs.size());
        session.notes.insert(name_, QStringLiteral("kept by ") + name_);
    }
    void restoreBeforeImport(const WorkbenchSession& session) override
    {
        *calls_ << name_ + QStringLiteral(":early ") + session.notes.value(name_);
    }
    void restoreSession(const WorkbenchSession&, const SessionScope& scope,
                        const SessionRestoreStep& step) override
    {
        *calls_ << name_ + QStringLiteral(":restore %1").arg(scope.import ? scope.import->sources.size() : 0);
        done_ = step.done;
        guard_ = step.guard;
        if (!waits_)
            finish();
    }
    void watchEdits(std::function<void()> edited) override { edited_ = std::move(edited); }

    void finish() { done_(); }
    void edit() { edited_(); }
    bool hasGuard() const { return guard_ != nullptr; }

private:
    QString name_;
    QStringList* calls_;
    bool waits_;
    std::function<void()> done_;
    std::function<void()> edited_;
    QPointer<QObject> guard_;
};

/// A prompt that must not be asked.
SessionController::SaveAnswer failIfAsked(const QString& name)
{
    qWarning("unexpected save prompt for %s", qPrintable(name));
    return SessionController::SaveAnswer::Cancel;
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QVERIFY(settingsDir_.isValid());
        gdtest::useTestSettings(settingsDir_.path(), QStringLiteral("tst_session"));
        QVERIFY(QFileInfo::exists(demoBundle()));
    }

    void init() { QSettings().clear(); }

    void jsonRoundTrip()
    {
        const WorkbenchSession session = fullSession();
        const QByteArray json = session.toJson(QStringLiteral("/srv/cases"));
        QString error;
        const auto back = WorkbenchSession::fromJson(json, QStringLiteral("case.gdsession"), &error);
        QVERIFY2(back, qPrintable(error));
        // Paths are also written relative to the session's folder.
        QCOMPARE(back->inputs[0].relativePath, QStringLiteral("4711/bundle.tar.gz"));
        QCOMPARE(back->inputs[2].relativePath, QStringLiteral("4711/extra logs"));
        WorkbenchSession expected = session;
        expected.inputs[0].relativePath = back->inputs[0].relativePath;
        expected.inputs[2].relativePath = back->inputs[2].relativePath;
        QVERIFY(*back == expected);
        // Stable names, not enum numbers, and the version that was written.
        QVERIFY(json.contains("\"nginx-access\""));
        QVERIFY(json.contains("\"version\": 1"));

        // The view state is optional: an empty session round-trips too.
        const auto empty =
            WorkbenchSession::fromJson(WorkbenchSession().toJson(), QStringLiteral("e"), &error);
        QVERIFY2(empty, qPrintable(error));
        QVERIFY(*empty == WorkbenchSession());
    }

    void rejectsDamagedFiles_data()
    {
        // Only what cannot be a session of this version is refused; the message names the file.
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QJsonObject ok = minimalJson();
        QTest::newRow("empty") << QByteArray() << "not a Gateway Doctor session";
        QTest::newRow("binary") << QByteArray("\x1f\x8b\x08\0\xff\xfe garbage\0\0", 16)
                                << "not a Gateway Doctor session";
        // Cut short: the parse error and where it is.
        const QByteArray full = jsonOf(ok);
        QTest::newRow("truncated") << full.left(full.size() - 20)
                                   << QStringLiteral("damaged Gateway Doctor session and cannot be read: ");
        QTest::newRow("truncated at byte")
            << full.left(full.size() - 20) << QStringLiteral(" of %1").arg(full.size() - 20);
        QTest::newRow("truncated head") << full.left(40) << "not a Gateway Doctor session";
        QTest::newRow("array") << QByteArray("[1, 2, 3]") << "not a Gateway Doctor session";
        QTest::newRow("other json") << QByteArray(R"({"name": "package", "version": 1})")
                                    << "not a Gateway Doctor session";
        QTest::newRow("wrong schema") << jsonOf(with(ok, QStringLiteral("schema"), QStringLiteral("x")))
                                      << "not a Gateway Doctor session";
        QTest::newRow("too new") << jsonOf(with(ok, QStringLiteral("version"), 2)) << "newer Gateway Doctor";
        QTest::newRow("far too new") << jsonOf(with(ok, QStringLiteral("version"), 1e300))
                                     << "newer Gateway Doctor";
        QByteArray deep;
        for (int i = 0; i < 100000; ++i)
            deep += '[';
        QTest::newRow("deep nesting") << deep << "not a Gateway Doctor session";
    }

    void rejectsDamagedFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!WorkbenchSession::fromJson(content, QStringLiteral("/cases/broken.gdsession"), &error));
        QVERIFY2(error.contains(QStringLiteral("/cases/broken.gdsession")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));

        // The same through the file, which the message names.
        const QString path = dir_.filePath(QStringLiteral("broken.gdsession"));
        QVERIFY(writeFile(path, content));
        QVERIFY(!WorkbenchSession::load(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void opensWhatItCan_data()
    {
        // Hand-edited or damaged content: the broken entry is left out with a message naming the
        // file, the field and the entry; everything else opens.
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("expected"); // one problem each, in this order
        QTest::addColumn<int>("inputs");
        QTest::addColumn<QStringList>("notes");
        const QJsonObject ok = with(minimalJson(), QStringLiteral("notes"),
                                    QJsonObject{{QStringLiteral("1@5"), QStringLiteral("first")}});
        const QStringList first{QStringLiteral("1@5")};
        QTest::newRow("no version") << jsonOf(with(ok, QStringLiteral("version"), QJsonValue::Undefined))
                                    << strings(
                                           {"no valid session format version (\"version\"); it was read as "
                                            "format 1"})
                                    << 1 << first;
        QTest::newRow("text version") << jsonOf(with(ok, QStringLiteral("version"), QStringLiteral("1")))
                                      << strings({"no valid session format version"}) << 1 << first;
        QTest::newRow("fractional version") << jsonOf(with(ok, QStringLiteral("version"), 0.5))
                                            << strings({"no valid session format version"}) << 1 << first;
        QTest::newRow("no inputs") << jsonOf(with(ok, QStringLiteral("inputs"), QJsonValue::Undefined))
                                   << strings({"does not list its inputs (\"inputs\")"}) << 0 << first;
        QTest::newRow("inputs not a list")
            << jsonOf(with(ok, QStringLiteral("inputs"), QStringLiteral("/tmp/a.log")))
            << strings({"its inputs (\"inputs\") are not a list"}) << 0 << first;
        QTest::newRow("broken inputs")
            << jsonOf(with(ok, QStringLiteral("inputs"),
                           QJsonArray{QJsonObject{{QStringLiteral("path"), demoBundle()}}, 42,
                                      QJsonObject{{QStringLiteral("path"), QString()}},
                                      QJsonObject{{QStringLiteral("pasted"), 7}}, QJsonObject(),
                                      QJsonObject{{QStringLiteral("pasted"), QStringLiteral("x\n")},
                                                  {QStringLiteral("name"), QStringLiteral("pasted-1.log")}}}))
            << strings({"input 2 was left out: it is not an object",
                        "input 3 was left out: its \"path\" is not a file name",
                        "input 4 was left out: its \"pasted\" lines are not text",
                        "input 5 was left out: it names neither a file (\"path\") nor pasted text"})
            << 2 << first;
        QTest::newRow("notes a list")
            << jsonOf(with(ok, QStringLiteral("notes"), QJsonArray{QStringLiteral("x")}))
            << strings({"staff notes (\"notes\") are not readable"}) << 1 << QStringList();
        QTest::newRow("one note a number")
            << jsonOf(with(ok, QStringLiteral("notes"),
                           QJsonObject{{QStringLiteral("2@1"), 3},
                                       {QStringLiteral("1@5"), QStringLiteral("first")},
                                       {QStringLiteral("3@9"), QJsonObject()}}))
            << strings({"the staff note of 2@1 was left out: it is not text",
                        "the staff note of 3@9 was left out: it is not text"})
            << 1 << first;
        QJsonObject future = ok;
        future.insert(QStringLiteral("comingInVersion7"), QJsonArray{1, 2});
        future.insert(QStringLiteral("savedBy"), 12);
        QJsonArray inputs = future.value(QStringLiteral("inputs")).toArray();
        QJsonObject input = inputs.at(0).toObject();
        input.insert(QStringLiteral("checksum"), QStringLiteral("abc"));
        inputs.replace(0, input);
        future.insert(QStringLiteral("inputs"), inputs);
        QTest::newRow("unknown fields") << jsonOf(future) << QStringList() << 1 << first;
    }

    void opensWhatItCan()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, expected);
        QFETCH(int, inputs);
        QFETCH(QStringList, notes);
        const QString path = dir_.filePath(QStringLiteral("hand-edited.gdsession"));
        QVERIFY(writeFile(path, content));
        QString error;
        std::vector<Diagnostic> problems;
        const auto session = WorkbenchSession::load(path, &error, &problems);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(static_cast<int>(session->inputs.size()), inputs);
        QCOMPARE(session->notes.keys(), notes);
        QStringList texts;
        for (const Diagnostic& problem : problems) {
            QCOMPARE(problem.path, path);
            texts << problem.toText();
        }
        QCOMPARE(texts.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QVERIFY2(texts[i].startsWith(path + QStringLiteral(": ")), qPrintable(texts[i]));
            QVERIFY2(texts[i].contains(expected[i]), qPrintable(texts[i]));
        }
    }

    void selectedEventFollowsItsInput()
    {
        // Input 1 of the file is broken: the event in input 2 is now in the session's input 1; an
        // event in the broken input is left out with it.
        QJsonObject json = minimalJson();
        json.insert(
            QStringLiteral("inputs"),
            QJsonArray{QStringLiteral("broken"), QJsonObject{{QStringLiteral("path"), demoBundle()}}});
        json.insert(QStringLiteral("selectedEvent"),
                    QJsonObject{{QStringLiteral("input"), 1}, {QStringLiteral("line"), 7}});
        QString error;
        std::vector<Diagnostic> problems;
        auto session = WorkbenchSession::fromJson(jsonOf(json), QStringLiteral("s"), &error, &problems);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(problems.size(), std::size_t{1});
        QVERIFY(session->selectedEvent);
        QCOMPARE(session->selectedEvent->input, 0);
        QCOMPARE(session->selectedEvent->line, 7u);

        json.insert(QStringLiteral("selectedEvent"),
                    QJsonObject{{QStringLiteral("input"), 0}, {QStringLiteral("line"), 7}});
        problems.clear();
        session = WorkbenchSession::fromJson(jsonOf(json), QStringLiteral("s"), &error, &problems);
        QVERIFY2(session, qPrintable(error));
        QVERIFY(!session->selectedEvent);
        QCOMPARE(problems.size(), std::size_t{2});
        QVERIFY2(
            problems[1].message.contains(QStringLiteral("selected event was left out: it is in input 1")),
            qPrintable(problems[1].message));
    }

    void hugeFiles()
    {
        // Over the limit: refused before it is read (a sparse file costs no disk), naming the file.
        const QString huge = dir_.filePath(QStringLiteral("huge.gdsession"));
        {
            QFile file(huge);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.write("{\"schema\": \"gateway-doctor-session\", ") > 0);
            QVERIFY(file.resize(WorkbenchSession::kMaxFileBytes + 1));
        }
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!WorkbenchSession::load(huge, &error));
        QVERIFY2(error.contains(huge) && error.contains(QStringLiteral("too big")) &&
                     error.contains(QStringLiteral("256 MiB")),
                 qPrintable(error));
        QVERIFY(clock.elapsed() < 2000);

        // Big but within it: 8 MB of pasted lines and a long note open whole.
        WorkbenchSession big;
        QString lines;
        while (lines.size() < (8 << 20))
            lines += pastedLines();
        big.inputs.push_back({{}, {}, lines, QStringLiteral("pasted-1.log")});
        big.notes.insert(QStringLiteral("1@5"), QString(200000, u'n'));
        const QString path = dir_.filePath(QStringLiteral("big.gdsession"));
        QVERIFY2(big.save(path, &error), qPrintable(error));
        std::vector<Diagnostic> problems;
        const auto back = WorkbenchSession::load(path, &error, &problems);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(problems.empty());
        QVERIFY(*back == big);
    }

    void toleratesDamagedViewState()
    {
        QJsonObject json = minimalJson();
        json.insert(QStringLiteral("comingInVersion7"), QJsonObject{{QStringLiteral("x"), 1}});
        json.insert(QStringLiteral("selectedIncident"), QStringLiteral("two"));
        json.insert(QStringLiteral("selectedEvent"),
                    QJsonObject{{QStringLiteral("input"), 5}, {QStringLiteral("line"), 3}});
        json.insert(QStringLiteral("timeDisplay"), QStringLiteral("mars"));
        json.insert(QStringLiteral("eventsFilter"),
                    QJsonObject{{QStringLiteral("kinds"),
                                 QJsonArray{QStringLiteral("nginx-access"), QStringLiteral("bogus"), 7}},
                                {QStringLiteral("minLevel"), 99},
                                {QStringLiteral("statusClasses"), -1},
                                {QStringLiteral("codes"), QJsonObject()},
                                {QStringLiteral("fromMs"), 1e200},
                                {QStringLiteral("text"), 12}});
        json.insert(QStringLiteral("chartRange"),
                    QJsonObject{{QStringLiteral("fromMs"), 10}, {QStringLiteral("toMs"), 5}});
        QString error;
        std::vector<Diagnostic> problems;
        const auto session = WorkbenchSession::fromJson(jsonOf(json), QStringLiteral("s"), &error, &problems);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->inputs.size(), std::size_t{1});
        QVERIFY(session->notes.isEmpty()); // missing notes: none
        // Each damaged part of the view is named; the filter's own bad entries fall back quietly.
        QStringList texts;
        for (const Diagnostic& problem : problems)
            texts << problem.toText();
        QCOMPARE(texts,
                 (QStringList{
                     QStringLiteral("s: the selected incident (\"selectedIncident\") was left out: it "
                                    "needs a whole \"id\" and \"startMs\""),
                     QStringLiteral("s: the selected event (\"selectedEvent\") was left out: it needs the "
                                    "number of one of the session's inputs (\"input\") and a \"line\""),
                     QStringLiteral("s: the time display (\"timeDisplay\") is not one this version knows; "
                                    "the window's own was kept"),
                     QStringLiteral("s: the chart's zoom (\"chartRange\") was left out: it needs whole "
                                    "\"fromMs\" before \"toMs\"")}));
        QVERIFY(!session->selectedIncident);
        QVERIFY(!session->selectedEvent);
        QVERIFY(session->timeDisplay.isEmpty());
        QVERIFY(!session->chartRange);
        QVERIFY(session->eventsFilter);
        QCOMPARE(session->eventsFilter->kinds, EventsFilter::kindBit(LogKind::NginxAccess));
        QCOMPARE(session->eventsFilter->minLevel, Level::None);
        QCOMPARE(int(session->eventsFilter->statusClasses), 0x3F); // known bits only
        QVERIFY(session->eventsFilter->codes.empty());
        QVERIFY(!session->eventsFilter->hasTimeRange());
        QVERIFY(session->eventsFilter->text.isEmpty());
    }

    void filesOnDisk()
    {
        QString error;
        const QString missing = dir_.filePath(QStringLiteral("nowhere.gdsession"));
        QVERIFY(!WorkbenchSession::load(missing, &error));
        QVERIFY2(error.contains(missing), qPrintable(error));

        const QString path = dir_.filePath(QStringLiteral("disk/case.gdsession"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        WorkbenchSession session = fullSession();
        QVERIFY2(session.save(path, &error), qPrintable(error));
        const auto back = WorkbenchSession::load(path, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->notes, session.notes);
        QCOMPARE(back->inputs[0].relativePath,
                 QDir(QFileInfo(path).absolutePath()).relativeFilePath(session.inputs[0].path));
        // Replaced only by a complete file; a folder that cannot be written says where.
        QVERIFY(!session.save(dir_.filePath(QStringLiteral("no/such/folder/x.gdsession")), &error));
        QVERIFY2(error.contains(QStringLiteral("x.gdsession")), qPrintable(error));
        QVERIFY(WorkbenchSession::load(path, &error));

        // Recognised by extension, or by content under another name; logs and folders are not.
        QVERIFY(WorkbenchSession::looksLikeSession(path));
        QVERIFY(WorkbenchSession::looksLikeSession(dir_.filePath(QStringLiteral("not-there.GDSESSION"))));
        const QString renamed = dir_.filePath(QStringLiteral("disk/case.json"));
        QVERIFY(QFile::copy(path, renamed));
        QVERIFY(WorkbenchSession::looksLikeSession(renamed));
        QVERIFY(!WorkbenchSession::looksLikeSession(demoBundle()));
        QVERIFY(!WorkbenchSession::looksLikeSession(dir_.path()));
        const QString log = dir_.filePath(QStringLiteral("disk/access.log"));
        QVERIFY(writeFile(log, accessLog()));
        QVERIFY(!WorkbenchSession::looksLikeSession(log));

        // Inputs are found where they were, else next to the session.
        SessionInput input{
            dir_.filePath(QStringLiteral("gone/access.log")), QStringLiteral("access.log"), {}, {}};
        QCOMPARE(WorkbenchSession::locate(input, path), log);
        input.path = log;
        input.relativePath = QStringLiteral("elsewhere.log");
        QCOMPARE(WorkbenchSession::locate(input, path), log);
        input.path = dir_.filePath(QStringLiteral("gone/access.log"));
        QVERIFY(WorkbenchSession::locate(input, path).isEmpty());
    }

    void incidentFoundAgain()
    {
        AnalysisResult analysis;
        Incident a;
        a.id = 1;
        a.startMs = 1000;
        a.endMs = 5000;
        Incident b;
        b.id = 2;
        b.startMs = 9000;
        b.endMs = 9500;
        analysis.incidents = {a, b};
        QCOMPARE(findSessionIncident(analysis, {2, 9000}), 2);
        QCOMPARE(findSessionIncident(analysis, {7, 9000}), 2);  // renumbered
        QCOMPARE(findSessionIncident(analysis, {1, 1200}), 1);  // start moved inside
        QCOMPARE(findSessionIncident(analysis, {2, 7000}), -1); // gone: no wrong guess
    }

    void savedSessionReopensInNewWindow()
    {
        const QString sessionPath = dir_.filePath(QStringLiteral("e2e/case 4711.gdsession"));
        QDir().mkpath(QFileInfo(sessionPath).absolutePath());
        QMap<QString, QString> notes;
        int incidentId = -1;
        std::int64_t incidentStart = 0;
        SessionEvent event;
        std::int64_t chartFrom = 0;
        std::int64_t chartTo = 0;
        EventsFilter filter;
        {
            MainWindow window;
            sessionsOf(window)->setSavePrompt(failIfAsked);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(!actionsOf(window)->saveSession()->isEnabled()); // nothing to save yet
            window.openInputs({demoBundle()});
            QVERIFY(waitForAnalysis(window, 1));
            QString error;
            QVERIFY2(workspaceOf(window)->openPastedText(pastedLines(), &error), qPrintable(error));
            QVERIFY(waitForAnalysis(window, 2));
            QVERIFY(actionsOf(window)->saveSession()->isEnabled());
            QCOMPARE(actionsOf(window)->saveSession()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_S));
            QCOMPARE(actionsOf(window)->saveSessionAs()->shortcut(),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));

            window.setTimeDisplayMode(TimeDisplay::Mode::Utc);
            IncidentWorkbench* bench = incidentsOf(window);
            bench->selectIncident(2);
            QCOMPARE(bench->selectedIncident(), 2);
            incidentId = 2;
            for (const Incident& incident : bench->analysis()->incidents) {
                if (incident.id == 2)
                    incidentStart = incident.startMs;
            }
            QVERIFY(!window.isWindowModified());
            bench->detailPanel()->noteEditor()->setPlainText(
                QStringLiteral("Customer confirmed the theme upgrade."));
            QVERIFY(sessionsOf(window)->isModified());
            QVERIFY(window.isWindowModified());
            QVERIFY(window.windowTitle().contains(QStringLiteral("[*]")));
            notes = bench->detailPanel()->notes();
            QCOMPARE(notes.size(), 1);

            // Only 502 and 504 within the incident; the second of them selected.
            EventsPanel* events = eventsPanelOf(window);
            QTRY_VERIFY_WITH_TIMEOUT(!events->isFiltering(), kTimeoutMs);
            filter = events->filter();
            QVERIFY(filter.hasTimeRange());
            filter.statusClasses = Status502 | Status504;
            events->setFilter(filter);
            QTRY_VERIFY_WITH_TIMEOUT(!events->isFiltering(), kTimeoutMs);
            QVERIFY(events->model()->rowCount() >= 2);
            events->view()->setCurrentIndex(events->model()->index(1, 0));
            const QModelIndex current = events->view()->currentIndex();
            const auto import = workspaceOf(window)->result();
            const auto source =
                sessionEventSource(import->sources[current.data(EventsModel::SourceRole).toUInt()].location,
                                   workspaceOf(window)->loadedInputs().paths());
            QVERIFY(source);
            event = *source;
            event.line = current.data(EventsModel::LineRole).toUInt();
            QCOMPARE(event.input, 0); // in the bundle

            QTRY_VERIFY_WITH_TIMEOUT(bench->chart()->isReady(), kTimeoutMs);
            bench->chart()->setVisibleRange(incidentStart - 600'000, incidentStart + 900'000);
            chartFrom = bench->chart()->visibleFrom();
            chartTo = bench->chart()->visibleTo();

            QVERIFY(sessionsOf(window)->saveTo(sessionPath));
            QVERIFY(QFileInfo::exists(sessionPath));
            QVERIFY(!window.isWindowModified());
            QVERIFY(window.windowTitle().contains(QStringLiteral("case 4711")));
            QVERIFY(window.close()); // saved: no question
        }

        MainWindow window;
        sessionsOf(window)->setSavePrompt(failIfAsked);
        window.setTimeDisplayMode(TimeDisplay::Mode::ThisComputer); // the session must bring UTC back
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy restored(sessionsOf(window), &SessionController::restored);
        // The way the command line, drops and Open Recent come in.
        window.openInputs({sessionPath});
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, kTimeoutMs);
        QCOMPARE(restored.at(0).at(0).toBool(), true);

        const QStringList inputs = workspaceOf(window)->loadedInputs().paths();
        QCOMPARE(inputs.size(), 2);
        QCOMPARE(inputs[0], QDir::cleanPath(demoBundle()));
        QVERIFY(workspaceOf(window)->isPasted(inputs[1]));
        QFile pasted(inputs[1]);
        QVERIFY(pasted.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(pasted.readAll()), pastedLines());

        IncidentWorkbench* bench = incidentsOf(window);
        QCOMPARE(bench->selectedIncident(), incidentId);
        QCOMPARE(bench->detailPanel()->incidentId(), incidentId);
        QCOMPARE(bench->detailPanel()->notes(), notes);
        QCOMPARE(bench->detailPanel()->noteEditor()->toPlainText(),
                 QStringLiteral("Customer confirmed the theme upgrade."));
        QCOMPARE(window.timeDisplay().mode(), TimeDisplay::Mode::Utc);
        QCOMPARE(eventsPanelOf(window)->filter(), filter);
        const QModelIndex current = eventsPanelOf(window)->view()->currentIndex();
        QVERIFY(current.isValid());
        const auto import = workspaceOf(window)->result();
        const auto source = sessionEventSource(
            import->sources[current.data(EventsModel::SourceRole).toUInt()].location, inputs);
        QVERIFY(source);
        QCOMPARE(source->input, event.input);
        QCOMPARE(source->members, event.members);
        QCOMPARE(current.data(EventsModel::LineRole).toUInt(), event.line);
        QCOMPARE(bench->chart()->visibleFrom(), chartFrom);
        QCOMPARE(bench->chart()->visibleTo(), chartTo);
        QVERIFY(window.windowTitle().contains(QStringLiteral("case 4711")));
        QVERIFY(!window.isWindowModified());
        QVERIFY(QSettings()
                    .value(QStringLiteral("recentFiles"))
                    .toStringList()
                    .contains(QDir::cleanPath(sessionPath)));
    }

    void movedFolderReopens()
    {
        const QString before = dir_.filePath(QStringLiteral("move-before"));
        const QString after = dir_.filePath(QStringLiteral("move-after"));
        QVERIFY(QDir().mkpath(before));
        QVERIFY(QFile::copy(demoBundle(), before + QStringLiteral("/bundle.tar.gz")));
        {
            MainWindow window;
            window.openInputs({before + QStringLiteral("/bundle.tar.gz")});
            QVERIFY(waitForAnalysis(window, 1));
            QVERIFY(sessionsOf(window)->saveTo(before + QStringLiteral("/case.gdsession")));
        }
        QVERIFY(QDir().rename(before, after));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy restored(sessionsOf(window), &SessionController::restored);
        QVERIFY(gdtest::drop(&window, {after + QStringLiteral("/case.gdsession")}));
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, kTimeoutMs);
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(),
                 QStringList{after + QStringLiteral("/bundle.tar.gz")});
        QCOMPARE(sourcesPanelOf(window)->messages()->messageCount(),
                 static_cast<int>(workspaceOf(window)->result()->diagnostics.size()));
    }

    void missingInputsAreReported()
    {
        QJsonObject json = minimalJson();
        const QString gone = dir_.filePath(QStringLiteral("gone/php-fpm.log"));
        json.insert(QStringLiteral("inputs"), QJsonArray{QJsonObject{{QStringLiteral("path"), demoBundle()}},
                                                         QJsonObject{{QStringLiteral("path"), gone}}});
        const QString path = dir_.filePath(QStringLiteral("missing.gdsession"));
        QVERIFY(writeFile(path, jsonOf(json)));

        MainWindow window;
        QSignalSpy restored(sessionsOf(window), &SessionController::restored);
        window.openInputs({path});
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("could not be opened")));
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, kTimeoutMs);
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(), QStringList{QDir::cleanPath(demoBundle())});
        MessageArea* messages = sourcesPanelOf(window)->messages();
        QCOMPARE(messages->messageCount(),
                 static_cast<int>(workspaceOf(window)->result()->diagnostics.size()) + 1);
        QVERIFY(!messages->isHidden());
        QVERIFY(messages->headerText().contains(QStringLiteral("error")));

        // A broken session leaves what is open alone and says why, naming the file.
        const QString broken = dir_.filePath(QStringLiteral("broken-e2e.gdsession"));
        QVERIFY(
            writeFile(broken, "{\"schema\": \"gateway-doctor-session\", \"version\": 9, \"inputs\": []}"));
        window.openInputs({broken});
        QVERIFY(window.statusBar()->currentMessage().contains(broken));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("newer")));
        QVERIFY(!workspaceOf(window)->isImporting());
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(), QStringList{QDir::cleanPath(demoBundle())});
    }

    void damagedSessionOpensWhatItCan()
    {
        // A hand-edited session in the window: the good input and note open, the message area
        // lists each part left out (naming the file) before the import's own messages.
        QJsonObject json = minimalJson();
        json.insert(QStringLiteral("inputs"), QJsonArray{QJsonObject{{QStringLiteral("path"), demoBundle()}},
                                                         QJsonObject{{QStringLiteral("path"), 3}}});
        json.insert(QStringLiteral("notes"), QJsonObject{{QStringLiteral("1@5"), QStringLiteral("kept")},
                                                         {QStringLiteral("2@6"), QJsonArray{}}});
        const QString path = dir_.filePath(QStringLiteral("hand-edited-e2e.gdsession"));
        QVERIFY(writeFile(path, jsonOf(json)));

        MainWindow window;
        QSignalSpy restored(sessionsOf(window), &SessionController::restored);
        window.openInputs({path});
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("2 damaged part(s)")),
                 qPrintable(window.statusBar()->currentMessage()));
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, kTimeoutMs);
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(), QStringList{QDir::cleanPath(demoBundle())});
        QCOMPARE(incidentsOf(window)->detailPanel()->notes(),
                 (QMap<QString, QString>{{QStringLiteral("1@5"), QStringLiteral("kept")}}));
        MessageArea* messages = sourcesPanelOf(window)->messages();
        QVERIFY(!messages->isHidden());
        QCOMPARE(messages->messageCount(),
                 static_cast<int>(workspaceOf(window)->result()->diagnostics.size()) + 2);
        auto* list = messages->findChild<QListWidget*>(QStringLiteral("messagesList"));
        QVERIFY(list);
        QCOMPARE(list->item(0)->text(),
                 path + QStringLiteral(": input 2 was left out: its \"path\" is not a file name"));
        QCOMPARE(list->item(1)->text(),
                 path + QStringLiteral(": the staff note of 2@6 was left out: it is not text"));
        QVERIFY(!window.isWindowModified());

        // Refused outright (not JSON): what is open stays, a warning names the file and the byte.
        const QString cut = dir_.filePath(QStringLiteral("cut-e2e.gdsession"));
        QVERIFY(writeFile(cut, jsonOf(minimalJson()).left(60) + "\"schema\": \"gateway-doctor-session\""));
        window.openInputs({cut});
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>()) != nullptr);
        QVERIFY2(box->text().contains(cut) && box->text().contains(QStringLiteral("at byte")),
                 qPrintable(box->text()));
        box->close();
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(), QStringList{QDir::cleanPath(demoBundle())});
    }

    void participantsTakeTurns()
    {
        // The controller knows no panel: any part of a window that takes part is saved and restored,
        // each in its turn, the next one only when the one before is done.
        const QString log = dir_.filePath(QStringLiteral("turns/access.log"));
        QVERIFY(writeFile(log, accessLog()));
        QWidget window;
        Workspace workspace;
        WorkbenchActions actions(&window);
        QStringList calls;
        RecordingParticipant first(QStringLiteral("first"), &calls, true);
        RecordingParticipant second(QStringLiteral("second"), &calls, false);
        SessionController sessions(&window, &workspace, &actions, {&first, &second});
        sessions.setSavePrompt([](const QString&) { return SessionController::SaveAnswer::Discard; });

        QSignalSpy imported(&workspace, &Workspace::importFinished);
        QVERIFY(workspace.open({log}));
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, kTimeoutMs);
        QVERIFY(!sessions.isModified());
        first.edit(); // what a participant reports as edited makes the session modified
        QVERIFY(sessions.isModified());

        const QString path = dir_.filePath(QStringLiteral("turns/turns.gdsession"));
        QVERIFY(sessions.saveTo(path));
        QCOMPARE(calls, (QStringList{QStringLiteral("first:capture 1"), QStringLiteral("second:capture 1")}));
        calls.clear();

        QSignalSpy restored(&sessions, &SessionController::restored);
        QVERIFY(sessions.openSession(path));
        QCOMPARE(calls, (QStringList{QStringLiteral("first:early kept by first"),
                                     QStringLiteral("second:early kept by second")}));
        QTRY_COMPARE_WITH_TIMEOUT(calls.size(), 3, kTimeoutMs);
        QCOMPARE(calls.last(), QStringLiteral("first:restore 1"));
        QVERIFY(sessions.isRestoring());
        QTest::qWait(50);
        QCOMPARE(calls.size(), 3); // the second waits for the first
        QVERIFY(restored.isEmpty());
        first.finish();
        QCOMPARE(calls.last(), QStringLiteral("second:restore 1"));
        QCOMPARE(restored.count(), 1);
        QCOMPARE(restored.at(0).at(0).toBool(), true);
        QVERIFY(!sessions.isRestoring());
        QTRY_VERIFY(!first.hasGuard()); // the guard its waits were connected to is gone
        first.finish();                 // a late call of an abandoned turn changes nothing
        QCOMPARE(calls.size(), 4);
        QCOMPARE(restored.count(), 1);
    }

    void closeAsksAboutUnsavedNotes()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openInputs({demoBundle()});
        QVERIFY(waitForAnalysis(window, 1));
        incidentsOf(window)->selectIncident(1);
        incidentsOf(window)->detailPanel()->noteEditor()->setPlainText(QStringLiteral("to be decided"));
        QVERIFY(window.isWindowModified());

        int asked = 0;
        auto answer = SessionController::SaveAnswer::Cancel;
        sessionsOf(window)->setSavePrompt([&](const QString&) {
            ++asked;
            return answer;
        });
        QVERIFY(!window.close()); // cancelled: the window stays
        QCOMPARE(asked, 1);
        QVERIFY(window.isVisible());

        // Save without a session file asks for one; declining it keeps the window too.
        answer = SessionController::SaveAnswer::Save;
        QString suggested;
        sessionsOf(window)->setPathPrompt([&](bool saving, const QString& suggestion) {
            suggested = saving ? suggestion : QString();
            return QString();
        });
        QVERIFY(!window.close());
        QCOMPARE(asked, 2);
        QCOMPARE(suggested,
                 QFileInfo(demoBundle()).absolutePath() + QStringLiteral("/demo-bundle.gdsession"));

        // ... and a chosen name (the extension added) saves, then closes.
        const QString chosen = dir_.filePath(QStringLiteral("closing"));
        sessionsOf(window)->setPathPrompt([&](bool, const QString&) { return chosen; });
        QVERIFY(window.close());
        QCOMPARE(asked, 3);
        QVERIFY(QFileInfo::exists(chosen + QStringLiteral(".gdsession")));

        MainWindow other;
        other.openInputs({demoBundle()});
        QVERIFY(waitForAnalysis(other, 1));
        incidentsOf(other)->selectIncident(1);
        incidentsOf(other)->detailPanel()->noteEditor()->setPlainText(QStringLiteral("discard me"));
        sessionsOf(other)->setSavePrompt(
            [](const QString&) { return SessionController::SaveAnswer::Discard; });
        QVERIFY(other.close());
    }

private:
    QTemporaryDir dir_;
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
