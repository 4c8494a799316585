#include "fuzzentry.h"

#include "fuzzformats.h"

#include "diagnose/analyzer.h"
#include "import/archiveinput.h"
#include "import/bundlewalker.h"
#include "import/gzipreader.h"
#include "import/importer.h"
#include "import/kinddetector.h"
#include "import/linerouter.h"
#include "import/linesplitter.h"
#include "import/lineunwrapper.h"
#include "import/rawtext.h"
#include "parse/jsonaccessline.h"
#include "parse/logkinds.h"
#include "parse/nginxconf.h"
#include "parse/nginxlogformat.h"
#include "report/analysisjson.h"
#include "report/incidentreport.h"
#include "report/inspectreport.h"
#include "report/reporttext.h"
#include "sessions/workbenchsession.h"

#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace gdfuzz {

namespace {

// The importer's own line bound: parsers never see longer lines, so the targets do not feed them either.
constexpr std::uint32_t kMaxLineBytes = 64 * 1024;

/// Stops the run with a message when an invariant of the engine does not hold: libFuzzer and the replay
/// test both treat the abort as a crash.
void require(bool holds, const char* what)
{
    if (!holds) {
        std::fprintf(stderr, "gdfuzz: invariant broken: %s\n", what);
        std::abort();
    }
}

/// Reads the first and last byte of a view, so that AddressSanitizer reports a view that points into freed
/// or foreign memory where it is made, not where some later reader would trip over it.
void touch(std::string_view text)
{
    if (text.empty())
        return;
    volatile char sink = text.front();
    sink = text.back();
    (void)sink;
}

void touch(const gd::ParsedEvent& event)
{
    require(event.code < gd::MessageCode::Count_, "message code out of range");
    require(event.level <= gd::Level::Emergency, "level out of range");
    for (const std::string_view text :
         {event.host, event.target, event.client, event.group, event.frameFunction, event.frameFile})
        touch(text);
}

/// Cuts the input into lines as the importer does, in two chunks so that a line straddling them is met.
template <typename OnText> void forEachLine(std::string_view input, OnText&& onText)
{
    gd::LineSplitter splitter(kMaxLineBytes);
    const auto onLine = [&onText](const gd::LineSplitter::Line& line) { onText(line.text); };
    const std::size_t half = input.size() / 2;
    splitter.feed(input.substr(0, half), onLine);
    splitter.feed(input.substr(half), onLine);
    splitter.finish(onLine);
}

void parseLines(gd::LogParser& parser, std::string_view input)
{
    forEachLine(input, [&parser](std::string_view line) {
        gd::ParsedEvent event;
        const gd::LineResult result = parser.parseLine(line, event);
        touch(result.reason);
        if (result.status == gd::LineStatus::Event || result.status == gd::LineStatus::Continuation)
            touch(event);
    });
}

void parseAs(gd::LogKind kind, std::string_view input, const gd::ParserOptions& options = {})
{
    const gd::LogKindInfo* info = gd::logKindInfo(kind);
    require(info != nullptr, "kind without a row in the kind table");
    const std::unique_ptr<gd::LogParser> parser = info->makeParser(options);
    require(parser != nullptr && parser->kind() == kind, "factory made no parser of its kind");
    parseLines(*parser, input);
}

// --- Targets ---------------------------------------------------------------------------------------------

void runNginxAccess(std::string_view input)
{
    parseAs(gd::LogKind::NginxAccess, input); // auto-detection of the built-in formats
    const AccessFormatVariants& variants = accessFormatVariants();
    for (const std::string& format : variants.formatStrings) {
        gd::ParserOptions options;
        options.accessLogFormat = format;
        parseAs(gd::LogKind::NginxAccess, input, options);
    }
    gd::ParserOptions learned;
    learned.accessLogFormats = variants.learned;
    parseAs(gd::LogKind::NginxAccess, input, learned);
}

/// A parser of one kind on the input, with default options: the targets of the single-format parsers.
template <gd::LogKind Kind> void runParser(std::string_view input)
{
    parseAs(Kind, input);
}

void runJsonAccess(std::string_view input)
{
    gd::JsonAccessLine reader; // one per file: it remembers the keys of the line before
    forEachLine(input, [&reader](std::string_view line) {
        if (line.empty() || line.front() != '{')
            return; // the access parser hands only such lines to it
        gd::ParsedEvent event;
        gd::AccessLineExtras extras;
        const gd::FormatMatch match = reader.read(line, event, &extras);
        touch(match.failure);
        require(match.reached <= line.size(), "JSON line read past its end");
        if (match.ok())
            touch(event);
    });
}

void runDetectKind(std::string_view input)
{
    const std::string_view head = input.substr(0, 64 * 1024); // what readHead() gives detection
    (void)gd::looksLikeText(head);
    // The name only breaks ties: try one that hints at nothing and two that hint at a kind.
    for (const QString& name : {QStringLiteral("input.log"), QStringLiteral("php-fpm.log"),
                                QStringLiteral("var/log/nginx/access.log")}) {
        const gd::KindDecision decision = gd::detectKind(head, name, {});
        require(decision.kind < gd::LogKind::Count_, "detected kind out of range");
        require(!(decision.loose && decision.isConfig), "a file both loose text and configuration");
    }
}

/// First line: a `log_format` string (bare, quoted or a directive); the rest: lines to match with it. The
/// whole input is also read as an nginx configuration for its `log_format` definitions.
void runLogFormat(std::string_view input)
{
    const std::size_t newline = input.find('\n');
    const std::string_view format = input.substr(0, newline);
    const std::string_view lines =
        newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

    std::string error;
    (void)gd::validateAccessLogFormat(format, &error);
    for (const gd::TrailingData trailing : {gd::TrailingData::Reject, gd::TrailingData::TimingHeuristic}) {
        const std::optional<gd::NginxLogFormat> compiled =
            gd::NginxLogFormat::compile(format, &error, trailing);
        if (!compiled)
            continue;
        touch(compiled->text());
        touch(compiled->name());
        forEachLine(lines, [&compiled](std::string_view line) {
            gd::ParsedEvent event;
            gd::AccessLineExtras extras;
            const gd::FormatMatch match = compiled->matchLine(line, event, &extras);
            require(match.reached <= line.size(), "format match reached past the line");
            if (match.ok())
                touch(event);
        });
    }
    if (gd::validateAccessLogFormat(format, &error)) {
        const std::string text(format);
        gd::ParserOptions options;
        options.accessLogFormat = text;
        parseAs(gd::LogKind::NginxAccess, lines, options);
    }

    std::vector<std::string> problems;
    const std::vector<gd::NginxLogFormat> learned = gd::logFormatsIn(input, &problems);
    if (!learned.empty()) {
        gd::ParserOptions options;
        options.accessLogFormats = learned;
        parseAs(gd::LogKind::NginxAccess, lines, options);
    }
}

/// Pasted and container-wrapped text: every line taken apart, then routed line by line as the importer
/// reads loose text, with the kind detection found most of as the first lane.
void runUnwrap(std::string_view input)
{
    gd::LineUnwrapper unwrapper;
    forEachLine(input, [&unwrapper](std::string_view line) {
        const gd::UnwrappedLine unwrapped = unwrapper.unwrap(line);
        require(unwrapped.layerCount >= 1 && unwrapped.layerCount <= gd::UnwrappedLine::kMaxLayers,
                "unwrapped line without layers or with too many");
        for (int i = 0; i < unwrapped.layerCount; ++i)
            touch(unwrapped.layers[i]);
        touch(unwrapped.stream);
        (void)gd::LineUnwrapper::journalEnd(line);
    });

    const gd::KindDecision decision =
        gd::detectKind(input.substr(0, 64 * 1024), QStringLiteral("paste.txt"), {});
    const gd::LogKind primary = decision.kind == gd::LogKind::Unknown ? gd::LogKind::Text : decision.kind;
    gd::LineRouter router({}, primary);
    forEachLine(input, [&router](std::string_view line) {
        gd::ParsedEvent event;
        const gd::LineRouter::Result result = router.route(line, event);
        require(result.lane < router.laneCount(), "line routed to a lane that does not exist");
        touch(result.reason);
        if (result.status == gd::LineStatus::Event || result.status == gd::LineStatus::Continuation)
            touch(event);
    });
}

/// Serves the fuzz input as a stream, in small reads so that readers meet many block boundaries.
class MemoryReader final : public gd::ByteReader {
public:
    explicit MemoryReader(std::string_view bytes)
        : bytes_(bytes)
    {
    }
    std::ptrdiff_t read(char* data, std::size_t size) override
    {
        const std::size_t count = std::min({size, bytes_.size(), std::size_t{4096}});
        std::copy_n(bytes_.data(), count, data);
        bytes_.remove_prefix(count);
        return static_cast<std::ptrdiff_t>(count);
    }
    QString errorString() const override { return {}; }

private:
    std::string_view bytes_;
};

/// Decompressed bytes one input may produce here: the importer's budget is not on this path, so the
/// target bounds itself (a bomb is found by the import target, under the importer's limits).
struct ArchiveBudget {
    std::uint64_t bytesLeft = 8ULL << 20;
    int entriesLeft = 256;
};

void drain(gd::ByteReader& reader, ArchiveBudget& budget)
{
    std::array<char, 16 * 1024> block;
    while (budget.bytesLeft > 0) {
        const std::ptrdiff_t got = reader.read(block.data(), block.size());
        if (got <= 0)
            return;
        budget.bytesLeft -= std::min<std::uint64_t>(budget.bytesLeft, static_cast<std::uint64_t>(got));
    }
}

/// Opens `stream` as the walker does: gzip through the fast inflater when built with it, anything else
/// through libarchive, members that are archives again one level deeper.
void walkArchive(gd::ByteReader& stream, std::string head, int depth, ArchiveBudget& budget)
{
    const gd::ContainerType type = gd::sniffContainer(head);
    if (type == gd::ContainerType::None || depth > 3)
        return;
    if (type == gd::ContainerType::Gzip && gd::hasFastGzip()) {
        gd::GzipReader gzip(stream, std::move(head));
        std::string inner;
        if (gd::readHead(gzip, inner, 4096))
            walkArchive(gzip, std::move(inner), depth + 1, budget);
        drain(gzip, budget);
        (void)gzip.errorString();
        return;
    }
    gd::ArchiveInput archive(stream, std::move(head));
    if (!archive.open())
        return;
    gd::ArchiveEntry entry;
    while (budget.bytesLeft > 0 && budget.entriesLeft-- > 0 &&
           archive.next(entry) == gd::ArchiveInput::Step::Entry) {
        bool changed = false;
        const QString safe = gd::safeMemberName(entry.name, &changed);
        require(!safe.startsWith(QLatin1Char('/')), "member name still absolute after safeMemberName");
        require(archive.compressionLayers() >= 0, "negative compression layer count");
        if (!entry.isRegular)
            continue;
        std::string inner;
        if (gd::readHead(archive.data(), inner, 4096))
            walkArchive(archive.data(), std::move(inner), depth + 1, budget);
        drain(archive.data(), budget);
    }
    (void)archive.errorString();
}

void runArchive(std::string_view input)
{
    MemoryReader reader(input);
    std::string head;
    if (!gd::readHead(reader, head, 4096))
        return;
    ArchiveBudget budget;
    walkArchive(reader, std::move(head), 0, budget);
}

/// One folder for the import target's input files, for the life of the process.
const QString& scratchDir()
{
    static QTemporaryDir dir;
    require(dir.isValid(), "no temporary folder for the import target");
    static const QString path = dir.path();
    return path;
}

/// A session file as a user may hand-edit or a crash may cut it: it is refused with a reason, or what it
/// opens is written back and reads again as the same session.
void runSession(std::string_view input)
{
    const QByteArray json(input.data(), static_cast<qsizetype>(input.size()));
    QString error;
    std::vector<gd::Diagnostic> problems;
    const std::optional<gd::WorkbenchSession> session =
        gd::WorkbenchSession::fromJson(json, QStringLiteral("fuzz.gdsession"), &error, &problems);
    if (!session) {
        require(!error.isEmpty(), "a session was refused without a reason");
        return;
    }
    for (const gd::Diagnostic& problem : problems)
        require(!problem.message.isEmpty(), "a dropped part of a session has no message");
    QString againError;
    const std::optional<gd::WorkbenchSession> again =
        gd::WorkbenchSession::fromJson(session->toJson(), QStringLiteral("again.gdsession"), &againError);
    require(again.has_value(), "a session that was read cannot be read back after writing it");
    require(again->inputs.size() == session->inputs.size() && again->notes == session->notes,
            "writing and reading a session changed its inputs or notes");
}

/// The whole pipeline on one file: written to disk as `input.log` or `input.tar.gz` (by the input's
/// length, so a replay picks the same name), imported with small limits, analysed and reported.
void runImport(std::string_view input)
{
    const QString name = input.size() % 2 == 0 ? QStringLiteral("input.log") : QStringLiteral("input.tar.gz");
    const QString path = scratchDir() + QLatin1Char('/') + name;
    {
        QFile file(path);
        require(file.open(QIODevice::WriteOnly | QIODevice::Truncate),
                "cannot write the import target's input");
        require(file.write(input.data(), static_cast<qint64>(input.size())) ==
                    static_cast<qint64>(input.size()),
                "short write of the import target's input");
    }

    gd::ImportOptions options;
    options.limits.maxExpandedBytes = 16ULL << 20;
    options.limits.ratioGraceBytes = 1ULL << 20;
    options.limits.maxNestingDepth = 3;
    options.limits.maxLineBytes = 16 * 1024;
    options.limits.maxConfigBytes = 64 * 1024;
    options.threads = 1;
    options.timeZone = QStringLiteral("Europe/Amsterdam"); // not this machine's zone: replays must agree
    gd::Importer importer(options);
    const gd::ImportResult imported = importer.run({path});
    require(!imported.cancelled, "import cancelled though nobody cancelled it");
    require(imported.loadedAnything() || !imported.skipped.empty() || !imported.diagnostics.empty(),
            "import said nothing about its input: no source, no skipped file, no message");
    require(imported.timeline != nullptr, "import without a timeline");

    const gd::AnalysisResult analysis = gd::analyzeImport(imported);
    gd::RawTextReader rawText(imported.sources, 8ULL << 20, 8ULL << 20);
    const gd::AnalysisReport report = gd::analysisReport(imported, analysis, &rawText);
    (void)gd::analysisJson(imported, report);
    (void)gd::analysisText(report);
    (void)gd::inspectJson(imported);
    QFile::remove(path);
}

// Lengths: parsers and detection see what a file's head or a paste holds; archives and imports need room
// for a container around a few lines.
constexpr std::array kTargets = {
    FuzzTarget{"nginx_access", "nginx access log: auto-detected and fixed log_format variants", 8192,
               &runNginxAccess},
    FuzzTarget{"nginx_error", "nginx error log parser", 8192, &runParser<gd::LogKind::NginxError>},
    FuzzTarget{"php_fpm", "PHP-FPM master log parser", 8192, &runParser<gd::LogKind::FpmMaster>},
    FuzzTarget{"php_fpm_slow", "PHP-FPM slowlog parser (multi-line records)", 8192,
               &runParser<gd::LogKind::FpmSlow>},
    FuzzTarget{"php_error", "PHP error_log parser", 8192, &runParser<gd::LogKind::PhpError>},
    FuzzTarget{"syslog", "syslog / kern.log parser", 8192, &runParser<gd::LogKind::Syslog>},
    FuzzTarget{"boa_monitor", "BOA monitor log parser", 8192, &runParser<gd::LogKind::BoaMonitor>},
    FuzzTarget{"supervisord", "supervisord log parser", 8192, &runParser<gd::LogKind::Supervisord>},
    FuzzTarget{"text_lines", "other dated lines of loose text", 8192, &runParser<gd::LogKind::Text>},
    FuzzTarget{"json_access", "JSON access lines read by key", 8192, &runJsonAccess},
    FuzzTarget{"detect_kind", "kind detection on a file head", 65536, &runDetectKind},
    FuzzTarget{"log_format", "log_format compiler, matching, nginx.conf log_format reader", 4096,
               &runLogFormat},
    FuzzTarget{"unwrap", "envelope unwrapping and line routing of loose text", 16384, &runUnwrap},
    FuzzTarget{"archive", "libarchive / gzip readers on in-memory archives", 65536, &runArchive},
    FuzzTarget{"import", "whole import, analysis and reports on one file", 65536, &runImport},
    FuzzTarget{"session", "workbench session files (.gdsession), read as far as they make sense", 65536,
               &runSession},
};

} // namespace

std::span<const FuzzTarget> fuzzTargets()
{
    return kTargets;
}

const FuzzTarget* fuzzTarget(std::string_view name)
{
    for (const FuzzTarget& target : kTargets) {
        if (target.name == name)
            return &target;
    }
    return nullptr;
}

const FuzzTarget* fuzzTargetForFile(const QString& fileName)
{
    const FuzzTarget* best = nullptr;
    for (const FuzzTarget& target : kTargets) {
        const QString prefix =
            QString::fromLatin1(target.name.data(), static_cast<qsizetype>(target.name.size())) +
            QLatin1Char('-');
        if (fileName.startsWith(prefix) && (best == nullptr || target.name.size() > best->name.size()))
            best = &target;
    }
    return best;
}

} // namespace gdfuzz
