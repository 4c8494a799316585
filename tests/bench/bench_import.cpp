// Import benchmark: runs the Importer on a bundle (folder or archive) and reports throughput and memory.
//
//   bench_import [--threads N] [--phases] INPUT...
//
// Prints wall time, MB/s of decompressed text, events/s, peak RSS and index bytes per event as
// "key value" lines (run-bench.sh reads them), then a per-kind summary. --phases instead times each
// import stage on one thread (see benchphases.h).

#include "benchphases.h"
#include "diagnose/analyzer.h"
#include "import/importer.h"
#include "parse/logkinds.h"
#include "peakrss.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <cstdio>
#include <cstring>
#include <map>

namespace {

double perEvent(std::size_t bytes, std::size_t events)
{
    return events == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(events);
}

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: bench_import [--threads N] [--phases] INPUT...\n");
    std::exit(2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    gd::ImportOptions options;
    bool phases = false;
    QStringList inputs;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--threads") && i + 1 < args.size())
            options.threads = args[++i].toInt();
        else if (args[i] == QLatin1String("--phases"))
            phases = true;
        else if (args[i].startsWith(QLatin1String("--")))
            usage();
        else
            inputs << args[i];
    }
    if (inputs.isEmpty())
        usage();
    if (phases)
        return gd::bench::runPhaseBreakdown(inputs);

    QElapsedTimer timer;
    timer.start();
    gd::Importer importer(options);
    const gd::ImportResult result = importer.run(inputs);
    const double wallS = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!result.timeline) {
        std::fprintf(stderr, "bench_import: nothing imported\n");
        return 1;
    }
    // The analysis runs on the finished timeline; its time is printed next to the import's.
    timer.restart();
    const gd::AnalysisResult analysis = gd::analyzeImport(result);
    const double analysisS = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double peakMb = gd::bench::peakRssMb();

    std::uint64_t bytes = 0;
    std::uint64_t lines = 0;
    std::uint64_t skippedLines = 0;
    struct KindSummary {
        int files = 0;
        std::uint64_t bytes = 0, lines = 0, events = 0, skipped = 0;
        std::string firstReason;
    };
    std::map<std::string, KindSummary> kinds;
    for (const gd::SourceInfo& source : result.sources) {
        bytes += source.bytes;
        lines += source.lines;
        skippedLines += source.skippedLines;
        KindSummary& kind = kinds[std::string(gd::logKindId(source.kind))];
        ++kind.files;
        kind.bytes += source.bytes;
        kind.lines += source.lines;
        kind.events += source.events;
        kind.skipped += source.skippedLines;
        if (kind.firstReason.empty() && !source.skipReasons.empty())
            kind.firstReason = source.skipReasons.front().reason + " (x" +
                               std::to_string(source.skipReasons.front().count) + ")";
    }
    const gd::Timeline& timeline = *result.timeline;
    const std::size_t events = timeline.size();
    const std::size_t columnBytes = timeline.events().memoryBytes();
    const std::size_t poolBytes = timeline.hosts().memoryBytes() + timeline.targets().memoryBytes() +
                                  timeline.clients().memoryBytes() + timeline.groups().memoryBytes() +
                                  timeline.frames().memoryBytes();
    const double mb = static_cast<double>(bytes) / 1e6;

    std::printf("input %s\n", qPrintable(inputs.join(QLatin1Char(' '))));
    std::printf("threads %d\n", options.threads);
    std::printf("sources %zu\n", result.sources.size());
    std::printf("decompressed_mb %.1f\n", mb);
    std::printf("lines %llu\n", static_cast<unsigned long long>(lines));
    std::printf("skipped_lines %llu\n", static_cast<unsigned long long>(skippedLines));
    std::printf("events %zu\n", events);
    std::printf("wall_s %.2f\n", wallS);
    std::printf("mb_per_s %.1f\n", mb / wallS);
    std::printf("analysis_s %.3f\n", analysisS);
    std::printf("analysis_share_of_import %.1f%%\n", 100.0 * analysisS / wallS);
    std::printf("incidents %zu\n", analysis.incidents.size());
    std::printf("events_per_s %.0f\n", static_cast<double>(events) / wallS);
    std::printf("peak_rss_mb %.1f\n", peakMb);
    // The whole process at its peak (import and analysis), per event: what a bundle of N events needs.
    std::printf("peak_bytes_per_event %.1f\n",
                peakMb < 0 ? -1.0 : peakMb * 1024 * 1024 / double(events ? events : 1));
    if (result.memoryBudgetReached)
        std::printf("memory_budget_reached 1\n");
    std::printf("index_mb %.1f\n", static_cast<double>(timeline.memoryBytes()) / 1e6);
    std::printf("bytes_per_event %.1f\n", perEvent(timeline.memoryBytes(), events));
    std::printf("column_bytes_per_event %.1f\n", perEvent(columnBytes, events));
    std::printf("pool_bytes_per_event %.1f\n", perEvent(poolBytes, events));
    std::printf("pool_strings hosts %u targets %u clients %u groups %u frames %u\n", timeline.hosts().size(),
                timeline.targets().size(), timeline.clients().size(), timeline.groups().size(),
                timeline.frames().size());
    std::printf("pool_mb hosts %.1f targets %.1f clients %.1f groups %.1f frames %.1f\n",
                static_cast<double>(timeline.hosts().memoryBytes()) / 1e6,
                static_cast<double>(timeline.targets().memoryBytes()) / 1e6,
                static_cast<double>(timeline.clients().memoryBytes()) / 1e6,
                static_cast<double>(timeline.groups().memoryBytes()) / 1e6,
                static_cast<double>(timeline.frames().memoryBytes()) / 1e6);
    std::printf("server_zone %s (%s)\n", qPrintable(result.serverTimeZone),
                qPrintable(result.serverTimeZoneNote));
    std::printf("\n%-12s %5s %9s %10s %10s %9s  %s\n", "kind", "files", "MB", "lines", "events", "skipped",
                "first skip reason");
    for (const auto& [name, kind] : kinds) {
        std::printf("%-12s %5d %9.1f %10llu %10llu %9llu  %s\n", name.c_str(), kind.files,
                    static_cast<double>(kind.bytes) / 1e6, static_cast<unsigned long long>(kind.lines),
                    static_cast<unsigned long long>(kind.events),
                    static_cast<unsigned long long>(kind.skipped), kind.firstReason.c_str());
    }
    for (const gd::SkippedFile& file : result.skipped)
        std::printf("skipped file %s: %s\n", qPrintable(file.path), qPrintable(file.reason));
    for (const gd::Diagnostic& message : result.diagnostics)
        std::printf("diagnostic %s: %s\n", qPrintable(message.path), qPrintable(message.message));
    return 0;
}
