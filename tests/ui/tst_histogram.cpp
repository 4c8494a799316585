// TimelineHistogram: counts per bin by request class and by PHP-FPM marker, checked by hand on a
// small import; the bucket sums and the direct count agree; re-binning latency on ~5 M events.

#include "import/importer.h"
#include "import/parsedsource.h"
#include "import/timelinebuilder.h"
#include "model/histogram.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;

namespace {

// 2026-11-24T09:51:00Z and friends, written at +0100 in the logs below.
constexpr std::int64_t k0951 = 1795513860000;
constexpr std::int64_t kMinute = 60'000;

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray accessLine(const char* time, int status)
{
    return QStringLiteral(
               "\"203.0.113.7\" www.example.com [24/Nov/2026:%1 +0100] \"GET /node/1 HTTP/1.1\" %2 150 "
               "412 313 \"-\" \"Mozilla/5.0\" 0.003 \"-\"\n")
        .arg(QLatin1String(time))
        .arg(status)
        .toUtf8();
}

ImportResult importSmall(const QString& dir)
{
    // 09:51:10Z 502, 09:51:50Z 200, 09:52:05Z 504, 09:52:06Z 404, 09:53:30Z 500, 09:53:31Z 301.
    QByteArray access = accessLine("10:51:10", 502) + accessLine("10:51:50", 200) +
                        accessLine("10:52:05", 504) + accessLine("10:52:06", 404) +
                        accessLine("10:53:30", 500) + accessLine("10:53:31", 301);
    // Zone-less: read in the bundle's zone (Europe/Amsterdam, +0100 in November).
    // 09:51:20Z segfault (crash), 09:51:21Z SIGTERM (not a crash), 09:52:40Z max_children,
    // 09:53:00Z reload (restart), 09:53:05Z execution timed out.
    const QByteArray fpm = QByteArrayLiteral("[24-Nov-2026 10:51:20] WARNING: [pool o1.83] child 23456 "
                                             "exited on signal 11 (SIGSEGV) after 3.1 seconds "
                                             "from start\n"
                                             "[24-Nov-2026 10:51:21] WARNING: [pool o1.83] child 23457 "
                                             "exited on signal 15 (SIGTERM) after 9.1 seconds "
                                             "from start\n"
                                             "[24-Nov-2026 10:52:40] WARNING: [pool o1.83] server reached "
                                             "max_children setting (5), consider raising "
                                             "it\n"
                                             "[24-Nov-2026 10:53:00] NOTICE: Reloading in progress ...\n"
                                             "[24-Nov-2026 10:53:05] WARNING: [pool o1.83] child 23500, "
                                             "script '/var/www/index.php' (request: \"GET "
                                             "/index.php\") execution timed out (30.1 sec), terminating\n");
    if (!writeFile(dir + QStringLiteral("/var/log/nginx/access.log"), access) ||
        !writeFile(dir + QStringLiteral("/var/log/php/php83-fpm-error.log"), fpm) ||
        !writeFile(dir + QStringLiteral("/etc/timezone"), "Europe/Amsterdam\n"))
        return {};
    Importer importer{ImportOptions{}};
    return importer.run({dir});
}

using Requests = std::array<std::uint32_t, kRequestClassCount>;
using Markers = std::array<std::uint32_t, kMarkerKindCount>;

Requests requests(std::uint32_t success, std::uint32_t client, std::uint32_t other5xx, std::uint32_t r502,
                  std::uint32_t r504)
{
    return {success, client, other5xx, r502, r504};
}

Markers markers(std::uint32_t restart, std::uint32_t crash, std::uint32_t maxChildren, std::uint32_t timeout)
{
    return {restart, crash, maxChildren, timeout};
}

} // namespace

class TestHistogram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classifies()
    {
        QCOMPARE(requestClassOf(200), RequestClass::Success);
        QCOMPARE(requestClassOf(304), RequestClass::Success);
        QCOMPARE(requestClassOf(499), RequestClass::ClientError);
        QCOMPARE(requestClassOf(500), RequestClass::OtherServerError);
        QCOMPARE(requestClassOf(502), RequestClass::BadGateway);
        QCOMPARE(requestClassOf(503), RequestClass::OtherServerError);
        QCOMPARE(requestClassOf(504), RequestClass::GatewayTimeout);
        QCOMPARE(markerKindOf(MessageCode::FpmChildExitedSignal, 11), MarkerKind::Crash);
        QCOMPARE(markerKindOf(MessageCode::FpmChildExitedSignal, 15), std::nullopt);
        QCOMPARE(markerKindOf(MessageCode::KernSegfault, 0), MarkerKind::Crash);
        QCOMPARE(markerKindOf(MessageCode::FpmMaxChildren, 5), MarkerKind::MaxChildren);
        QCOMPARE(markerKindOf(MessageCode::FpmReloading, 0), MarkerKind::Restart);
        QCOMPARE(markerKindOf(MessageCode::FpmExecutionTimedOut, 0), MarkerKind::Timeout);
        QCOMPARE(markerKindOf(MessageCode::Request, 502), std::nullopt);
    }

    void countsPerMinuteByHand()
    {
        QTemporaryDir dir;
        const ImportResult import = importSmall(dir.path());
        QVERIFY(import.timeline);
        const TimelineHistogram histogram(*import.timeline);
        QCOMPARE(histogram.firstMs(), k0951 + 10'000);
        QCOMPARE(histogram.lastMs(), k0951 + 2 * kMinute + 31'000);
        QCOMPARE(histogram.baseBucketMs(), 1000);

        const HistogramBins bins = histogram.bins(k0951 + 5000, k0951 + 3 * kMinute, kMinute);
        QCOMPARE(bins.startMs, k0951);
        QCOMPARE(bins.binMs, kMinute);
        QCOMPARE(bins.size(), std::size_t(3));
        QCOMPARE(bins.requests[0], requests(1, 0, 0, 1, 0));
        QCOMPARE(bins.requests[1], requests(0, 1, 0, 0, 1));
        QCOMPARE(bins.requests[2], requests(1, 0, 1, 0, 0));
        QCOMPARE(bins.markers[0], markers(0, 1, 0, 0));
        QCOMPARE(bins.markers[1], markers(0, 0, 1, 0));
        QCOMPARE(bins.markers[2], markers(1, 0, 0, 1));
        QCOMPARE(bins.requestTotal(0), 2u);
        QCOMPARE(bins.maxRequestTotal(), 2u);

        // One bin over everything; a range before the data is all zeros.
        const HistogramBins all =
            histogram.bins(k0951 - kMinute, k0951 + 9 * kMinute, 10 * kMinute); // 09:50-10:00
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all.requests[0], requests(2, 1, 1, 1, 1));
        QCOMPARE(all.markers[0], markers(1, 1, 1, 1));
        const HistogramBins before = histogram.bins(k0951 - 10 * kMinute, k0951 - 5 * kMinute, kMinute);
        QCOMPARE(before.size(), std::size_t(5));
        QCOMPARE(before.maxRequestTotal(), 0u);
    }

    void bucketSumsEqualDirectCounts()
    {
        QTemporaryDir dir;
        const ImportResult import = importSmall(dir.path());
        QVERIFY(import.timeline);
        const TimelineHistogram fine(*import.timeline);
        const TimelineHistogram coarse(*import.timeline, 3); // 2 min buckets: finer bins are counted directly
        QVERIFY(coarse.baseBucketMs() > kMinute);
        for (const std::int64_t bin :
             std::initializer_list<std::int64_t>{1000, 5000, 15'000, kMinute, 2 * kMinute}) {
            const HistogramBins a = fine.bins(k0951 - kMinute, k0951 + 4 * kMinute, bin);
            const HistogramBins b = coarse.bins(k0951 - kMinute, k0951 + 4 * kMinute, bin);
            QCOMPARE(a.startMs, b.startMs);
            QCOMPARE(a.requests, b.requests);
            QCOMPARE(a.markers, b.markers);
        }
    }

    void binSizes()
    {
        QTemporaryDir dir;
        const ImportResult import = importSmall(dir.path());
        const TimelineHistogram histogram(*import.timeline);
        // One bin more than span / bin: a range rarely starts on a bin boundary.
        QCOMPARE(histogram.binSizeFor(60 * kMinute, 61), kMinute);
        QCOMPARE(histogram.binSizeFor(60 * kMinute, 60), 2 * kMinute);
        QCOMPARE(histogram.binSizeFor(24 * 60 * kMinute, 100), 15 * kMinute);
        QCOMPARE(histogram.binSizeFor(24 * 60 * kMinute, 90), 30 * kMinute);
        QCOMPARE(histogram.binSizeFor(10'000, 100), 1000);
        const TimelineHistogram coarse(*import.timeline, 3);
        // Bins at or above the base bucket are multiples of it.
        for (const std::int64_t span :
             std::initializer_list<std::int64_t>{kMinute * 7, kMinute * 100, kMinute * 1000}) {
            const std::int64_t bin = coarse.binSizeFor(span, 20);
            QVERIFY(bin < coarse.baseBucketMs() || bin % coarse.baseBucketMs() == 0);
        }
    }

    void rebinLatencyOnMillionsOfEvents()
    {
        // ~5 M requests over one day, built straight into a timeline (parsing is not what is measured).
        constexpr std::size_t kEvents = 5'000'000;
        constexpr std::int64_t kDay = 86'400'000;
        auto source = std::make_unique<ParsedSource>();
        source->info.path = QStringLiteral("synthetic-access.log");
        source->info.kind = LogKind::NginxAccess;
        const std::uint32_t host = source->hosts.intern("www.example.com");
        EventColumns& events = source->events;
        events.reserve(kEvents);
        for (std::size_t i = 0; i < kEvents; ++i) {
            events.timeMs.push_back(k0951 +
                                    static_cast<std::int64_t>(i) * kDay / static_cast<std::int64_t>(kEvents));
            events.source.push_back(0);
            events.line.push_back(static_cast<std::uint32_t>(i + 1));
            events.code.push_back(i % 1000 == 0 ? MessageCode::FpmMaxChildren : MessageCode::Request);
            events.levelMethod.push_back(EventColumns::packLevelMethod(Level::None, HttpMethod::Get));
            events.value.push_back(i % 97 == 0 ? 502 : (i % 89 == 0 ? 504 : 200));
            events.durationMs.push_back(3);
            events.pid.push_back(0);
            events.host.push_back(host);
            events.target.push_back(0);
            events.client.push_back(0);
            events.group.push_back(0);
            source->pendingTime.push_back(0);
            source->lineHash.push_back(static_cast<std::uint32_t>(i));
        }
        std::vector<std::unique_ptr<ParsedSource>> sources;
        sources.push_back(std::move(source));
        ImportResult import;
        const ImportOptions options;
        TimelineBuilder(options).build(std::move(sources), import);
        QVERIFY(import.timeline);
        QCOMPARE(import.timeline->size(), kEvents);

        QElapsedTimer clock;
        clock.start();
        const TimelineHistogram histogram(*import.timeline);
        const qint64 buildMs = clock.elapsed();
        std::printf("histogram of %zu events: base bucket %lld ms, built in %lld ms\n", kEvents,
                    static_cast<long long>(histogram.baseBucketMs()), static_cast<long long>(buildMs));

        // Zooming from the whole day in to 20 s, as the chart does (about 300 bins).
        std::int64_t from = histogram.firstMs();
        std::int64_t span = histogram.lastMs() - from;
        std::uint64_t total = 0;
        while (span > 20'000) {
            clock.restart();
            const std::int64_t bin = histogram.binSizeFor(span, 300);
            const HistogramBins bins = histogram.bins(from, from + span, bin);
            const qint64 micros = clock.nsecsElapsed() / 1000;
            for (std::size_t i = 0; i < bins.size(); ++i)
                total += bins.requestTotal(i);
            std::printf("  span %9lld s, bin %6lld ms, %4zu bins: %6lld us\n",
                        static_cast<long long>(span / 1000), static_cast<long long>(bin), bins.size(),
                        static_cast<long long>(micros));
            from += span / 4;
            span /= 2;
        }
        QVERIFY(total > 0);
    }
};

QTEST_GUILESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
