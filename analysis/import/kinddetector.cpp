#include "import/kinddetector.h"

#include "parse/logkinds.h"

#include <QFileInfo>

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

Score probe(LogKind kind, std::string_view head, const ParserOptions& options)
{
    Score score;
    auto parser = makeParser(kind, options);
    int lines = 0;
    std::size_t pos = 0;
    while (pos < head.size() && lines < kMaxProbeLines) {
        std::size_t end = head.find('\n', pos);
        if (end == std::string_view::npos) {
            if (pos != 0)
                break; // a cut-off last line of the head would only add noise
            end = head.size();
        }
        std::string_view line = head.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        ParsedEvent event;
        switch (parser->parseLine(line, event).status) {
        case LineStatus::Event:
            ++score.events;
            ++score.parsed;
            ++lines;
            break;
        case LineStatus::Continuation:
            ++score.parsed;
            ++lines;
            break;
        case LineStatus::Rejected:
            ++score.rejected;
            ++lines;
            break;
        case LineStatus::Ignored:
            break;
        }
    }
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
    LogKind best = LogKind::Unknown;
    Score bestScore;
    bool bestHinted = false;
    for (const LogKindInfo& info : logKinds()) {
        const LogKind kind = info.kind;
        const Score score = probe(kind, head, options);
        if (score.events == 0 || score.parsed < score.rejected)
            continue; // a log of this kind has at least one event and parses more than it rejects
        const bool hinted = nameHintsAt(info, name);
        const bool better =
            score.parsed > bestScore.parsed || (score.parsed == bestScore.parsed && hinted && !bestHinted);
        if (better) {
            best = kind;
            bestScore = score;
            bestHinted = hinted;
        }
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
