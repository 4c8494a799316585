// The per-minute request counts an import publishes while it runs (for the provisional chart): after
// run() they must equal what the final timeline holds, minute by minute and class by class, and the
// status classes and UTC minutes of a few lines are checked by hand.

#include "importtestutil.h"
#include "model/histogram.h"
#include "model/timeline.h"

#include <QTemporaryDir>
#include <map>

using namespace gd;
using namespace gdtest;

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
using Counts = std::array<std::uint32_t, kRequestClassCount>;

std::map<std::int64_t, Counts> asMap(const std::vector<LiveMinute>& minutes)
{
    std::map<std::int64_t, Counts> out;
    for (const LiveMinute& minute : minutes)
        out[minute.minute] = minute.counts;
    return out;
}

/// The counts of the final timeline: every request, by UTC minute and class.
std::map<std::int64_t, Counts> timelineCounts(const Timeline& timeline)
{
    std::map<std::int64_t, Counts> out;
    const EventColumns& c = timeline.events();
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.code[i] == MessageCode::Request)
            ++out[c.timeMs[i] / kMinuteMs][static_cast<std::size_t>(requestClassOf(c.value[i]))];
    }
    return out;
}

/// Access lines over ~3 hours of 2026-11-25 (+0200), several per minute with mixed statuses: bigger
/// than one read chunk, so the counts are merged several times while parsing.
QByteArray bigAccessLog(int lines)
{
    static const int statuses[] = {200, 200, 304, 200, 404, 502, 200, 504, 500, 301, 403, 200, 503};
    QByteArray out;
    for (int i = 0; i < lines; ++i) {
        const int second = i * 7 / 5; // about 43 lines per minute
        const QByteArray stamp = QStringLiteral("25/Nov/2026:%1:%2:%3 +0200")
                                     .arg(8 + second / 3600, 2, 10, QChar(u'0'))
                                     .arg(second / 60 % 60, 2, 10, QChar(u'0'))
                                     .arg(second % 60, 2, 10, QChar(u'0'))
                                     .toLatin1();
        out += "\"203.0.113." + QByteArray::number(i % 250) + "\" www.example.com [" + stamp +
               "] \"GET /node/" + QByteArray::number(i) + " HTTP/1.1\" " +
               QByteArray::number(statuses[i % std::size(statuses)]) +
               " 150 412 313 \"https://www.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64) padding "
               "padding padding padding padding padding\" 0.003 \"-\"\n";
    }
    return out;
}

} // namespace

class TestLiveCounts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classesAndMinutesByHand()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // 09:51Z: a 502, a 504 and (written at -0500) a 200; 09:52Z: a 404, a 503 and a 301.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("nginx/access.log")),
                          accessLine("24/Nov/2026:10:51:32 +0100", 502) +
                              accessLine("24/Nov/2026:10:51:59 +0100", 504) +
                              accessLine("24/Nov/2026:04:51:10 -0500", 200) +
                              accessLine("24/Nov/2026:10:52:00 +0100", 404) +
                              accessLine("24/Nov/2026:10:52:30 +0100", 503) +
                              accessLine("24/Nov/2026:10:52:31 +0100", 301)));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("nginx/error.log")), errorLog())); // no offsets
        Importer importer({});
        const ImportResult result = importer.run({dir.path()});
        QVERIFY(result.timeline);

        const std::vector<LiveMinute> live = importer.liveRequestCounts();
        QCOMPARE(live.size(), std::size_t(2));
        QCOMPARE(live[0].minute, utc("2026-11-24T09:51:00Z") / kMinuteMs);
        QCOMPARE(live[0].startMs(), utc("2026-11-24T09:51:00Z"));
        const Counts first = {1, 0, 0, 1, 1}; // 2xx/3xx, 4xx, other 5xx, 502, 504
        QVERIFY(live[0].counts == first);
        QCOMPARE(live[1].minute, utc("2026-11-24T09:52:00Z") / kMinuteMs);
        const Counts second = {1, 1, 1, 0, 0};
        QVERIFY(live[1].counts == second);
    }

    void equalTheFinalTimeline()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray big = bigAccessLog(30000);
        QVERIFY(big.size() > 3 * (1 << 20)); // several 1 MB chunks
        QVERIFY(writeFile(dir.filePath(QStringLiteral("nginx/access.log")), big));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("nginx/access.log.1")), accessLog())); // small: inline
        QVERIFY(writeFile(dir.filePath(QStringLiteral("nginx/error.log")), errorLog()));
        Importer importer({});
        const ImportResult result = importer.run({dir.path()});
        QVERIFY(result.timeline);
        QVERIFY(!result.cancelled);

        const auto live = asMap(importer.liveRequestCounts());
        const auto final = timelineCounts(*result.timeline);
        QVERIFY(final.size() > 100);
        QCOMPARE(live.size(), final.size());
        QVERIFY(live == final);
        std::uint64_t total = 0;
        for (const auto& [minute, counts] : live) {
            for (const std::uint32_t n : counts)
                total += n;
        }
        QCOMPARE(total, std::uint64_t(30000 + 3));
    }

    void eachRunStartsFromZero()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a/access.log")), accessLog()));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b/access.log")),
                          accessLine("24/Nov/2026:10:51:32 +0100", 200)));
        Importer importer({});
        importer.run({dir.filePath(QStringLiteral("a"))});
        QCOMPARE(importer.liveRequestCounts().size(), std::size_t(3));
        importer.run({dir.filePath(QStringLiteral("b"))});
        const std::vector<LiveMinute> live = importer.liveRequestCounts();
        QCOMPARE(live.size(), std::size_t(1));
        const Counts one = {1, 0, 0, 0, 0};
        QVERIFY(live[0].counts == one);
    }
};

QTEST_GUILESS_MAIN(TestLiveCounts)
#include "tst_livecounts.moc"
