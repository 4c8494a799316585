#include "report/analysisjson.h"

#include "model/eventcolumns.h"
#include "report/inspectreport.h"
#include "time/civiltime.h"

#include <QJsonArray>

namespace gd {

namespace {

/// An instant as ISO 8601 UTC; null for what carries no time.
QJsonValue iso(std::int64_t ms)
{
    return hasTime(ms) ? QJsonValue(QString::fromStdString(formatIsoUtc(ms))) : QJsonValue();
}
QString findingId(IncidentReport::Finding finding)
{
    switch (finding) {
    case IncidentReport::Finding::FpmSide:
        return QStringLiteral("fpm-side");
    case IncidentReport::Finding::Sporadic:
        return QStringLiteral("sporadic");
    case IncidentReport::Finding::Incident:
        break;
    }
    return QStringLiteral("incident");
}
double rounded(double value)
{
    return qRound(value * 100.0) / 100.0;
}

QString segfaultKindId(SegfaultAttribution::Kind kind)
{
    switch (kind) {
    case SegfaultAttribution::Kind::Extension:
        return QStringLiteral("extension");
    case SegfaultAttribution::Kind::Core:
        return QStringLiteral("core");
    case SegfaultAttribution::Kind::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

QJsonObject factsJson(const BundleFacts& facts)
{
    auto optionalMs = [](const std::optional<std::int64_t>& ms) {
        return ms ? QJsonValue(double(*ms) / 1000.0) : QJsonValue();
    };
    return QJsonObject{
        {QStringLiteral("fpm_request_terminate_timeout_s"), optionalMs(facts.fpmTerminateTimeoutMs)},
        {QStringLiteral("nginx_fastcgi_read_timeout_s"), optionalMs(facts.nginxReadTimeoutMs)},
        {QStringLiteral("fpm_log_level"), facts.fpmLogLevel},
        {QStringLiteral("nginx_error_log_level"), facts.nginxErrorLogLevel},
        {QStringLiteral("control_panel_hosts"), QJsonArray::fromStringList(facts.controlPanelHosts)},
        {QStringLiteral("dos_protection_disabled_in"),
         QJsonArray::fromStringList(facts.dosProtectionDisabledIn)},
    };
}

QJsonObject incidentJson(const IncidentReport& incident)
{
    QJsonArray alternatives;
    for (const ReportAlternative& alternative : incident.alternatives) {
        alternatives.append(QJsonObject{{QStringLiteral("cause"), alternative.causeId},
                                        {QStringLiteral("confidence"), rounded(alternative.confidence)}});
    }
    QJsonArray urls;
    for (const UrlStat& url : incident.urls) {
        urls.append(QJsonObject{{QStringLiteral("host"), url.host},
                                {QStringLiteral("path"), url.path},
                                {QStringLiteral("failed"), static_cast<qint64>(url.failed)},
                                {QStringLiteral("requests"), static_cast<qint64>(url.requests)}});
    }
    QJsonArray evidence;
    for (const ReportEvidence& line : incident.evidence) {
        evidence.append(QJsonObject{{QStringLiteral("source"), line.source},
                                    {QStringLiteral("line"), static_cast<qint64>(line.line)},
                                    {QStringLiteral("time"), iso(line.timeMs)},
                                    {QStringLiteral("text"), line.text},
                                    {QStringLiteral("role"), line.role}});
    }
    QJsonArray features;
    for (const Feature& feature : incident.features)
        features.append(
            QJsonObject{{QStringLiteral("name"), feature.name}, {QStringLiteral("value"), feature.value}});
    QJsonValue segfault;
    if (incident.segfault) {
        segfault = QJsonObject{{QStringLiteral("module"), incident.segfault->module},
                               {QStringLiteral("kind"), segfaultKindId(incident.segfault->kind)},
                               {QStringLiteral("crashes"), static_cast<qint64>(incident.segfault->crashes)}};
    }
    QJsonObject json{
        {QStringLiteral("id"), incident.id},
        {QStringLiteral("finding"), findingId(incident.finding)},
        {QStringLiteral("occurrences"), static_cast<qint64>(incident.occurrences)},
        {QStringLiteral("start"), iso(incident.startMs)},
        {QStringLiteral("end"), iso(incident.endMs)},
        {QStringLiteral("cause"), incident.causeId},
        {QStringLiteral("title"), incident.causeTitle},
        {QStringLiteral("confidence"), rounded(incident.confidence)},
        {QStringLiteral("alternatives"), alternatives},
        {QStringLiteral("responses"),
         QJsonObject{{QStringLiteral("502"), static_cast<qint64>(incident.count502)},
                     {QStringLiteral("504"), static_cast<qint64>(incident.count504)},
                     {QStringLiteral("requests"), static_cast<qint64>(incident.requests)}}},
        {QStringLiteral("hosts"), QJsonArray::fromStringList(incident.hosts)},
        {QStringLiteral("urls"), urls},
        {QStringLiteral("segfault"), segfault},
        {QStringLiteral("evidence"), evidence},
        {QStringLiteral("summary"), incident.summary},
        {QStringLiteral("reasoning"), incident.reasoning},
        {QStringLiteral("features"), features},
        {QStringLiteral("limits"), QJsonArray::fromStringList(incident.limits)},
        {QStringLiteral("collect_next"), QJsonArray::fromStringList(incident.collectNext)},
        {QStringLiteral("advice"), incident.advice},
        {QStringLiteral("staff_note"),
         incident.staffNote.isEmpty() ? QJsonValue() : QJsonValue(incident.staffNote)},
    };
    if (!incident.server.isEmpty()) { // imports of several servers only: one server's JSON reads as before
        json.insert(QStringLiteral("server"), incident.server);
        QJsonArray sameTime;
        for (const int id : incident.sameTimeAs)
            sameTime.append(id);
        json.insert(QStringLiteral("same_time_as"), sameTime);
    }
    return json;
}

} // namespace

QJsonObject analysisJson(const ImportResult& import, const AnalysisReport& report)
{
    QJsonArray inputs;
    for (const QJsonValue& source : sourcesJson(import))
        inputs.append(source);
    QJsonArray incidents;
    for (const IncidentReport& incident : report.incidents)
        incidents.append(incidentJson(incident));
    return QJsonObject{{QStringLiteral("schema"), QStringLiteral("gateway-doctor/analysis/1")},
                       {QStringLiteral("inputs"), inputs},
                       {QStringLiteral("server_timezone"), report.serverTimeZone},
                       {QStringLiteral("facts"), factsJson(report.facts)},
                       {QStringLiteral("requests"), static_cast<qint64>(report.requests)},
                       {QStringLiteral("failures"), static_cast<qint64>(report.failures)},
                       {QStringLiteral("incidents"), incidents}};
}

} // namespace gd
