// How the importer turns wall-clock readings into UTC: the server zone (access log offsets,
// etc/timezone, --tz), the repeated hour at the end of DST, the year of year-less syslog lines, and
// lines repeated by overlapping rotated copies. Also OffsetTimeline::toUtc and assignSyslogYears alone.
// Every expected UTC time below was worked out by hand from the zone rules:
// Europe/Amsterdam 2026: +0100, +0200 from 2026-03-29T01:00Z, +0100 again from 2026-10-25T01:00Z.

#include "importtestutil.h"
#include "time/offsettimeline.h"
#include "time/syslogyear.h"

#include <QTemporaryDir>
#include <algorithm>

using namespace gd;
using namespace gdtest;

Q_DECLARE_METATYPE(std::vector<std::int64_t>)

namespace {

/// The UTC times of one source's events, in line order.
std::vector<std::int64_t> sourceTimes(const ImportResult& result, const QString& path)
{
    std::vector<std::pair<std::uint32_t, std::int64_t>> events;
    for (std::size_t s = 0; s < result.sources.size(); ++s) {
        if (result.sources[s].path != path)
            continue;
        const EventColumns& c = result.timeline->events();
        for (std::size_t i = 0; i < c.size(); ++i) {
            if (c.source[i] == s)
                events.emplace_back(c.line[i], c.timeMs[i]);
        }
    }
    std::sort(events.begin(), events.end());
    std::vector<std::int64_t> times;
    for (const auto& event : events)
        times.push_back(event.second);
    return times;
}

QStringList isoList(const std::vector<std::int64_t>& times)
{
    QStringList list;
    for (const std::int64_t t : times)
        list << isoUtc(t);
    return list;
}

/// Year-less placeholder reading ("12-31 23:59:59" in year 2000), as the syslog parser stores it.
CivilMs placeholder(const QString& monthDayTime)
{
    return utc(
        qPrintable(QStringLiteral("2000-") + monthDayTime.left(5) + u'T' + monthDayTime.mid(6) + u'Z'));
}

} // namespace

class TestTimeResolution : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void zoneChoice_data();
    void zoneChoice();
    void dstRepeatedHour_data();
    void dstRepeatedHour();
    void syslogYears_data();
    void syslogYears();
    void rotationDuplicates_data();
    void rotationDuplicates();
    void zoneNamedOnTheLine_data();
    void zoneNamedOnTheLine();
    void yearlessLineAmongDatedOnes();
    void journalBannerDatesYearlessLines();

    void offsetTimelineToUtc_data();
    void offsetTimelineToUtc();
    void assignSyslogYearsUnit_data();
    void assignSyslogYearsUnit();

private:
    /// A fresh folder for one data row.
    QString rowFolder(const char* test)
    {
        const QString folder = dir_.filePath(QStringLiteral("%1-%2").arg(QLatin1String(test)).arg(++rows_));
        QDir().mkpath(folder);
        return folder;
    }
    QTemporaryDir dir_;
    int rows_ = 0;
};

// --- Which zone the zone-less logs are read in -----------------------------------------------------------

void TestTimeResolution::zoneChoice_data()
{
    QTest::addColumn<bool>("withAccessLog"); // +0100 on every line
    QTest::addColumn<QString>("etcTimezone");
    QTest::addColumn<QString>("tzOption");
    QTest::addColumn<QString>("serverZone");
    QTest::addColumn<QString>("noteHas");
    QTest::addColumn<QString>("errorFirstUtc"); // error.log says 2026/11/24 10:51:32; empty = not checked
    QTest::addColumn<QString>("diagnosticHas");

    QTest::newRow("access log offsets") << true << QString() << QString() << QStringLiteral("UTC+01:00")
                                        << QStringLiteral("learned from access log offsets (UTC+01:00)")
                                        << QStringLiteral("2026-11-24T09:51:32Z") << QString();
    QTest::newRow("access log offsets beat --tz")
        << true << QString() << QStringLiteral("Asia/Tokyo") << QStringLiteral("UTC+01:00")
        << QStringLiteral("learned from access log offsets") << QStringLiteral("2026-11-24T09:51:32Z")
        << QString();
    QTest::newRow("etc/timezone agreeing with the access log")
        << true << QStringLiteral("Europe/Amsterdam") << QString() << QStringLiteral("Europe/Amsterdam")
        << QStringLiteral("matching the access log offsets") << QStringLiteral("2026-11-24T09:51:32Z")
        << QString();
    QTest::newRow("etc/timezone disagreeing with the access log")
        << true << QStringLiteral("America/New_York") << QString() << QStringLiteral("UTC+01:00")
        << QStringLiteral("learned from access log offsets") << QStringLiteral("2026-11-24T09:51:32Z")
        << QStringLiteral("zone America/New_York disagrees with the access log offsets");
    // EST is -0500 on Nov 24: 10:51:32 local is 15:51:32Z.
    QTest::newRow("etc/timezone only")
        << false << QStringLiteral("America/New_York") << QString() << QStringLiteral("America/New_York")
        << QStringLiteral("America/New_York from ") << QStringLiteral("2026-11-24T15:51:32Z") << QString();
    QTest::newRow("etc/timezone beats --tz")
        << false << QStringLiteral("America/New_York") << QStringLiteral("Asia/Tokyo")
        << QStringLiteral("America/New_York") << QStringLiteral("America/New_York from ")
        << QStringLiteral("2026-11-24T15:51:32Z") << QString();
    // JST is +0900: 10:51:32 local is 01:51:32Z.
    QTest::newRow("--tz only") << false << QString() << QStringLiteral("Asia/Tokyo")
                               << QStringLiteral("Asia/Tokyo") << QStringLiteral("Asia/Tokyo from --tz")
                               << QStringLiteral("2026-11-24T01:51:32Z") << QString();
    QTest::newRow("unknown --tz") << false << QString() << QStringLiteral("Mars/Olympus_Mons") << QString()
                                  << QStringLiteral("this computer's zone") << QString()
                                  << QStringLiteral("unknown time zone \"Mars/Olympus_Mons\"");
}

void TestTimeResolution::zoneChoice()
{
    QFETCH(bool, withAccessLog);
    QFETCH(QString, etcTimezone);
    QFETCH(QString, tzOption);
    QFETCH(QString, serverZone);
    QFETCH(QString, noteHas);
    QFETCH(QString, errorFirstUtc);
    QFETCH(QString, diagnosticHas);
    const QString folder = rowFolder("zone");
    if (withAccessLog)
        QVERIFY(writeFile(folder + QStringLiteral("/var/log/nginx/access.log"), accessLog()));
    if (!etcTimezone.isEmpty())
        QVERIFY(writeFile(folder + QStringLiteral("/etc/timezone"), etcTimezone.toUtf8() + '\n'));
    const QString error = folder + QStringLiteral("/var/log/nginx/error.log");
    const QString fpm = folder + QStringLiteral("/var/log/php/php83-fpm-error.log");
    QVERIFY(writeFile(error, errorLog()));
    QVERIFY(writeFile(fpm, fpmLog()));

    ImportOptions options;
    options.timeZone = tzOption;
    const ImportResult result = runImport({folder}, options);

    const QString details = describe(result);
    if (!serverZone.isEmpty())
        QCOMPARE(result.serverTimeZone, serverZone);
    QVERIFY2(result.serverTimeZoneNote.contains(noteHas), qPrintable(result.serverTimeZoneNote));
    const SourceInfo* errorSource = findSource(result, error);
    const SourceInfo* fpmSource = findSource(result, fpm);
    QVERIFY2(errorSource != nullptr && fpmSource != nullptr, qPrintable(details));
    QCOMPARE(errorSource->timeZoneNote, result.serverTimeZoneNote);
    if (!errorFirstUtc.isEmpty()) {
        QCOMPARE(isoUtc(errorSource->firstUtcMs), errorFirstUtc);
        // The FPM log's first line has the same wall-clock time, so the same UTC.
        QCOMPARE(isoUtc(fpmSource->firstUtcMs), errorFirstUtc);
        // The error log's last line is 11:05:10, 13 min 38 s later.
        QCOMPARE(errorSource->lastUtcMs - errorSource->firstUtcMs, std::int64_t((13 * 60 + 38) * 1000));
    }
    if (withAccessLog) {
        const SourceInfo* access = findSource(result, folder + QStringLiteral("/var/log/nginx/access.log"));
        QVERIFY(access != nullptr);
        QCOMPARE(isoUtc(access->firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
        QCOMPARE(access->timeZoneNote, QStringLiteral("offsets written on each line"));
    }
    if (diagnosticHas.isEmpty()) {
        QVERIFY2(result.diagnostics.empty(), qPrintable(details));
    } else {
        const bool found =
            std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                        [&](const Diagnostic& d) { return d.message.contains(diagnosticHas); });
        QVERIFY2(found, qPrintable(details));
    }
}

// --- The repeated hour at the end of DST -----------------------------------------------------------------

void TestTimeResolution::dstRepeatedHour_data()
{
    QTest::addColumn<bool>("withAccessLog");
    QTest::addColumn<QString>("etcTimezone");
    QTest::addColumn<QString>("tzOption");
    QTest::newRow("offsets learned from the access log") << true << QString() << QString();
    QTest::newRow("etc/timezone agreeing with the access log")
        << true << QStringLiteral("Europe/Amsterdam") << QString();
    QTest::newRow("etc/timezone alone") << false << QStringLiteral("Europe/Amsterdam") << QString();
    QTest::newRow("--tz alone") << false << QString() << QStringLiteral("Europe/Amsterdam");
}

void TestTimeResolution::dstRepeatedHour()
{
    QFETCH(bool, withAccessLog);
    QFETCH(QString, etcTimezone);
    QFETCH(QString, tzOption);
    const QString folder = rowFolder("dst");
    // 2026-10-25, Europe/Amsterdam: at 03:00 CEST (01:00Z) clocks go back to 02:00 CET.
    const QString access = folder + QStringLiteral("/access.log");
    if (withAccessLog) {
        QVERIFY(writeFile(
            access, accessLine("25/Oct/2026:01:30:00 +0200") + accessLine("25/Oct/2026:02:10:00 +0200") +
                        accessLine("25/Oct/2026:02:59:00 +0200") + accessLine("25/Oct/2026:02:00:00 +0100") +
                        accessLine("25/Oct/2026:02:30:00 +0100") + accessLine("25/Oct/2026:03:30:00 +0100")));
    }
    if (!etcTimezone.isEmpty())
        QVERIFY(writeFile(folder + QStringLiteral("/etc/timezone"), etcTimezone.toUtf8() + '\n'));
    // The error log walks through 02:00-03:00 twice; the step back from 02:45 to 02:05 (40 min, more
    // than the 10 min of tolerated disorder) is the second pass.
    const QString error = folder + QStringLiteral("/error.log");
    QVERIFY(writeFile(error, errorLine("2026/10/25 01:45:00") + errorLine("2026/10/25 02:15:00") +
                                 errorLine("2026/10/25 02:45:00") + errorLine("2026/10/25 02:05:00") +
                                 errorLine("2026/10/25 02:40:00") + errorLine("2026/10/25 03:10:00")));
    ImportOptions options;
    options.timeZone = tzOption;
    const ImportResult result = runImport({folder}, options);

    const QString details = describe(result);
    QVERIFY2(result.diagnostics.empty(), qPrintable(details));
    QCOMPARE(isoList(sourceTimes(result, error)),
             (QStringList{QStringLiteral("2026-10-24T23:45:00Z"), QStringLiteral("2026-10-25T00:15:00Z"),
                          QStringLiteral("2026-10-25T00:45:00Z"), QStringLiteral("2026-10-25T01:05:00Z"),
                          QStringLiteral("2026-10-25T01:40:00Z"), QStringLiteral("2026-10-25T02:10:00Z")}));
    if (withAccessLog) {
        QCOMPARE(
            isoList(sourceTimes(result, access)),
            (QStringList{QStringLiteral("2026-10-24T23:30:00Z"), QStringLiteral("2026-10-25T00:10:00Z"),
                         QStringLiteral("2026-10-25T00:59:00Z"), QStringLiteral("2026-10-25T01:00:00Z"),
                         QStringLiteral("2026-10-25T01:30:00Z"), QStringLiteral("2026-10-25T02:30:00Z")}));
    }
    if (withAccessLog && etcTimezone.isEmpty())
        QCOMPARE(result.serverTimeZone, QStringLiteral("UTC+02:00 then UTC+01:00"));
    else
        QCOMPARE(result.serverTimeZone, QStringLiteral("Europe/Amsterdam"));
    const auto& times = result.timeline->events().timeMs;
    QVERIFY(std::is_sorted(times.begin(), times.end()));
}

// --- Years of year-less syslog lines ---------------------------------------------------------------------

void TestTimeResolution::syslogYears_data()
{
    QTest::addColumn<QStringList>("files");    // name=stamp,stamp,... (gzip when the name ends .gz)
    QTest::addColumn<QStringList>("expected"); // name=first UTC,last UTC
    // The access log's one line is 02/Jan/2027:12:00:00 +0100 (the newest dated reading): the syslog
    // lines of Dec 30 and 31 belong to 2026, those of Jan 1 and 2 to 2027. +0100 makes UTC an hour earlier.
    QTest::newRow("one file across New Year")
        << QStringList{QStringLiteral(
               "syslog=Dec 30 10:00:00,Dec 31 23:59:59,Jan  1 00:00:01,Jan  2 09:00:00")}
        << QStringList{QStringLiteral("syslog=2026-12-30T09:00:00Z,2027-01-02T08:00:00Z")};
    QTest::newRow("syslog.1 in December, syslog in January")
        << QStringList{QStringLiteral("syslog.1=Dec 30 10:00:00,Dec 31 23:59:59"),
                       QStringLiteral("syslog=Jan  1 00:00:01,Jan  2 09:00:00")}
        << QStringList{QStringLiteral("syslog.1=2026-12-30T09:00:00Z,2026-12-31T22:59:59Z"),
                       QStringLiteral("syslog=2026-12-31T23:00:01Z,2027-01-02T08:00:00Z")};
    QTest::newRow("syslog.2.gz, syslog.1, syslog")
        << QStringList{QStringLiteral("syslog.2.gz=Dec 30 10:00:00"),
                       QStringLiteral("syslog.1=Dec 31 23:59:59"),
                       QStringLiteral("syslog=Jan  1 00:00:01,Jan  2 09:00:00")}
        << QStringList{QStringLiteral("syslog.2.gz=2026-12-30T09:00:00Z,2026-12-30T09:00:00Z"),
                       QStringLiteral("syslog.1=2026-12-31T22:59:59Z,2026-12-31T22:59:59Z"),
                       QStringLiteral("syslog=2026-12-31T23:00:01Z,2027-01-02T08:00:00Z")};
}

void TestTimeResolution::syslogYears()
{
    QFETCH(QStringList, files);
    QFETCH(QStringList, expected);
    const QString folder = rowFolder("years");
    QVERIFY(writeFile(folder + QStringLiteral("/access.log"), accessLine("02/Jan/2027:12:00:00 +0100")));
    for (const QString& spec : files) {
        const QString name = spec.section(u'=', 0, 0);
        QByteArray text;
        for (const QString& stamp : spec.section(u'=', 1).split(u','))
            text += syslogLine(qPrintable(stamp));
        if (name.endsWith(QLatin1String(".gz"))) {
            if (!haveTool(QStringLiteral("gzip")))
                QSKIP("gzip is not installed");
            const QString plain = dir_.filePath(QStringLiteral("plain-") + QString::number(rows_));
            QVERIFY(writeFile(plain, text));
            QVERIFY(compressFile(QStringLiteral("gzip"), plain, folder + u'/' + name));
        } else {
            QVERIFY(writeFile(folder + u'/' + name, text));
        }
    }
    const ImportResult result = runImport({folder});

    const QString details = describe(result);
    QVERIFY2(result.diagnostics.empty(), qPrintable(details));
    QCOMPARE(result.sources.size(), std::size_t(files.size()) + 1);
    for (const QString& spec : expected) {
        const SourceInfo* source = findSource(result, folder + u'/' + spec.section(u'=', 0, 0));
        QVERIFY2(source != nullptr, qPrintable(spec + details));
        QCOMPARE(source->kind, LogKind::Syslog);
        QCOMPARE(source->rotationFamily, folder + QStringLiteral("/syslog"));
        const QStringList span = spec.section(u'=', 1).split(u',');
        QCOMPARE(isoUtc(source->firstUtcMs), span[0]);
        QCOMPARE(isoUtc(source->lastUtcMs), span[1]);
    }
}

// --- Lines repeated by overlapping rotated copies --------------------------------------------------------

void TestTimeResolution::rotationDuplicates_data()
{
    // Each file holds one line per minute from "first" to "last" (minutes after 10:00 on 2026-11-24);
    // "+N" writes minute N once more at the end, "!" gives the lines another connection number.
    QTest::addColumn<QString>("kind");          // error or access
    QTest::addColumn<QStringList>("files");     // name=firstMinute-lastMinute, oldest first
    QTest::addColumn<QList<int>>("events");     // kept per file
    QTest::addColumn<QList<int>>("duplicates"); // dropped per file
    QTest::newRow("error.log.2.gz and error.log.1 share 10 lines")
        << QStringLiteral("error")
        << QStringList{QStringLiteral("error.log.2.gz=0-19"), QStringLiteral("error.log.1=10-29")}
        << QList<int>{10, 20} << QList<int>{10, 0};
    QTest::newRow("three copies, each sharing 5 lines with the next")
        << QStringLiteral("error")
        << QStringList{QStringLiteral("error.log.2.gz=0-9"), QStringLiteral("error.log.1=5-14"),
                       QStringLiteral("error.log=10-19")}
        << QList<int>{5, 5, 10} << QList<int>{5, 5, 0};
    QTest::newRow("access.log.1 and access.log without overlap")
        << QStringLiteral("access")
        << QStringList{QStringLiteral("access.log.1=0-9"), QStringLiteral("access.log=10-19")}
        << QList<int>{10, 10} << QList<int>{0, 0};
    // Minute 9 twice in the older copy (two identical 502s in one second), once in the newer one:
    // only one of the two is a repeat.
    QTest::newRow("identical line twice in the older copy, once in the newer")
        << QStringLiteral("error")
        << QStringList{QStringLiteral("error.log.1=0-9+9"), QStringLiteral("error.log=9-14")}
        << QList<int>{10, 6} << QList<int>{1, 0};
    QTest::newRow("same minutes, different lines") // overlapping times alone are no duplicates
        << QStringLiteral("error")
        << QStringList{QStringLiteral("error.log.1=0-9"), QStringLiteral("error.log=5-14!")}
        << QList<int>{10, 10} << QList<int>{0, 0};
}

void TestTimeResolution::rotationDuplicates()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, files);
    QFETCH(QList<int>, events);
    QFETCH(QList<int>, duplicates);
    const QString folder = rowFolder("rotation");
    for (const QString& spec : files) {
        const QString name = spec.section(u'=', 0, 0);
        QString range = spec.section(u'=', 1);
        const bool different = range.endsWith(u'!'); // another connection number: same time, other text
        range.remove(u'!');
        const int repeatedMinute =
            range.contains(u'+') ? range.section(u'+', 1).toInt() : -1; // written once more
        range = range.section(u'+', 0, 0);
        QByteArray text;
        for (int minute = range.section(u'-', 0, 0).toInt(); minute <= range.section(u'-', 1).toInt();
             ++minute) {
            const QByteArray clock = QStringLiteral("10:%1:00").arg(minute, 2, 10, QChar(u'0')).toLatin1();
            if (kind == QLatin1String("error"))
                text += errorLine(QByteArray("2026/11/24 " + clock).constData(),
                                  different ? 9000000 + minute : 8812391);
            else
                text += accessLine(QByteArray("24/Nov/2026:" + clock + " +0000").constData());
        }
        if (repeatedMinute >= 0)
            text += errorLine(QByteArray("2026/11/24 10:" +
                                         QByteArray::number(repeatedMinute).rightJustified(2, '0') + ":00")
                                  .constData());
        if (name.endsWith(QLatin1String(".gz"))) {
            if (!haveTool(QStringLiteral("gzip")))
                QSKIP("gzip is not installed");
            const QString plain = dir_.filePath(QStringLiteral("plain-") + QString::number(rows_));
            QVERIFY(writeFile(plain, text));
            QVERIFY(compressFile(QStringLiteral("gzip"), plain, folder + u'/' + name));
        } else {
            QVERIFY(writeFile(folder + u'/' + name, text));
        }
    }
    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    const ImportResult result = runImport({folder}, options);

    const QString details = describe(result);
    QCOMPARE(result.sources.size(), std::size_t(files.size()));
    int total = 0;
    for (int i = 0; i < files.size(); ++i) {
        const QString name = files[i].section(u'=', 0, 0);
        const SourceInfo* source = findSource(result, folder + u'/' + name);
        QVERIFY2(source != nullptr, qPrintable(name + details));
        QCOMPARE(source->rotationFamily,
                 folder + (kind == QLatin1String("error") ? QStringLiteral("/error.log")
                                                          : QStringLiteral("/access.log")));
        QCOMPARE(int(source->events), events[i]);
        QCOMPARE(int(source->duplicateEvents), duplicates[i]);
        QCOMPARE(int(source->lines), events[i] + duplicates[i]);
        total += events[i];
    }
    QCOMPARE(int(result.timeline->size()), total);
    // Each minute of the union appears once per distinct line.
    const auto& times = result.timeline->events().timeMs;
    QVERIFY(std::is_sorted(times.begin(), times.end()));
    QCOMPARE(isoUtc(times.front()), QStringLiteral("2026-11-24T10:00:00Z"));
}

// --- OffsetTimeline::toUtc alone -------------------------------------------------------------------------

void TestTimeResolution::offsetTimelineToUtc_data()
{
    QTest::addColumn<QString>("timeline");  // fixed+1, empty, amsterdam, learned
    QTest::addColumn<QString>("civil");     // wall clock, written as if UTC
    QTest::addColumn<QString>("notBefore"); // empty = no bound
    QTest::addColumn<QString>("expected");
    QTest::newRow("fixed +0100") << QStringLiteral("fixed+1") << QStringLiteral("2026-11-24T10:51:32Z")
                                 << QString() << QStringLiteral("2026-11-24T09:51:32Z");
    QTest::newRow("empty timeline is UTC")
        << QStringLiteral("empty") << QStringLiteral("2026-11-24T10:51:32Z") << QString()
        << QStringLiteral("2026-11-24T10:51:32Z");
    QTest::newRow("winter") << QStringLiteral("amsterdam") << QStringLiteral("2026-01-15T12:00:00Z")
                            << QString() << QStringLiteral("2026-01-15T11:00:00Z");
    QTest::newRow("summer") << QStringLiteral("amsterdam") << QStringLiteral("2026-07-01T12:00:00Z")
                            << QString() << QStringLiteral("2026-07-01T10:00:00Z");
    QTest::newRow("just before the repeated hour")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-10-25T01:59:59Z") << QString()
        << QStringLiteral("2026-10-24T23:59:59Z");
    QTest::newRow("repeated hour, no bound: first pass")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-10-25T02:30:00Z") << QString()
        << QStringLiteral("2026-10-25T00:30:00Z");
    QTest::newRow("repeated hour, bound before both: first pass")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-10-25T02:30:00Z")
        << QStringLiteral("2026-10-25T00:20:00Z") << QStringLiteral("2026-10-25T00:30:00Z");
    QTest::newRow("repeated hour, bound after the first: second pass")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-10-25T02:30:00Z")
        << QStringLiteral("2026-10-25T00:31:00Z") << QStringLiteral("2026-10-25T01:30:00Z");
    QTest::newRow("repeated hour, bound equal to the second")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-10-25T02:30:00Z")
        << QStringLiteral("2026-10-25T01:30:00Z") << QStringLiteral("2026-10-25T01:30:00Z");
    QTest::newRow("first reading of the second pass")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-10-25T02:00:00Z")
        << QStringLiteral("2026-10-25T00:59:00Z") << QStringLiteral("2026-10-25T01:00:00Z");
    QTest::newRow("after the repeated hour")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-10-25T03:00:00Z") << QString()
        << QStringLiteral("2026-10-25T02:00:00Z");
    QTest::newRow("last reading before the skipped hour")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-03-29T01:59:59Z") << QString()
        << QStringLiteral("2026-03-29T00:59:59Z");
    QTest::newRow("inside the skipped hour: earlier offset")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-03-29T02:30:00Z") << QString()
        << QStringLiteral("2026-03-29T01:30:00Z");
    QTest::newRow("first reading after the skipped hour")
        << QStringLiteral("amsterdam") << QStringLiteral("2026-03-29T03:00:00Z") << QString()
        << QStringLiteral("2026-03-29T01:00:00Z");
    QTest::newRow("learned offsets, second pass")
        << QStringLiteral("learned") << QStringLiteral("2026-10-25T02:30:00Z")
        << QStringLiteral("2026-10-25T00:31:00Z") << QStringLiteral("2026-10-25T01:30:00Z");
    QTest::newRow("learned offsets, first pass")
        << QStringLiteral("learned") << QStringLiteral("2026-10-25T02:30:00Z") << QString()
        << QStringLiteral("2026-10-25T00:30:00Z");
}

void TestTimeResolution::offsetTimelineToUtc()
{
    QFETCH(QString, timeline);
    QFETCH(QString, civil);
    QFETCH(QString, notBefore);
    QFETCH(QString, expected);
    OffsetTimeline offsets;
    if (timeline == QLatin1String("fixed+1")) {
        offsets = OffsetTimeline::fixed(3600);
    } else if (timeline == QLatin1String("amsterdam")) {
        const QTimeZone zone("Europe/Amsterdam");
        QVERIFY(zone.isValid());
        offsets = OffsetTimeline::fromZone(zone, utc("2026-01-01T00:00:00Z"), utc("2026-12-31T00:00:00Z"));
        QCOMPARE(offsets.spans().size(), 3U);
        QCOMPARE(isoUtc(offsets.spans()[1].utcStartMs), QStringLiteral("2026-03-29T01:00:00Z"));
        QCOMPARE(offsets.spans()[1].offsetSec, 7200);
        QCOMPARE(isoUtc(offsets.spans()[2].utcStartMs), QStringLiteral("2026-10-25T01:00:00Z"));
        QCOMPARE(offsets.spans()[2].offsetSec, 3600);
    } else if (timeline == QLatin1String("learned")) {
        // As an access log reports them, out of order: the first +0100 line at 01:00Z.
        offsets = OffsetTimeline::fromObservations({{utc("2026-10-25T01:00:00Z"), 3600},
                                                    {utc("2026-10-24T23:30:00Z"), 7200},
                                                    {utc("2026-10-25T00:59:00Z"), 7200},
                                                    {utc("2026-10-25T02:30:00Z"), 3600}});
        QCOMPARE(offsets.spans().size(), 2U);
        QCOMPARE(offsets.spans()[0].offsetSec, 7200);
        QCOMPARE(isoUtc(offsets.spans()[1].utcStartMs), QStringLiteral("2026-10-25T01:00:00Z"));
    }
    const std::int64_t bound =
        notBefore.isEmpty() ? std::numeric_limits<std::int64_t>::min() : utc(qPrintable(notBefore));
    QCOMPARE(isoUtc(offsets.toUtc(utc(qPrintable(civil)), bound)), expected);
}

// --- assignSyslogYears alone -----------------------------------------------------------------------------

void TestTimeResolution::assignSyslogYearsUnit_data()
{
    QTest::addColumn<QStringList>("readings"); // "MM-DD hh:mm:ss" in file order
    QTest::addColumn<QString>("anchor");       // newest dated reading (civil, written as UTC)
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("same year") << QStringList{QStringLiteral("11-24 10:51:32"),
                                              QStringLiteral("11-24 10:51:35")}
                               << QStringLiteral("2026-11-24T10:51:00Z")
                               << QStringList{QStringLiteral("2026-11-24T10:51:32Z"),
                                              QStringLiteral("2026-11-24T10:51:35Z")};
    QTest::newRow("across New Year")
        << QStringList{QStringLiteral("12-30 10:00:00"), QStringLiteral("12-31 23:59:59"),
                       QStringLiteral("01-01 00:00:01"), QStringLiteral("01-02 09:00:00")}
        << QStringLiteral("2027-01-02T12:00:00Z")
        << QStringList{QStringLiteral("2026-12-30T10:00:00Z"), QStringLiteral("2026-12-31T23:59:59Z"),
                       QStringLiteral("2027-01-01T00:00:01Z"), QStringLiteral("2027-01-02T09:00:00Z")};
    QTest::newRow("last reading within the day of slack")
        << QStringList{QStringLiteral("01-02 23:00:00")} << QStringLiteral("2027-01-02T12:00:00Z")
        << QStringList{QStringLiteral("2027-01-02T23:00:00Z")};
    QTest::newRow("last reading would be after the anchor: year before")
        << QStringList{QStringLiteral("12-31 10:00:00")} << QStringLiteral("2027-01-02T00:00:00Z")
        << QStringList{QStringLiteral("2026-12-31T10:00:00Z")};
    QTest::newRow("two New Years")
        << QStringList{QStringLiteral("12-31 12:00:00"), QStringLiteral("01-01 12:00:00"),
                       QStringLiteral("06-01 12:00:00"), QStringLiteral("12-31 12:00:00"),
                       QStringLiteral("01-01 12:00:00")}
        << QStringLiteral("2027-01-01T13:00:00Z")
        << QStringList{QStringLiteral("2025-12-31T12:00:00Z"), QStringLiteral("2026-01-01T12:00:00Z"),
                       QStringLiteral("2026-06-01T12:00:00Z"), QStringLiteral("2026-12-31T12:00:00Z"),
                       QStringLiteral("2027-01-01T12:00:00Z")};
    QTest::newRow("Feb 29 in a leap year")
        << QStringList{QStringLiteral("02-29 12:00:00")} << QStringLiteral("2028-03-01T00:00:00Z")
        << QStringList{QStringLiteral("2028-02-29T12:00:00Z")};
    QTest::newRow("Feb 29 in a common year: Feb 28")
        << QStringList{QStringLiteral("02-29 12:00:00")} << QStringLiteral("2027-03-01T00:00:00Z")
        << QStringList{QStringLiteral("2027-02-28T12:00:00Z")};
    // rsyslog writes lines a second or two out of order; at New Year that must not cost a year.
    QTest::newRow("out of order across midnight, mid-file")
        << QStringList{QStringLiteral("01-01 00:00:05"), QStringLiteral("12-31 23:59:59"),
                       QStringLiteral("01-01 00:00:10")}
        << QStringLiteral("2027-01-01T12:00:00Z")
        << QStringList{QStringLiteral("2027-01-01T00:00:05Z"), QStringLiteral("2026-12-31T23:59:59Z"),
                       QStringLiteral("2027-01-01T00:00:10Z")};
    QTest::newRow("out of order across midnight, at the end")
        << QStringList{QStringLiteral("12-31 23:59:58"), QStringLiteral("01-01 00:00:02"),
                       QStringLiteral("12-31 23:59:59")}
        << QStringLiteral("2027-01-01T12:00:00Z")
        << QStringList{QStringLiteral("2026-12-31T23:59:58Z"), QStringLiteral("2027-01-01T00:00:02Z"),
                       QStringLiteral("2026-12-31T23:59:59Z")};
    QTest::newRow("no readings") << QStringList{} << QStringLiteral("2027-01-01T12:00:00Z") << QStringList{};
}

void TestTimeResolution::assignSyslogYearsUnit()
{
    QFETCH(QStringList, readings);
    QFETCH(QString, anchor);
    QFETCH(QStringList, expected);
    std::vector<CivilMs> values;
    for (const QString& reading : readings)
        values.push_back(placeholder(reading));
    std::vector<CivilMs*> times;
    for (CivilMs& value : values)
        times.push_back(&value);
    assignSyslogYears(times, utc(qPrintable(anchor)));
    QCOMPARE(isoList(values), expected);
}

void TestTimeResolution::zoneNamedOnTheLine_data()
{
    QTest::addColumn<QString>("tz");
    QTest::addColumn<QString>("zoneFile");
    // PHP writes its date.timezone on every line: that zone, not the server's nor --tz, dates the line.
    QTest::newRow("--tz elsewhere") << QStringLiteral("America/New_York") << QString();
    QTest::newRow("etc/timezone elsewhere") << QString() << QStringLiteral("Asia/Tokyo\n");
    QTest::newRow("nothing else") << QString() << QString();
}

void TestTimeResolution::zoneNamedOnTheLine()
{
    QFETCH(QString, tz);
    QFETCH(QString, zoneFile);
    const QString folder = rowFolder("named-zone");
    QVERIFY(writeFile(folder + QStringLiteral("/var/log/php/error_log_83"),
                      "[01-Oct-2025 18:09:03 Europe/Berlin] PHP Fatal error:  Maximum execution time of 180 "
                      "seconds exceeded in /var/www/index.php on line 12\n"));
    if (!zoneFile.isEmpty())
        QVERIFY(writeFile(folder + QStringLiteral("/etc/timezone"), zoneFile.toUtf8()));
    ImportOptions options;
    options.timeZone = tz;
    const ImportResult result = runImport({folder}, options);
    const SourceInfo* php = findSource(result, folder + QStringLiteral("/var/log/php/error_log_83"));
    QVERIFY2(php != nullptr, qPrintable(describe(result)));
    QCOMPARE(php->kind, LogKind::PhpError);
    QCOMPARE(isoUtc(php->firstUtcMs), QStringLiteral("2025-10-01T16:09:03Z")); // Berlin is UTC+2 in October
}

void TestTimeResolution::yearlessLineAmongDatedOnes()
{
    // RFC 3339 syslog lines name their years; one traditional line among them must not move them.
    const QString folder = rowFolder("yearless-among-dated");
    QVERIFY(writeFile(
        folder + QStringLiteral("/syslog"),
        "2019-03-04T10:00:00+00:00 web1 php-fpm[12]: [WARNING] [pool www] child 5 exited on signal 11\n"
        "Mar  4 10:00:05 web1 kernel: [12.5] php-fpm[5]: segfault at 0 ip 1 sp 2 error 4 in x.so[1+2]\n"
        "2019-03-04T10:00:09+00:00 web1 systemd[1]: php-fpm.service: Main process exited\n"));
    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    const ImportResult result = runImport({folder}, options);
    const SourceInfo* syslog = findSource(result, folder + QStringLiteral("/syslog"));
    QVERIFY2(syslog != nullptr, qPrintable(describe(result)));
    QCOMPARE(syslog->events, 3U);
    QCOMPARE(isoUtc(syslog->firstUtcMs), QStringLiteral("2019-03-04T10:00:00Z"));
    QCOMPARE(isoUtc(syslog->lastUtcMs), QStringLiteral("2019-03-04T10:00:09Z"));
}

void TestTimeResolution::journalBannerDatesYearlessLines()
{
    // journalctl's banner says when the journal ends: its year dates the year-less lines below it, even with
    // nothing else in the bundle.
    const QString folder = rowFolder("journal-banner");
    QVERIFY(
        writeFile(folder + QStringLiteral("/journal.txt"),
                  "-- Logs begin at Mon 2021-12-27 09:00:01 UTC, end at Tue 2021-12-28 10:00:00 UTC. --\n"
                  "Dec 28 09:59:00 web1 php-fpm8.0[812]: [WARNING] [pool www] server reached pm.max_children "
                  "setting (5), consider raising it\n"
                  "Dec 28 09:59:30 web1 systemd[1]: php8.0-fpm.service: Main process exited, code=killed, "
                  "status=9/KILL\n"));
    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    const ImportResult result = runImport({folder}, options);
    QVERIFY2(result.timeline && result.timeline->size() == 2, qPrintable(describe(result)));
    for (const std::int64_t t : result.timeline->events().timeMs)
        QVERIFY2(isoUtc(t).startsWith(QStringLiteral("2021-12-28T09:59")), qPrintable(isoUtc(t)));
}

QTEST_GUILESS_MAIN(TestTimeResolution)
#include "tst_timeresolution.moc"
