// The events table: the virtual model over a real import, the column filter against counts worked
// out by hand from the log lines below (and against a naive per-event evaluation), the panel, and
// printed filter timings for a big generated access log.

#include "events/eventsfilter.h"
#include "events/eventsmodel.h"
#include "events/eventspanel.h"
#include "import/importer.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace gd;

namespace {

bool writeLog(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

/// One BOA access line ($client $host [$time_local] "$request" $status ... $request_time).
QByteArray accessLine(const char* client, const char* host, const char* time, const char* request, int status)
{
    return QByteArray("\"") + client + "\" " + host + " [" + time + "] \"" + request + " HTTP/1.1\" " +
           QByteArray::number(status) + " 150 412 313 \"-\" \"Mozilla/5.0\" 0.250 \"-\"\n";
}

// Six requests (+0100): statuses 502, 504, 200, 500, 404, 301.
QByteArray accessLog()
{
    return accessLine("203.0.113.7", "www.example.com", "24/Nov/2026:10:51:32 +0100", "GET /node/12", 502) +
           accessLine("198.51.100.20", "example.com", "24/Nov/2026:11:02:55 +0100",
                      "GET /admin/reports/updates", 504) +
           accessLine("192.0.2.44", "o1.srv.example.net", "24/Nov/2026:11:03:01 +0100",
                      "GET /hosting/tasks/123/list", 200) +
           accessLine("203.0.113.8", "shop.example.org", "24/Nov/2026:11:10:00 +0100", "POST /cart/checkout",
                      500) +
           accessLine("203.0.113.9", "shop.example.org", "24/Nov/2026:11:20:00 +0100", "GET /robots.txt",
                      404) +
           accessLine("203.0.113.7", "www.example.com", "24/Nov/2026:11:30:00 +0100", "GET /user/login", 301);
}

// Three nginx errors: crit, error, error; hosts www.example.com, example.com, example.com.
QByteArray errorLog()
{
    return QByteArrayLiteral(
        "2026/11/24 10:51:32 [crit] 4021#4021: *8812391 connect() to unix:/var/run/o1.83.fpm.socket failed "
        "(2: No "
        "such file or directory) while connecting to upstream, client: 203.0.113.7, server: example.com, "
        "request: "
        "\"GET /node/12 HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: "
        "\"www.example.com\"\n"
        "2026/11/24 11:02:55 [error] 4021#4021: *8813001 upstream timed out (110: Connection timed out) "
        "while "
        "reading response header from upstream, client: 198.51.100.20, server: example.com, request: \"GET "
        "/admin/reports/updates HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: "
        "\"example.com\"\n"
        "2026/11/24 11:05:10 [error] 4022#4022: *8813420 upstream prematurely closed connection while "
        "reading "
        "response header from upstream, client: 198.51.100.20, server: example.com, request: \"POST "
        "/admin/structure/views/view/frontpage/edit HTTP/2.0\", upstream: "
        "\"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: \"example.com\"\n");
}

// Two FPM master lines: WARNING (child exited on signal), NOTICE (child started), pool o1.83.
QByteArray fpmLog()
{
    return QByteArrayLiteral("[24-Nov-2026 10:51:32] WARNING: [pool o1.83] child 23456 exited on signal 11 "
                             "(SIGSEGV) after 312.847521 seconds from start\n"
                             "[24-Nov-2026 10:51:33] NOTICE: [pool o1.83] child 23500 started\n");
}

std::shared_ptr<const ImportResult> importSmallBundle(const QTemporaryDir& dir)
{
    writeLog(dir.filePath(QStringLiteral("var/log/nginx/access.log")), accessLog());
    writeLog(dir.filePath(QStringLiteral("var/log/nginx/error.log")), errorLog());
    writeLog(dir.filePath(QStringLiteral("var/log/php/php83-fpm-error.log")), fpmLog());
    ImportOptions options;
    options.timeZone = QStringLiteral("Europe/Amsterdam");
    Importer importer(options);
    return std::make_shared<const ImportResult>(importer.run({dir.path()}));
}

QString poolString(const StringPool& pool, std::uint32_t id)
{
    const std::string_view v = pool.view(id);
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

/// The obvious, slow evaluation: decode every field of every event. The fast filter must agree.
std::vector<std::uint32_t> naiveFilter(const EventsFilter& f, const ImportResult& import)
{
    std::vector<std::uint32_t> rows;
    const Timeline& t = *import.timeline;
    const EventColumns& ev = t.events();
    const QRegularExpression re(f.text, QRegularExpression::CaseInsensitiveOption);
    for (std::uint32_t i = 0; i < t.size(); ++i) {
        if (ev.timeMs[i] < f.fromUtcMs || ev.timeMs[i] >= f.toUtcMs)
            continue;
        if (f.kinds && !(f.kinds & EventsFilter::kindBit(import.sources[ev.source[i]].kind)))
            continue;
        if (f.minLevel != Level::None && ev.level(i) < f.minLevel)
            continue;
        if (!f.codes.empty() && std::find(f.codes.begin(), f.codes.end(), ev.code[i]) == f.codes.end())
            continue;
        if (f.statusClasses) {
            const int s = ev.value[i];
            const bool ok =
                ev.code[i] == MessageCode::Request &&
                (((f.statusClasses & Status2xx) && s / 100 == 2) ||
                 ((f.statusClasses & Status3xx) && s / 100 == 3) ||
                 ((f.statusClasses & Status4xx) && s / 100 == 4) ||
                 ((f.statusClasses & Status5xx) && s / 100 == 5) ||
                 ((f.statusClasses & Status502) && s == 502) || ((f.statusClasses & Status504) && s == 504));
            if (!ok)
                continue;
        }
        const QString host = poolString(t.hosts(), ev.host[i]);
        if (!f.hostText.isEmpty() && !host.contains(f.hostText, Qt::CaseInsensitive))
            continue;
        if (!f.hostIds.empty() &&
            std::find(f.hostIds.begin(), f.hostIds.end(), ev.host[i]) == f.hostIds.end())
            continue;
        if (!f.text.isEmpty()) {
            const QStringList fields = {host, poolString(t.targets(), ev.target[i]),
                                        poolString(t.clients(), ev.client[i]),
                                        poolString(t.groups(), ev.group[i])};
            bool any = false;
            for (const QString& field : fields)
                any = any || (f.textIsRegex ? re.match(field).hasMatch()
                                            : field.contains(f.text, Qt::CaseInsensitive));
            if (!any)
                continue;
        }
        rows.push_back(i);
    }
    return rows;
}

/// Kind of each shown event, e.g. "nginx-access,nginx-access".
int countKind(const std::vector<std::uint32_t>& rows, const ImportResult& import, LogKind kind)
{
    int n = 0;
    for (const std::uint32_t i : rows)
        n += import.sources[import.timeline->events().source[i]].kind == kind;
    return n;
}

/// A big BOA access log: `lines` requests over one day, 5% 502, 1% 504, 2000 hosts, many URLs.
bool writeBigAccessLog(const QString& path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk;
    for (int n = 0; n < lines; ++n) {
        const int second = static_cast<int>(static_cast<long long>(n) * 86400 / lines);
        const int status = n % 20 == 0 ? 502 : n % 100 == 1 ? 504 : n % 10 == 3 ? 404 : 200;
        char line[400];
        const int len = std::snprintf(
            line, sizeof line,
            "\"10.%d.%d.%d\" site%d.example.com [24/Nov/2026:%02d:%02d:%02d +0100] \"GET /node/%d?page=%d "
            "HTTP/1.1\" %d 150 412 313 \"-\" \"Mozilla/5.0\" %d.%03d \"-\"\n",
            (n / 65536) % 256, (n / 256) % 256, n % 256, n % 2000, second / 3600, (second / 60) % 60,
            second % 60, n % 50000, n % 7, status, n % 30, n % 1000);
        chunk.append(line, len);
        if (chunk.size() > (1 << 20)) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    return true;
}

} // namespace

class TestEventsModel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::shared_ptr<const ImportResult> import_;

    std::vector<std::uint32_t> run(const EventsFilter& f)
    {
        const auto rows = filterEvents(f, *import_);
        const auto expected = naiveFilter(f, *import_);
        if (rows != expected)
            qWarning("fast filter gave %zu rows, naive %zu", rows.size(), expected.size());
        return rows == expected ? rows : std::vector<std::uint32_t>{UINT32_MAX};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        import_ = importSmallBundle(dir_);
        QVERIFY(import_->timeline);
        QCOMPARE(import_->sources.size(), std::size_t(3));
        QCOMPARE(import_->timeline->size(), std::size_t(11));
    }

    void modelIsConsistent()
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setImport(import_);
        QCOMPARE(model.rowCount(), 11);
        QCOMPARE(model.columnCount(), int(EventsModel::ColumnCount));
        EventsFilter only5xx;
        only5xx.statusClasses = Status5xx;
        model.setRows(std::make_shared<const std::vector<std::uint32_t>>(filterEvents(only5xx, *import_)));
        QCOMPARE(model.rowCount(), 3);
        model.setRows(nullptr);
        QCOMPARE(model.rowCount(), 11);
        model.setImport(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void cellsShowTheEvent()
    {
        EventsModel model;
        model.setImport(import_);
        EventsFilter f;
        f.statusClasses = Status502;
        model.setRows(std::make_shared<const std::vector<std::uint32_t>>(filterEvents(f, *import_)));
        QCOMPARE(model.rowCount(), 1);
        const auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.index(0, column).data(role);
        };
        QCOMPARE(cell(EventsModel::TimeColumn).toString(), QStringLiteral("2026-11-24 09:51:32.000"));
        QCOMPARE(cell(EventsModel::SourceColumn).toString(), QStringLiteral("access.log"));
        QCOMPARE(cell(EventsModel::KindColumn).toString(), QStringLiteral("nginx access log"));
        QCOMPARE(cell(EventsModel::ValueColumn).toString(), QStringLiteral("502"));
        QCOMPARE(cell(EventsModel::HostColumn).toString(), QStringLiteral("www.example.com"));
        QCOMPARE(cell(EventsModel::ClientColumn).toString(), QStringLiteral("203.0.113.7"));
        QCOMPARE(cell(EventsModel::TargetColumn).toString(), QStringLiteral("GET /node/12"));
        QCOMPARE(cell(EventsModel::DurationColumn).toString(), QStringLiteral("0.250 s"));
        QCOMPARE(cell(EventsModel::ValueColumn, EventsModel::RawValueRole).toUInt(), 502U);
        QCOMPARE(cell(EventsModel::TimeColumn, EventsModel::LineRole).toUInt(), 1U);
        QCOMPARE(cell(EventsModel::TimeColumn, EventsModel::TimeRole).toLongLong(), 1795513892000LL);
        QVERIFY(cell(EventsModel::ValueColumn, Qt::FontRole).value<QFont>().bold());
        model.setTimeFormatter([](std::int64_t ms) { return QStringLiteral("t=%1").arg(ms); });
        QCOMPARE(cell(EventsModel::TimeColumn).toString(), QStringLiteral("t=1795513892000"));
    }

    void filterMatchesHandCounts()
    {
        const ImportResult& r = *import_;
        QCOMPARE(run({}).size(), std::size_t(11));

        EventsFilter f;
        f.statusClasses = Status5xx; // 502, 504, 500
        QCOMPARE(run(f).size(), std::size_t(3));
        f.statusClasses = Status502 | Status504;
        QCOMPARE(run(f).size(), std::size_t(2));
        f.statusClasses = Status4xx; // 404
        QCOMPARE(run(f).size(), std::size_t(1));
        f.statusClasses = Status2xx | Status3xx; // 200, 301
        QCOMPARE(run(f).size(), std::size_t(2));

        f = {};
        f.kinds = EventsFilter::kindBit(LogKind::NginxError);
        QCOMPARE(run(f).size(), std::size_t(3));
        f.kinds |= EventsFilter::kindBit(LogKind::FpmMaster);
        QCOMPARE(run(f).size(), std::size_t(5));

        f = {};
        f.minLevel = Level::Error; // crit + error + error
        QCOMPARE(run(f).size(), std::size_t(3));
        f.minLevel = Level::Critical;
        QCOMPARE(run(f).size(), std::size_t(1));
        f.minLevel = Level::Warning; // + the FPM WARNING
        QCOMPARE(run(f).size(), std::size_t(4));

        f = {};
        f.hostText = QStringLiteral("EXAMPLE.COM"); // access 1, 2, 6 and all three errors
        QCOMPARE(run(f).size(), std::size_t(6));
        f.hostText = QStringLiteral("shop.");
        QCOMPARE(run(f).size(), std::size_t(2));
        f = {};
        f.hostIds = {import_->timeline->hosts().find("shop.example.org")};
        QCOMPARE(run(f).size(), std::size_t(2));

        f = {};
        f.text = QStringLiteral("checkout"); // the POST target
        QCOMPARE(run(f).size(), std::size_t(1));
        f.text = QStringLiteral("203.0.113.7"); // client of access 1 and 6, and of the crit error
        QCOMPARE(run(f).size(), std::size_t(3));
        f.text =
            QStringLiteral("o1.83"); // FPM pool of both FPM lines (+ the nginx upstream, if kept as group)
        const auto pool = run(f);
        QCOMPARE(countKind(pool, r, LogKind::FpmMaster), 2);
        f.text = QStringLiteral("^/(cart|robots)");
        f.textIsRegex = true;
        QCOMPARE(run(f).size(), std::size_t(2));
        f.text = QStringLiteral("([unclosed");
        QVERIFY(!f.isTextValid());
        QCOMPARE(filterEvents(f, r).size(), std::size_t(0));

        // Combined: access log, 5xx, host containing example.com -> access lines 1 and 2.
        f = {};
        f.kinds = EventsFilter::kindBit(LogKind::NginxAccess);
        f.statusClasses = Status5xx;
        f.hostText = QStringLiteral("example.com");
        QCOMPARE(run(f).size(), std::size_t(2));

        // Time: [10:00Z, 10:06Z) holds access 2 (10:02:55Z), 3 (10:03:01Z) and errors 2 (10:02:55Z),
        // 3 (10:05:10Z); the bundle's zone is Europe/Amsterdam (+0100 in November).
        f = {};
        f.fromUtcMs = 1795514400000LL; // 2026-11-24T10:00:00Z
        f.toUtcMs = 1795514760000LL;   // 2026-11-24T10:06:00Z
        QCOMPARE(run(f).size(), std::size_t(4));
        f.toUtcMs = f.fromUtcMs;
        QCOMPARE(run(f).size(), std::size_t(0));
    }

    void filteredModelIsConsistent()
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setImport(import_);
        EventsFilter f;
        f.minLevel = Level::Warning;
        const auto rows = std::make_shared<const std::vector<std::uint32_t>>(filterEvents(f, *import_));
        model.setRows(rows);
        QCOMPARE(model.rowCount(), 4);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.eventAt(row), (*rows)[static_cast<std::size_t>(row)]);
            QCOMPARE(model.rowOfEvent((*rows)[static_cast<std::size_t>(row)]), row);
            QVERIFY(model.index(row, EventsModel::LevelColumn).data().toString().size() > 0);
        }
        QCOMPARE(model.firstShownRowAtOrAfter(0), std::size_t(0));
        QCOMPARE(model.firstShownRowAtOrAfter(std::numeric_limits<std::int64_t>::max()), std::size_t(4));
    }

    void panelFiltersAndActivates()
    {
        EventsPanel panel;
        panel.resize(1000, 400);
        panel.setImport(import_);
        QCOMPARE(panel.model()->rowCount(), 11);
        QSignalSpy activated(&panel, &EventsPanel::eventActivated);

        EventsFilter f;
        f.statusClasses = Status502 | Status504;
        panel.setFilter(f);
        QTRY_COMPARE(panel.model()->rowCount(), 2);

        // Select by time: the first shown event at or after 10:00Z is the 504 (line 2 of access.log).
        panel.selectTime(1795514400000LL);
        QVERIFY(!activated.isEmpty());
        const QList<QVariant> last = activated.takeLast();
        QCOMPARE(import_->sources[last.at(0).value<std::uint16_t>()].kind, LogKind::NginxAccess);
        QCOMPARE(last.at(1).value<std::uint32_t>(), 2U);

        panel.setTimeRange(1795514400000LL, 1795514760000LL);
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        panel.clearTimeRange();
        QTRY_COMPARE(panel.model()->rowCount(), 2);
        panel.setFilter({});
        QTRY_COMPARE(panel.model()->rowCount(), 11);
    }

    void windowedTableReachesEveryRow()
    {
        // A big bundle's table shows its rows through a window of the model (here 100 of 3000 rows): the
        // panel's own bar spans every row, and selecting, dragging and the arrow keys reach all of them.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("access.log"));
        constexpr int kLines = 3000;
        QVERIFY(writeBigAccessLog(path, kLines));
        const auto import = std::make_shared<const ImportResult>(Importer({}).run({path}));
        QCOMPARE(import->timeline->size(), std::size_t(kLines));

        EventsPanel panel;
        panel.resize(1000, 400);
        EventsModel* model = panel.model();
        model->setWindowRows(100);
        panel.setImport(import);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTableView* view = panel.view();
        auto* bar = panel.findChild<QScrollBar*>(QStringLiteral("eventsWindowBar"));
        QVERIFY(bar != nullptr);
        QCOMPARE(model->shownRows(), std::size_t(kLines));
        QCOMPARE(model->rowCount(), 100);
        QVERIFY(bar->isVisible());
        QCOMPARE(view->verticalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
        const auto currentEvent = [&] { return model->eventAt(view->currentIndex().row()); };
        const auto topEvent = [&] { return model->eventAt(view->rowAt(0)); };

        // Selecting a time deep in the bundle moves the window there; the bar follows.
        const Timeline& timeline = *import->timeline;
        const auto deep = static_cast<std::uint32_t>(timeline.lowerBound(timeline.events().timeMs[2500]));
        panel.selectTime(timeline.events().timeMs[deep]);
        QVERIFY(view->currentIndex().isValid());
        QCOMPARE(currentEvent(), deep);
        QCOMPARE(std::size_t(bar->value()), std::size_t(topEvent()));

        // The bar's end shows the last rows; its start the first ones.
        bar->setValue(bar->maximum());
        QCOMPARE(model->windowStart() + std::size_t(model->rowCount()), std::size_t(kLines));
        const int bottomRow = view->rowAt(view->viewport()->height() - 1);
        QCOMPARE(model->eventAt(bottomRow >= 0 ? bottomRow : model->rowCount() - 1),
                 std::uint32_t(kLines - 1));
        bar->setValue(0);
        QCOMPARE(model->windowStart(), std::size_t(0));
        QCOMPARE(topEvent(), 0U);

        // The arrow keys walk over the window's edges one row at a time.
        panel.selectTime(timeline.events().timeMs[0]);
        QCOMPARE(currentEvent(), 0U);
        for (std::uint32_t expected = 1; expected <= 250; ++expected) {
            QTest::keyClick(view, Qt::Key_Down);
            QCoreApplication::processEvents(); // as between two key presses of a user
            QCOMPARE(currentEvent(), expected);
        }
        QVERIFY(model->windowStart() > 0);
        QCOMPARE(std::size_t(bar->value()), std::size_t(topEvent()));

        // The current event stays current while the window moves away and back.
        bar->setValue(bar->maximum());
        bar->setValue(240); // a window around row 240 holds row 250 again
        QCOMPARE(currentEvent(), 250U);

        // A filter that shows fewer rows than the window: the table's own bar again.
        EventsFilter f;
        f.text = QStringLiteral("site1999.");
        panel.setFilter(f);
        QTRY_COMPARE(model->shownRows(), std::size_t(kLines / 2000));
        QVERIFY(!bar->isVisible());
        QCOMPARE(view->verticalScrollBarPolicy(), Qt::ScrollBarAsNeeded);
    }

    // Rare events in a few blocks of many (RowBlocks): the filter skips the blocks that cannot hold a match
    // and must still return exactly the rows the naive evaluation finds, at block edges and inside time
    // ranges that start and end mid-block.
    void rareEventsAcrossBlocksMatchNaive()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const int requests = 5 * static_cast<int>(RowBlocks::kRows) + 123;
        const std::vector<int> failing = {0, static_cast<int>(RowBlocks::kRows) - 1,
                                          static_cast<int>(RowBlocks::kRows),
                                          3 * static_cast<int>(RowBlocks::kRows) + 7, requests - 1};
        QByteArray access;
        for (int i = 0; i < requests; ++i) {
            const int second = i % 60, minute = (i / 60) % 60, hour = 1 + i / 3600;
            const QByteArray time = QStringLiteral("24/Nov/2026:%1:%2:%3 +0000")
                                        .arg(hour, 2, 10, QLatin1Char('0'))
                                        .arg(minute, 2, 10, QLatin1Char('0'))
                                        .arg(second, 2, 10, QLatin1Char('0'))
                                        .toLatin1();
            const bool fails = std::find(failing.begin(), failing.end(), i) != failing.end();
            const QByteArray target = "GET /node/" + QByteArray::number(i % 97);
            access += accessLine("192.0.2.1", "www.example.com", time.constData(), target.constData(),
                                 fails ? 502 : 200);
        }
        // One nginx error line at 03:00:00, which sorts into the middle of a block of access lines.
        const QByteArray error =
            "2026/11/24 03:00:00 [error] 4021#4021: *77 connect() failed (111: Connection refused) while "
            "connecting to upstream, client: 192.0.2.1, server: example.com, request: \"GET /node/5 "
            "HTTP/1.1\", "
            "upstream: \"fastcgi://127.0.0.1:9000\", host: \"www.example.com\"\n";
        QVERIFY(writeLog(dir.filePath(QStringLiteral("var/log/nginx/access.log")), access));
        QVERIFY(writeLog(dir.filePath(QStringLiteral("var/log/nginx/error.log")), error));
        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        Importer importer(options);
        import_ = std::make_shared<const ImportResult>(importer.run({dir.path()}));
        QCOMPARE(import_->timeline->size(), std::size_t(requests + 1));
        QCOMPARE(import_->timeline->rowBlocks().size(), std::size_t(6));

        EventsFilter f;
        f.statusClasses = Status502;
        QCOMPARE(run(f).size(), failing.size());
        f.statusClasses = Status504;
        QCOMPARE(run(f).size(), std::size_t(0));
        f = {};
        f.kinds = EventsFilter::kindBit(LogKind::NginxError);
        QCOMPARE(run(f).size(), std::size_t(1));
        f = {};
        f.codes = {MessageCode::NgxConnectFailed};
        QCOMPARE(run(f).size(), std::size_t(1));
        f = {};
        f.minLevel = Level::Error;
        QCOMPARE(run(f).size(), std::size_t(1));
        // Mid-block time ranges: [01:08:15, 02:08:16) holds the failures at rows kRows-1 and kRows.
        const std::vector<std::int64_t>& times = import_->timeline->events().timeMs;
        f = {};
        f.statusClasses = Status502;
        f.fromUtcMs = times[RowBlocks::kRows - 1];
        f.toUtcMs = times[RowBlocks::kRows] + 1;
        QCOMPARE(run(f).size(), std::size_t(2));
        f.fromUtcMs = times[RowBlocks::kRows] + 1;
        f.toUtcMs = times[3 * RowBlocks::kRows];
        QCOMPARE(run(f).size(), std::size_t(0));
        // Text that matches URLs only, and text that matches nothing.
        f = {};
        f.text = QStringLiteral("/node/96");
        QCOMPARE(run(f).size(), std::size_t(requests / 97));
        f.text = QStringLiteral("no-such-page");
        QCOMPARE(run(f).size(), std::size_t(0));

        import_ = importSmallBundle(dir_); // the other cases use the small bundle
    }

    void bigTimelineTimings()
    {
        const int lines = qEnvironmentVariableIsSet("GD_BENCH_EVENTS")
                              ? qEnvironmentVariableIntValue("GD_BENCH_EVENTS")
                              : 1000000;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("var/log/nginx/access.log"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(writeBigAccessLog(path, lines));
        const qint64 writeMs = timer.restart();
        Importer importer({});
        const auto import = std::make_shared<const ImportResult>(importer.run({path}));
        const qint64 importMs = timer.elapsed();
        QCOMPARE(import->timeline->size(), std::size_t(lines));
        std::printf("  %d access lines: written in %lld ms, imported in %lld ms\n", lines,
                    static_cast<long long>(writeMs), static_cast<long long>(importMs));

        struct Case {
            const char* name;
            EventsFilter filter;
            std::size_t expected;
        };
        std::vector<Case> cases;
        EventsFilter f;
        f.statusClasses = Status502;
        cases.push_back({"status 502", f, std::size_t((lines + 19) / 20)});
        f = {};
        f.statusClasses = Status5xx;
        f.kinds = EventsFilter::kindBit(LogKind::NginxAccess);
        cases.push_back({"kind + 5xx", f, 0});
        f = {};
        f.text = QStringLiteral("site1999.");
        cases.push_back({"text (substring)", f, std::size_t(lines / 2000)});
        f.text = QStringLiteral("^/node/4999\\d\\?");
        f.textIsRegex = true;
        cases.push_back({"text (regex)", f, 0});    // the query string is not part of the page
        f.text = QStringLiteral("^/node/4999\\d$"); // n % 50000 in 49990..49999
        cases.push_back({"text (regex, literal)", f, std::size_t(lines / 5000)});
        f = {};
        f.hostText = QStringLiteral("site7.");
        cases.push_back({"host substring", f, std::size_t(lines / 2000)});
        f = {};
        f.minLevel = Level::Warning;
        cases.push_back({"level >= warning", f, 0});
        f = {};
        f.fromUtcMs = import->timeline->events().timeMs[static_cast<std::size_t>(lines / 4)];
        f.toUtcMs = import->timeline->events().timeMs[static_cast<std::size_t>(lines / 2)];
        cases.push_back({"time range (quarter)", f, 0});

        for (const Case& c : cases) {
            timer.restart();
            const auto rows = filterEvents(c.filter, *import);
            const qint64 ms = timer.elapsed();
            std::printf("  filter %-22s %9zu rows in %4lld ms\n", c.name, rows.size(),
                        static_cast<long long>(ms));
            if (c.expected)
                QCOMPARE(rows.size(), c.expected);
            QVERIFY(std::is_sorted(rows.begin(), rows.end()));
        }
        // Spot-check the big case against the naive evaluation on a slice of filters.
        EventsFilter check;
        check.statusClasses = Status504;
        check.hostText = QStringLiteral("site1");
        timer.restart();
        const auto fast = filterEvents(check, *import);
        const qint64 fastMs = timer.restart();
        const auto slow = naiveFilter(check, *import);
        std::printf("  504 + host 'site1': fast %lld ms, naive QString evaluation %lld ms\n",
                    static_cast<long long>(fastMs), static_cast<long long>(timer.elapsed()));
        QVERIFY(fast == slow);
    }
};

QTEST_MAIN(TestEventsModel)
#include "tst_eventsmodel.moc"
