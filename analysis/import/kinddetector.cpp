#include "import/kinddetector.h"

#include "import/linerouter.h"
#include "parse/logkinds.h"

#include <QFileInfo>
#include <algorithm>
#include <array>

namespace gd {

namespace {

constexpr int kMaxProbeLines = 64;
bool isConfigName(const QString& path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    return name.endsWith(QLatin1String(".conf")) || name.endsWith(QLatin1String(".ini")) ||
           name == QLatin1String("timezone") || name.endsWith(QLatin1String(".cnf"));
}

struct Score {
    int parsed = 0; ///< events and continuations
    int events = 0;
    int rejected = 0;
};

/// Calls `take` with each complete line of the head (without '\r'); a cut-off last line only adds noise.
template <typename Take> void forEachHeadLine(std::string_view head, Take take)
{
    std::size_t pos = 0;
    while (pos < head.size()) {
        std::size_t end = head.find('\n', pos);
        if (end == std::string_view::npos) {
            if (pos != 0)
                break;
            end = head.size();
        }
        std::string_view line = head.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!take(line))
            break;
    }
}

/// How one kind's parser reads the head. Only events and rejected lines count towards the probe's length, so
/// a file that starts with the continuation lines of a record (a stack trace) is judged by what follows them.
Score probe(LogKind kind, std::string_view head, const ParserOptions& options)
{
    Score score;
    auto parser = makeParser(kind, options);
    int judged = 0;
    forEachHeadLine(head, [&](std::string_view line) {
        ParsedEvent event;
        switch (parser->parseLine(line, event).status) {
        case LineStatus::Event:
            ++score.events;
            ++score.parsed;
            ++judged;
            break;
        case LineStatus::Continuation:
            ++score.parsed;
            break;
        case LineStatus::Rejected:
            ++score.rejected;
            ++judged;
            break;
        case LineStatus::Ignored:
            break;
        }
        return judged < kMaxProbeLines;
    });
    return score;
}

/// How the head reads as loose text (LineRouter): lines read per kind, and in all.
struct LooseScore {
    int read = 0; ///< events and continuations
    int rejected = 0;
    std::array<int, kLogKindCount> events{};
};

LooseScore probeLoose(std::string_view head, const ParserOptions& options)
{
    LooseScore score;
    LineRouter router(options, LogKind::Unknown);
    int judged = 0;
    forEachHeadLine(head, [&](std::string_view line) {
        ParsedEvent event;
        const LineRouter::Result routed = router.route(line, event);
        if (routed.status == LineStatus::Event) {
            ++score.events[static_cast<std::size_t>(router.lane(routed.lane).kind)];
            ++score.read;
            ++judged;
        } else if (routed.status == LineStatus::Continuation) {
            ++score.read;
        } else if (routed.status == LineStatus::Rejected) {
            ++score.rejected;
            ++judged;
        }
        return judged < kMaxProbeLines;
    });
    return score;
}

QString firstLineSnippet(std::string_view head)
{
    std::string_view line = head.substr(0, std::min<std::size_t>(head.find('\n'), 80));
    QString text = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size()));
    for (QChar& ch : text) {
        if (!ch.isPrint())
            ch = u'?';
    }
    return text;
}

} // namespace

bool looksLikeText(std::string_view head)
{
    const std::size_t n = std::min<std::size_t>(head.size(), 8192);
    std::size_t control = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto byte = static_cast<unsigned char>(head[i]);
        if (byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t' && byte != 0x1B)
            ++control;
    }
    return control * 20 <= n; // up to 5 % stray control bytes is still a (damaged) log
}

KindDecision detectKind(std::string_view head, const QString& name, const ParserOptions& options)
{
    KindDecision decision;
    if (head.empty()) {
        decision.skipReason = QStringLiteral("empty file");
        return decision;
    }
    if (!looksLikeText(head)) {
        decision.skipReason = QStringLiteral("binary content, not a log");
        return decision;
    }
    const QString fileName = QFileInfo(name).fileName(); // folder names say nothing about a file's kind
    LogKind best = LogKind::Unknown;
    Score bestScore;
    bool bestHinted = false;
    for (const LogKindInfo& info : logKinds()) {
        if (!info.detectable)
            continue;
        const LogKind kind = info.kind;
        const Score score = probe(kind, head, options);
        if (score.events == 0 || score.parsed < score.rejected)
            continue; // a log of this kind has at least one event and parses more than it rejects
        const bool hinted = nameHintsAt(info, fileName);
        const bool better =
            score.parsed > bestScore.parsed || (score.parsed == bestScore.parsed && hinted && !bestHinted);
        if (better) {
            best = kind;
            bestScore = score;
            bestHinted = hinted;
        }
    }
    // Loose text (pasted, quoted, wrapped by container tools, several kinds mixed) when reading it that way
    // gets clearly more lines than the best plain kind: a plain log with a stray bad line stays plain and
    // fast.
    const LooseScore loose = probeLoose(head, options);
    const int gained = loose.read - (best != LogKind::Unknown ? bestScore.parsed : 0);
    const int judged = loose.read + loose.rejected;
    // journald and syslog carry other programs' lines (nginx, PHP-FPM): read inside, they are those logs.
    int carried = 0;
    if (best == LogKind::Syslog) {
        for (std::size_t k = 0; k < loose.events.size(); ++k)
            carried += static_cast<LogKind>(k) != LogKind::Syslog ? loose.events[k] : 0;
    }
    const int enough = std::max(1, judged / 10);
    if (loose.read > 0 && (gained >= enough || carried >= enough)) {
        decision.loose = true;
        decision.kind = best;
        if (decision.kind == LogKind::Unknown) {
            // The kind with most events; the catch-all of other dated lines only when nothing else read any.
            auto most = loose.events.begin();
            for (auto it = loose.events.begin(); it != loose.events.end(); ++it) {
                const bool catchAll = static_cast<LogKind>(it - loose.events.begin()) == LogKind::Text;
                if (!catchAll && *it > *most)
                    most = it;
            }
            decision.kind = *most > 0 ? static_cast<LogKind>(most - loose.events.begin()) : LogKind::Text;
        }
        return decision;
    }
    if (best != LogKind::Unknown) {
        decision.kind = best;
        return decision;
    }
    if (isConfigName(name)) {
        decision.isConfig = true;
        return decision;
    }
    decision.skipReason =
        QStringLiteral("not a recognised log format (first line: \"%1\")").arg(firstLineSnippet(head));
    return decision;
}

} // namespace gd
