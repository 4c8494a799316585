#include "report/reporttext.h"

#include "model/eventcolumns.h"
#include "report/reportwords.h"
#include "time/civiltime.h"

namespace gd {

namespace {

/// A terminal shows the start of a long evidence line; the JSON has all of it.
constexpr qsizetype kEvidenceChars = 300;

QString utc(std::int64_t ms)
{
    return QString::fromStdString(formatIsoUtc(ms));
}

/// "  why: text\n": one labelled item, indented under the incident's heading.
QString item(ReportPart part, const QString& text)
{
    return QStringLiteral("  ") + reportwords::label(part) + QStringLiteral(": ") + text + QLatin1Char('\n');
}

QString incidentText(const IncidentReport& incident)
{
    QString out =
        QLatin1Char('\n') +
        reportwords::textHeadline(incident.id, incident.causeTitle, incident.causeId, incident.confidence) +
        QLatin1Char('\n');
    if (!incident.server.isEmpty())
        out += item(ReportPart::Server, incident.server);
    out += QStringLiteral("  ") +
           (hasTime(incident.startMs) ? reportwords::utcSpan(utc(incident.startMs), utc(incident.endMs))
                                      : reportwords::timeUnknown()) +
           QLatin1Char('\n');
    if (!incident.sameTimeAs.empty())
        out += item(ReportPart::SameTime, reportwords::incidentList(incident.sameTimeAs));
    out += QStringLiteral("  ") + incident.summary + QLatin1Char('\n');
    out += item(ReportPart::Why, incident.reasoning);
    out += item(ReportPart::Advice, incident.advice);
    for (const ReportAlternative& alternative : incident.alternatives)
        out += item(ReportPart::Alternatives,
                    reportwords::textAlternative(alternative.causeId, alternative.confidence));
    for (const QString& limit : incident.limits)
        out += item(ReportPart::Limits, limit);
    for (const ReportEvidence& line : incident.evidence) {
        out += QStringLiteral("  [%1] %2:%3\n      %4\n")
                   .arg(line.role, line.source, QString::number(line.line), line.text.left(kEvidenceChars));
    }
    return out;
}

} // namespace

QString analysisText(const AnalysisReport& report)
{
    QString out = reportwords::analysisTotals(report.requests, report.failures, report.serverTimeZone) +
                  QLatin1Char('\n');
    if (report.incidents.empty())
        out += reportwords::noIncidents() + QStringLiteral(".\n");
    for (const IncidentReport& incident : report.incidents)
        out += incidentText(incident);
    return out;
}

} // namespace gd
