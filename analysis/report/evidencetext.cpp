#include "report/evidencetext.h"

#include "report/reportwords.h"

namespace gd {

QString evidenceText(RawTextReader& rawText, const EvidenceLine& evidence)
{
    std::vector<std::string> lines;
    QString error;
    if (!rawText.lines(evidence.source, evidence.line, 1, lines, &error) || lines.empty())
        return reportwords::unreadableLine(error);
    return QString::fromUtf8(lines.front().data(), static_cast<qsizetype>(lines.front().size()));
}

bool pinEvidence(RawTextReader& rawText, const AnalysisResult& analysis, std::uint32_t contextLines,
                 const std::atomic<bool>* cancel)
{
    std::vector<RawTextReader::Span> spans;
    for (const Incident& incident : analysis.incidents) {
        for (const EvidenceLine& evidence : incident.evidence) {
            const std::uint64_t first = evidence.line > contextLines ? evidence.line - contextLines : 1;
            spans.push_back({evidence.source, first,
                             static_cast<std::uint32_t>(evidence.line - first + 1 + contextLines)});
        }
    }
    return rawText.pin(spans, cancel);
}

} // namespace gd
