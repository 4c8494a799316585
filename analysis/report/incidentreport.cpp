#include "report/incidentreport.h"

#include "report/evidencetext.h"
#include "report/reportwords.h"

namespace gd {

IncidentReport incidentReport(const Incident& incident, const ImportResult& import, RawTextReader* rawText,
                              const QString& staffNote)
{
    IncidentReport report;
    report.id = incident.id;
    if (import.servers.size() > 1 && incident.server < import.servers.size())
        report.server = import.servers[incident.server].name;
    report.sameTimeAs = incident.sameTimeAs;
    report.causeId = QString::fromLatin1(causeId(incident.cause));
    report.causeTitle = causeTitle(incident.cause);
    report.causeExplanation = causeExplanation(incident.cause);
    report.confidence = incident.confidence;
    report.finding = incident.sporadic              ? IncidentReport::Finding::Sporadic
                     : incident.withoutFailureLines ? IncidentReport::Finding::FpmSide
                                                    : IncidentReport::Finding::Incident;
    report.occurrences = incident.occurrences;
    report.startMs = incident.startMs;
    report.endMs = incident.endMs;
    report.count502 = incident.count502;
    report.count504 = incident.count504;
    report.requests = incident.requests;
    report.hosts = incident.hosts;
    report.urls = incident.urls;
    report.summary = incident.summary;
    report.reasoning = incident.reasoning;
    report.features = incident.features;
    for (const CauseScore& score : incident.alternatives)
        report.alternatives.push_back(
            {QString::fromLatin1(causeId(score.cause)), causeTitle(score.cause), score.confidence});
    report.segfault = incident.segfault;
    report.advice = incident.advice;
    report.limits = incident.limits;
    report.collectNext = incident.collectNext;
    for (const EvidenceLine& line : incident.evidence) {
        const bool known = line.source < import.sources.size();
        report.evidence.push_back(
            {line.role, known ? import.sources[line.source].path : reportwords::unknownSource(line.source),
             known ? import.sources[line.source].kind : LogKind::Unknown, line.line, line.timeMs,
             rawText ? evidenceText(*rawText, line) : QString()});
    }
    report.staffNote = staffNote;
    return report;
}

AnalysisReport analysisReport(const ImportResult& import, const AnalysisResult& analysis,
                              RawTextReader* rawText,
                              const std::function<QString(const Incident&)>& staffNote)
{
    AnalysisReport report;
    report.serverTimeZone = import.serverTimeZone;
    if (import.servers.size() > 1) {
        QStringList zones;
        for (const ServerInfo& server : import.servers)
            zones << server.name + QStringLiteral(": ") + server.timeZone;
        report.serverTimeZone = zones.join(QStringLiteral("; "));
    }
    report.facts = analysis.facts;
    report.requests = analysis.requests;
    report.failures = analysis.failures;
    report.incidents.reserve(analysis.incidents.size());
    for (const Incident& incident : analysis.incidents)
        report.incidents.push_back(
            incidentReport(incident, import, rawText, staffNote ? staffNote(incident) : QString()));
    return report;
}

} // namespace gd
