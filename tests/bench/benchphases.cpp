#include "benchphases.h"

#include "import/bundlewalker.h"
#include "import/importoptions.h"
#include "import/kinddetector.h"
#include "import/linesplitter.h"
#include "import/parsedsource.h"
#include "import/sourceparser.h"
#include "import/timelinebuilder.h"
#include "parse/logkinds.h"
#include "parse/logparser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <array>
#include <cstdio>
#include <map>
#include <zlib.h>

namespace gd::bench {

namespace {

constexpr std::size_t kChunk = 1 << 20;

struct KindTotals {
    int files = 0;
    std::uint64_t bytes = 0;
    std::uint64_t lines = 0;
    std::uint64_t events = 0;
    double readS = 0;
    double splitS = 0;
    double parseS = 0;
    double sourceS = 0;
};

double seconds(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e9;
}

/// The whole decompressed content of a plain or .gz file (zlib reads both).
bool readAll(const QString& path, std::string& out)
{
    out.clear();
    gzFile file = gzopen(QFile::encodeName(path).constData(), "rb");
    if (file == nullptr)
        return false;
    gzbuffer(file, 1 << 20);
    std::string chunk(kChunk, '\0');
    for (;;) {
        const int n = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()));
        if (n < 0) {
            gzclose(file);
            return false;
        }
        if (n == 0)
            break;
        out.append(chunk.data(), static_cast<std::size_t>(n));
    }
    gzclose(file);
    return true;
}

/// Defeats dead-code elimination of the timing loops.
volatile std::uint64_t g_sink = 0;

} // namespace

int runPhaseBreakdown(const QStringList& inputs)
{
    std::vector<Diagnostic> diagnostics;
    std::vector<SkippedFile> skipped;
    const std::vector<InputFile> files = collectInputFiles(inputs, diagnostics, skipped);
    const ImportOptions options;
    ParserOptions parserOptions;
    std::map<LogKind, KindTotals> totals;
    std::vector<std::unique_ptr<ParsedSource>> sources;
    ImportResult result;
    std::string content;
    for (const InputFile& file : files) {
        const QString& path = file.path;
        QElapsedTimer timer;
        timer.start();
        if (!readAll(path, content)) {
            std::fprintf(stderr, "cannot read %s (archives are not supported here; pass the folder)\n",
                         qPrintable(path));
            return 1;
        }
        const double readS = seconds(timer);
        const std::string_view all(content);
        const bool compressed = path.endsWith(QLatin1String(".gz"));
        const KindDecision decision = detectKind(all.substr(0, 64 * 1024), path, parserOptions);
        if (decision.kind == LogKind::Unknown) {
            if (decision.isConfig)
                result.configs.push_back(
                    {path, QString(), QByteArray(content.data(), static_cast<qsizetype>(content.size()))});
            continue;
        }
        KindTotals& kind = totals[decision.kind];
        ++kind.files;
        kind.bytes += content.size();
        kind.readS += readS;

        timer.restart();
        {
            LineSplitter splitter(options.limits.maxLineBytes);
            std::uint64_t lines = 0;
            for (std::size_t pos = 0; pos < all.size(); pos += kChunk)
                splitter.feed(all.substr(pos, kChunk), [&lines](const LineSplitter::Line&) { ++lines; });
            splitter.finish([&lines](const LineSplitter::Line&) { ++lines; });
            g_sink = g_sink + lines;
            kind.lines += lines;
        }
        kind.splitS += seconds(timer);

        timer.restart();
        {
            LineSplitter splitter(options.limits.maxLineBytes);
            auto parser = makeParser(decision.kind, parserOptions);
            std::uint64_t events = 0;
            auto parse = [&](const LineSplitter::Line& line) {
                ParsedEvent event;
                events += parser->parseLine(line.text, event).status == LineStatus::Event ? 1 : 0;
            };
            for (std::size_t pos = 0; pos < all.size(); pos += kChunk)
                splitter.feed(all.substr(pos, kChunk), parse);
            splitter.finish(parse);
            g_sink = g_sink + events;
        }
        kind.parseS += seconds(timer);

        timer.restart();
        auto source = std::make_unique<ParsedSource>();
        source->info.location.bundle = file.bundle;
        source->info.location.inputPath = path;
        if (compressed)
            source->info.location.memberChain << QString();
        source->info.location.compressed = compressed;
        source->info.path = source->info.location.displayPath();
        source->info.kind = decision.kind;
        {
            SourceParser parser(*source, parserOptions, options.limits.maxLineBytes);
            for (std::size_t pos = 0; pos < all.size(); pos += kChunk)
                parser.feed(all.substr(pos, kChunk));
            parser.finish();
        }
        kind.sourceS += seconds(timer);
        kind.events += source->events.size();
        sources.push_back(std::move(source));
    }

    QElapsedTimer timer;
    timer.start();
    TimelineBuilder builder(options);
    builder.build(std::move(sources), result);
    const double buildS = seconds(timer);

    auto rate = [](std::uint64_t bytes, double s) {
        return s > 0 ? static_cast<double>(bytes) / 1e6 / s : 0.0;
    };
    std::printf("\nPhase breakdown (one thread, each stage timed on its own; MB/s of decompressed text)\n");
    std::printf("%-12s %5s %9s %10s %10s | %8s %8s %8s %8s | %10s\n", "kind", "files", "MB", "lines",
                "events", "read+gz", "split", "parse", "source", "src ns/line");
    KindTotals all;
    for (const auto& [kind, t] : totals) {
        std::printf("%-12s %5d %9.1f %10llu %10llu | %8.0f %8.0f %8.0f %8.0f | %10.0f\n",
                    std::string(logKindId(kind)).c_str(), t.files, static_cast<double>(t.bytes) / 1e6,
                    static_cast<unsigned long long>(t.lines), static_cast<unsigned long long>(t.events),
                    rate(t.bytes, t.readS), rate(t.bytes, t.splitS), rate(t.bytes, t.parseS),
                    rate(t.bytes, t.sourceS),
                    t.lines > 0 ? t.sourceS * 1e9 / static_cast<double>(t.lines) : 0.0);
        all.files += t.files;
        all.bytes += t.bytes;
        all.lines += t.lines;
        all.events += t.events;
        all.readS += t.readS;
        all.splitS += t.splitS;
        all.parseS += t.parseS;
        all.sourceS += t.sourceS;
    }
    std::printf("%-12s %5d %9.1f %10llu %10llu | %8.0f %8.0f %8.0f %8.0f | %10.0f\n", "all", all.files,
                static_cast<double>(all.bytes) / 1e6, static_cast<unsigned long long>(all.lines),
                static_cast<unsigned long long>(all.events), rate(all.bytes, all.readS),
                rate(all.bytes, all.splitS), rate(all.bytes, all.parseS), rate(all.bytes, all.sourceS),
                all.lines > 0 ? all.sourceS * 1e9 / static_cast<double>(all.lines) : 0.0);
    std::printf(
        "seconds: read+gunzip %.2f, split %.2f, parseLine %.2f, SourceParser %.2f (includes split+parse), "
        "TimelineBuilder %.2f\n",
        all.readS, all.splitS, all.parseS, all.sourceS, buildS);
    std::printf("SourceParser minus parseLine loop (columns, interning, hashes): %.2f s\n",
                all.sourceS - all.parseS);
    std::printf("timeline events %zu, memory %.1f MB\n", result.timeline ? result.timeline->size() : 0,
                result.timeline ? static_cast<double>(result.timeline->memoryBytes()) / 1e6 : 0.0);
    return 0;
}

} // namespace gd::bench
