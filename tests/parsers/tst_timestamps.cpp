// The timestamp readers (parse/timestamps.h, parse/datecommandtime.h), one table of real log-line beginnings
// per family: the civil time read, the offset or zone name when the text has one, how many bytes the stamp
// used, and which of "no timestamp", "bad timestamp" and "bad date" a broken stamp is.

#include "parse/datecommandtime.h"
#include "parse/timestamps.h"
#include "time/civiltime.h"

#include <QTest>

using namespace gd;
using timestamps::StampStatus;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

/// "2026-11-24 10:51:32.000+0100 group=[CST] used=28", or the rejection reason.
QByteArray describe(StampStatus status, const ParsedEvent& e, std::size_t used)
{
    if (status != StampStatus::Ok) {
        const std::string_view reason = timestamps::stampReason(status);
        return QByteArray(reason.data(), static_cast<qsizetype>(reason.size()));
    }
    const CivilFields f = civilFields(e.time);
    QByteArray out = QString::asprintf("%04d-%02d-%02d %02d:%02d:%02d.%03d", f.year, f.month, f.day, f.hour,
                                       f.minute, f.second, f.millisecond)
                         .toLatin1();
    if (!e.hasYear)
        out += "(no-year)";
    if (e.hasOffset)
        out +=
            QString::asprintf("%+05d", (e.utcOffsetSec / 3600) * 100 + (e.utcOffsetSec / 60) % 60).toLatin1();
    if (!e.group.empty())
        out += " group=[" + QByteArray(e.group.data(), static_cast<qsizetype>(e.group.size())) + ']';
    if (used != 0)
        out += " used=" + QByteArray::number(static_cast<qulonglong>(used));
    return out;
}

/// Runs the reader called `name` on `text`; whole-field parsers report "rejected" for false.
QByteArray read(const QString& name, const QByteArray& text)
{
    ParsedEvent event;
    std::size_t used = 0;
    const std::string_view line = view(text);
    const auto stamp = [&](StampStatus (*reader)(std::string_view, ParsedEvent&, std::size_t&)) {
        const StampStatus status = reader(line, event, used); // before `used` is read
        return describe(status, event, used);
    };
    const auto whole = [&](bool ok) {
        return ok ? describe(StampStatus::Ok, event, 0) : QByteArray("rejected");
    };
    if (name == u"nginx-error")
        return stamp(timestamps::readNginxErrorTime);
    if (name == u"time_local")
        return whole(timestamps::parseTimeLocal(line, event));
    if (name == u"time_iso8601")
        return whole(timestamps::parseTimeIso8601(line, event));
    if (name == u"msec")
        return whole(timestamps::parseMsec(line, event));
    if (name == u"iso8601")
        return stamp(timestamps::readIso8601);
    if (name == u"fpm")
        return stamp(timestamps::readFpmTime);
    if (name == u"php")
        return stamp(timestamps::readPhpTime);
    if (name == u"syslog")
        return stamp(timestamps::readSyslogTime);
    if (name == u"date")
        return stamp(timestamps::readDateCommandTime);
    if (name == u"asctime")
        return stamp(timestamps::readAsctime);
    if (name == u"compact") {
        CivilFields f;
        const StampStatus status = timestamps::readCompactTime(line, 0, f);
        if (status == StampStatus::Ok)
            event.time = civilMs(f);
        return describe(status, event, 0);
    }
    return "unknown reader";
}

void row(const char* reader, const char* text, const char* expected)
{
    QTest::addRow("%s: %s", reader, text)
        << QString::fromLatin1(reader) << QByteArray(text) << QByteArray(expected);
}

} // namespace

class TestTimestamps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readers_data()
    {
        QTest::addColumn<QString>("reader");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");

        // nginx error.log: local time, no zone.
        row("nginx-error", "2026/11/24 10:51:32 [crit] 4021#4021: *88 connect() failed",
            "2026-11-24 10:51:32.000 used=19");
        row("nginx-error", "2028/02/29 00:00:00 [error] 1#1: x", "2028-02-29 00:00:00.000 used=19");
        row("nginx-error", "2026/02/29 10:51:32 [error] 1#1: x", "bad date");
        row("nginx-error", "2026/11/24 24:00:00 [error] 1#1: x", "bad date");
        row("nginx-error", "2026/11/x4 10:51:32 [error] 1#1: x", "no timestamp");
        row("nginx-error", "2026/11/24 10:51", "no timestamp");
        row("nginx-error", "24/Nov/2026:10:51:32 +0100", "no timestamp");

        // Access-log $time_local, $time_iso8601, $msec: whole fields, offset always known.
        row("time_local", "24/Nov/2026:10:51:32 +0100", "2026-11-24 10:51:32.000+0100");
        row("time_local", "04/Jul/2026:23:59:59 -0530", "2026-07-04 23:59:59.000-0530");
        row("time_local", "24/Nov/2026:10:51:32 +01:00", "rejected");
        row("time_local", "24/nov/2026:10:51:32 +0100", "rejected");
        row("time_local", "31/Nov/2026:10:51:32 +0100", "rejected");
        row("time_local", "31/Dec/1969:23:59:59 +0000", "rejected");
        row("time_local", "24/Nov/2026:10:51:32 +1900", "rejected");
        row("time_local", "24/Nov/2026:10:51:32 +01x0", "rejected");
        row("time_iso8601", "2026-11-24T10:51:32+01:00", "2026-11-24 10:51:32.000+0100");
        row("time_iso8601", "2026-11-24T10:51:32Z", "2026-11-24 10:51:32.000+0000");
        row("time_iso8601", "2026-11-24T10:51:32+0100", "rejected");
        row("time_iso8601", "2026-11-24T10:51:32.12+01", "rejected");
        row("time_iso8601", "2026-11-24T10:51:32", "rejected");
        row("time_iso8601", "1969-12-31T23:59:59Z", "rejected");
        row("msec", "1795513892.123", "2026-11-24 09:51:32.123+0000");
        row("msec", "1795513892", "rejected");
        row("msec", "1795513892.12", "rejected");
        row("msec", "0.000", "rejected");

        // ISO 8601 / RFC 3339 (rsyslog file format, RFC 5424): offset optional, any fraction.
        row("iso8601", "2026-11-24T10:51:32.123456+01:00 srv1 kernel: x",
            "2026-11-24 10:51:32.123+0100 used=32");
        row("iso8601", "2026-11-24T10:51:32Z srv1 x", "2026-11-24 10:51:32.000+0000 used=20");
        row("iso8601", "2026-11-24T10:51:32.5 srv1 x", "2026-11-24 10:51:32.500 used=21");
        row("iso8601", "2026-11-24T10:51:32+0530 srv1 x", "2026-11-24 10:51:32.000+0530 used=24");
        row("iso8601", "2026-11-24T10:51:32-03 srv1 x", "2026-11-24 10:51:32.000-0300 used=22");
        row("iso8601", "2026-11-24T10:51:32+25:00 srv1 x", "2026-11-24 10:51:32.000 used=19");
        row("iso8601", "2026-11-24T10:51:32. srv1 x", "no timestamp");
        row("iso8601", "2026-11-24 10:51:32 srv1 x", "no timestamp");
        row("iso8601", "2026-02-30T10:51:32Z srv1 x", "bad date");

        // PHP-FPM zlog (master log and slowlog): microseconds at log_level = debug.
        row("fpm", "[24-Nov-2026 10:51:32] WARNING: [pool www] child 23456 exited on signal 11",
            "2026-11-24 10:51:32.000 used=22");
        row("fpm", "[24-Nov-2026 10:51:32.123456] DEBUG: pid 1234, fpm_children_bury(), line 256: x",
            "2026-11-24 10:51:32.123 used=29");
        row("fpm", "[24-Nov-2026 11:00:55]  [pool o1.83] pid 24001", "2026-11-24 11:00:55.000 used=22");
        row("fpm", "[24-Nov-2026 10:51:32.12] NOTICE: x", "bad timestamp");
        row("fpm", "[24-Nov-2026 10:51:32 NOTICE: x", "bad timestamp");
        row("fpm", "[24-Foo-2026 10:51:32] NOTICE: x", "bad date");
        row("fpm", "[30-Feb-2026 10:51:32] NOTICE: x", "bad date");
        row("fpm", "NOTICE: PHP message: worker output", "no timestamp");

        // PHP error_log: the zone is the date.timezone name.
        row("php", "[24-Nov-2026 09:51:32 UTC] PHP Fatal error:  Maximum execution time",
            "2026-11-24 09:51:32.000+0000 used=26");
        row("php", "[24-Nov-2026 09:51:32 Etc/UTC] PHP Warning:  x", "2026-11-24 09:51:32.000+0000 used=30");
        row("php", "[24-Nov-2026 10:51:32 Europe/Berlin] PHP Warning:  x",
            "2026-11-24 10:51:32.000 group=[Europe/Berlin] used=36");
        row("php", "[24-Nov-2026 10:51:32 +01:00] PHP Notice:  x", "2026-11-24 10:51:32.000+0100 used=29");
        row("php", "[24-Nov-2026 10:51:32] PHP Notice:  x", "2026-11-24 10:51:32.000 used=22");
        row("php", "[24-Foo-2026 09:51:32 UTC] PHP Notice:  x", "no timestamp");
        row("php", "[24-Nov-2026 09:51:32 Europe Berlin] x", "no timestamp");
        row("php", "[30-Feb-2026 09:51:32 UTC] PHP Notice:  x", "bad date");

        // Syslog RFC 3164: no year (2000 stands in, a leap year), no zone.
        row("syslog", "Nov 24 10:51:32 srv1 kernel: x", "2000-11-24 10:51:32.000(no-year) used=15");
        row("syslog", "Nov  4 10:51:32 srv1 kernel: x", "2000-11-04 10:51:32.000(no-year) used=15");
        row("syslog", "Nov 4 10:51:32 srv1 kernel: x", "2000-11-04 10:51:32.000(no-year) used=14");
        row("syslog", "Feb 29 10:51:32 srv1 kernel: x", "2000-02-29 10:51:32.000(no-year) used=15");
        row("syslog", "Feb 30 10:51:32 srv1 kernel: x", "bad date");
        row("syslog", "Nov 24 10:51 srv1 kernel: x", "no timestamp");
        row("syslog", "nov 24 10:51:32 srv1 kernel: x", "no timestamp");
        row("syslog", "Nov 124 10:51:32 srv1 kernel: x", "no timestamp");

        // BOA: `date` output in three locales, and `date +%y%m%d-%H%M%S`.
        row("date", "Tue Nov 24 10:51:32 CET 2026 FPM Sockets conflict detected",
            "2026-11-24 10:51:32.000+0100 used=28");
        row("date", "Tue Nov 24 10:51:32 AM CEST 2026 x", "2026-11-24 10:51:32.000+0200 used=32");
        row("date", "Tue Nov 24 12:51:32 AM UTC 2026", "2026-11-24 00:51:32.000+0000 used=31");
        row("date", "Tue 24 Nov 10:51:32 GMT 2026", "2026-11-24 10:51:32.000+0000 used=28");
        row("date", "Wed Nov  4 10:51:32 CST 2026", "2026-11-04 10:51:32.000 group=[CST] used=28");
        row("date", "Tue Nov 24 10:51:32 +0530 2026", "2026-11-24 10:51:32.000+0530 used=30");
        row("date", "Tue Nov 24 13:51:32 PM CET 2026", "bad date");
        row("date", "Tue Nov 31 10:51:32 CET 2026", "bad date");
        row("date", "Sending Incident Report Email on", "no timestamp");
        row("compact", "261124-105132 KILL FPM 12", "2026-11-24 10:51:32.000");
        row("compact", "260230-105132", "bad date");
        row("compact", "2611x4-105132", "no timestamp");
        // supervisord (gh-Azure-app-service-quickstart-docker-images-337) and Python's logging
        row("asctime", "2020-04-11 13:10:00,063 INFO exited: php-fpm", "2020-04-11 13:10:00.063 used=23");
        row("asctime", "2020-04-11 13:10:00.063 INFO", "2020-04-11 13:10:00.063 used=23");
        row("asctime", "2020-04-11 13:10:00 INFO", "2020-04-11 13:10:00.000 used=19");
        row("asctime", "2020-04-11 13:10:00,", "bad timestamp");
        row("asctime", "2020-04-11 13:10:00,06", "bad timestamp");
        row("asctime", "2020-02-30 13:10:00,063 INFO", "bad date");
        row("asctime", "2020-04-11T13:10:00,063 INFO", "no timestamp");
        row("asctime", "2020-04-11 13:10", "no timestamp");
    }

    void readers()
    {
        QFETCH(QString, reader);
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(read(reader, text), expected);
    }

    void clock()
    {
        CivilFields f;
        QVERIFY(timestamps::parseClock("CRASH at 10:51:32 [2]", 9, f));
        QCOMPARE(f.hour, 10);
        QCOMPARE(f.minute, 51);
        QCOMPARE(f.second, 32);
        QVERIFY(!timestamps::parseClock("10:51", 0, f));
        QVERIFY(!timestamps::parseClock("10-51-32", 0, f));
        QVERIFY(!timestamps::parseClock("1x:51:32", 0, f));
        QVERIFY(timestamps::stampReason(StampStatus::Ok).empty());
    }
};

QTEST_GUILESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"
