// Raw-line reading benchmark: what the log viewer pays for the lines around one event in the big
// compressed files of a bundle (those too big for RawTextReader's member cache).
//
//   bench_rawtext [--reads N] [--before N] [--seed S] INPUT...
//
// Imports INPUT, then for every compressed source bigger than half of RawTextReader's default cache:
// * "first" reads: the lines at 1/6 … 5/6 of the file in order (what bench_gui's log-viewer figure does),
//   each on a fresh RawTextReader state for that file, as after opening the bundle;
// * "later" reads: N (default 40) lines at random offsets once the file was read to its end;
// * "before" reads: N (default 3) random lines decoded from the start of the file, the way RawTextReader
//   read such files before it had access points (withSourceStream + skip to the line checkpoint);
//   their lines are compared with what RawTextReader returned.
// Every read fetches 401 lines (the log viewer's 200 lines of context on each side). Prints ms per read
// (median, 90th percentile, max) per kind, the access points' memory, and a mismatch count (must be 0).

#include "benchrandom.h"
#include "import/bytereader.h"
#include "import/importer.h"
#include "import/linespancollector.h"
#include "import/rawtext.h"
#include "peakrss.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace gd;

namespace {

constexpr std::uint32_t kContext = 200;
constexpr std::uint32_t kLinesPerRead = 2 * kContext + 1;
constexpr std::uint64_t kDefaultCacheLimit = 512ULL << 20; // RawTextReader's default

struct Samples {
    std::vector<double> ms;
    void add(double value) { ms.push_back(value); }
    double at(double quantile) const
    {
        if (ms.empty())
            return 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted[static_cast<std::size_t>(quantile * static_cast<double>(sorted.size() - 1) + 0.5)];
    }
    void print(const char* what) const
    {
        std::printf("%-8s reads %4zu  median %8.1f ms  p90 %8.1f ms  max %8.1f ms\n", what, ms.size(),
                    at(0.5), at(0.9), at(1.0));
    }
};

double msSince(const QElapsedTimer& clock)
{
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

/// The lines as RawTextReader read big members before access points: decode from the start, skip to
/// the line checkpoint before the first line, collect.
bool decodeFromStart(const SourceInfo& info, std::uint64_t firstLine, std::vector<std::string>& out)
{
    const std::uint64_t index = std::min<std::uint64_t>((firstLine - 1) / SourceInfo::kLineCheckpointStride,
                                                        info.lineCheckpoints.size() - 1);
    const std::uint64_t offset = info.lineCheckpoints[index];
    LineSpanCollector collector({{firstLine, kLinesPerRead}}, index * SourceInfo::kLineCheckpointStride + 1);
    QString error;
    const bool ok = withSourceStream(
        info.location,
        [&](ByteReader& stream) {
            std::vector<char> block(256 * 1024);
            std::uint64_t position = 0;
            while (collector.wantsMore()) {
                const std::ptrdiff_t n = stream.read(block.data(), block.size());
                if (n <= 0)
                    return n == 0;
                std::string_view data(block.data(), static_cast<std::size_t>(n));
                if (position + data.size() > offset)
                    collector.feed(data.substr(position >= offset ? 0 : offset - position));
                position += data.size();
            }
            return true;
        },
        &error);
    collector.finish();
    for (LineBlock& block : collector.takeBlocks())
        out.insert(out.end(), block.lines.begin(), block.lines.end());
    return ok;
}

std::uint64_t firstLineAround(std::uint64_t line)
{
    return line > kContext ? line - kContext : 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int laterReads = 40;
    int beforeReads = 3;
    std::uint64_t seed = 1;
    QStringList inputs;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--reads") && i + 1 < args.size())
            laterReads = args[++i].toInt();
        else if (args[i] == QLatin1String("--before") && i + 1 < args.size())
            beforeReads = args[++i].toInt();
        else if (args[i] == QLatin1String("--seed") && i + 1 < args.size())
            seed = args[++i].toULongLong();
        else
            inputs << args[i];
    }
    if (inputs.isEmpty()) {
        std::fprintf(stderr, "usage: bench_rawtext [--reads N] [--before N] [--seed S] INPUT...\n");
        return 2;
    }

    QElapsedTimer clock;
    clock.start();
    Importer importer({});
    const ImportResult result = importer.run(inputs);
    std::printf("import %.1f s, peak RSS %.0f MB\n", msSince(clock) / 1000, bench::peakRssMb());

    RawTextReader reader(result.sources);
    bench::Random random(seed);
    Samples first, later, before, deepFirst, deepBefore;
    int mismatches = 0;
    std::uint64_t bigBytes = 0;
    for (std::size_t s = 0; s < result.sources.size(); ++s) {
        const SourceInfo& info = result.sources[s];
        if (info.location.memberChain.isEmpty() || info.bytes <= kDefaultCacheLimit / 2 || info.lines == 0)
            continue;
        bigBytes += info.bytes;
        const auto source = static_cast<std::uint16_t>(s);
        std::printf("%s: %.0f MB, %llu lines\n", qPrintable(info.path), static_cast<double>(info.bytes) / 1e6,
                    static_cast<unsigned long long>(info.lines));
        std::vector<std::string> lines;
        QString error;
        for (std::uint64_t k = 1; k <= 5; ++k) {
            clock.start();
            if (!reader.lines(source, firstLineAround(info.lines * k / 6 + 7), kLinesPerRead, lines, &error))
                std::printf("  read failed: %s\n", qPrintable(error));
            first.add(msSince(clock));
        }
        {
            // The worst first read: 5/6 into the file on an index that has seen nothing, and the old way.
            RawTextReader fresh(result.sources);
            const std::uint64_t line = firstLineAround(info.lines * 5 / 6 + 7);
            clock.start();
            fresh.lines(source, line, kLinesPerRead, lines, &error);
            deepFirst.add(msSince(clock));
            std::vector<std::string> expected;
            clock.start();
            decodeFromStart(info, line, expected);
            deepBefore.add(msSince(clock));
            mismatches += expected != lines;
        }
        reader.lines(source, info.lines, 1, lines, &error); // the index now covers the whole file
        for (int r = 0; r < laterReads + beforeReads; ++r) {
            const std::uint64_t line = firstLineAround(1 + random.next() % info.lines);
            clock.start();
            if (!reader.lines(source, line, kLinesPerRead, lines, &error))
                std::printf("  read failed: %s\n", qPrintable(error));
            later.add(msSince(clock));
            if (r < laterReads)
                continue;
            std::vector<std::string> expected;
            clock.start();
            decodeFromStart(info, line, expected);
            before.add(msSince(clock));
            mismatches += expected != lines;
        }
    }
    first.print("first");
    later.print("later");
    before.print("before");
    deepFirst.print("5/6 new");
    deepBefore.print("5/6 old");
    std::printf("gzip access points: %.2f MB for %.0f MB of big compressed files (%.3f %%)\n",
                static_cast<double>(reader.gzipIndexBytes()) / 1e6, static_cast<double>(bigBytes) / 1e6,
                bigBytes > 0
                    ? 100.0 * static_cast<double>(reader.gzipIndexBytes()) / static_cast<double>(bigBytes)
                    : 0.0);
    std::printf("mismatches %d\n", mismatches);
    return mismatches == 0 ? 0 : 1;
}
