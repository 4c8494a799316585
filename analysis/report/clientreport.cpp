#include "report/clientreport.h"

#include "model/eventcolumns.h"
#include "parse/logkinds.h"
#include "report/inerttext.h"
#include "report/redaction.h"
#include "report/reportwords.h"
#include "time/civiltime.h"

#include <QDateTime>
#include <QSet>
#include <algorithm>
#include <map>

namespace gd {

namespace {

constexpr qsizetype kMaxEvidenceChars = 1500; // a 60 kB URL must not become pages of one line
constexpr qsizetype kMaxShortChars = 300;     // hosts, URLs, feature values
constexpr std::size_t kOverviewMaxBins = 240;
constexpr std::size_t kIncidentMaxBins = 120;

QString civilText(std::int64_t ms, bool withDate)
{
    const CivilFields f = civilFields(ms);
    const QString time = QStringLiteral("%1:%2:%3")
                             .arg(f.hour, 2, 10, QChar(u'0'))
                             .arg(f.minute, 2, 10, QChar(u'0'))
                             .arg(f.second, 2, 10, QChar(u'0'));
    if (!withDate)
        return time;
    return QStringLiteral("%1-%2-%3 %4")
        .arg(f.year, 4, 10, QChar(u'0'))
        .arg(f.month, 2, 10, QChar(u'0'))
        .arg(f.day, 2, 10, QChar(u'0'))
        .arg(time);
}

/// The smallest "round" bin that keeps the chart within `maxBins`.
std::int64_t binFor(std::int64_t spanMs, std::size_t maxBins)
{
    static constexpr std::int64_t kSteps[] = {1'000,     5'000,      10'000,     30'000,     60'000,
                                              300'000,   600'000,    900'000,    1'800'000,  3'600'000,
                                              7'200'000, 10'800'000, 21'600'000, 43'200'000, 86'400'000};
    for (const std::int64_t step : kSteps) {
        if (spanMs / step < static_cast<std::int64_t>(maxBins))
            return step;
    }
    return (spanMs / static_cast<std::int64_t>(maxBins) / 86'400'000 + 1) * 86'400'000;
}

/// Which host ids of the timeline the report covers.
struct SiteScope {
    bool all = true;
    std::vector<std::uint8_t> chosen; ///< by host id
    QSet<QString> others;             ///< lower-case names outside the scope

    bool covers(std::uint32_t host) const { return all || (host < chosen.size() && chosen[host] != 0); }
    bool covers(const QString& host, const QSet<QString>& wanted) const
    {
        return all || wanted.contains(host.toLower());
    }
};

SiteScope siteScope(const Timeline& timeline, const QSet<QString>& wanted)
{
    SiteScope scope;
    scope.all = wanted.isEmpty();
    scope.chosen.assign(timeline.hosts().size(), scope.all ? 1 : 0);
    if (scope.all)
        return scope;
    for (std::uint32_t id = 0; id < timeline.hosts().size(); ++id) {
        const std::string_view name = timeline.hosts().view(id);
        const QString host = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())).toLower();
        if (wanted.contains(host))
            scope.chosen[id] = 1;
        else if (host.contains(u'.'))
            scope.others.insert(host);
    }
    return scope;
}

ReportChart::Series seriesOf(std::uint16_t status)
{
    if (status == 502)
        return ReportChart::Bad502;
    if (status == 504)
        return ReportChart::Timeout504;
    return status >= 400 ? ReportChart::OtherErrors : ReportChart::Ok;
}

/// Requests of the covered sites between `fromMs` and `toMs`, binned.
ReportChart chartOf(const Timeline& timeline, const SiteScope& scope, std::int64_t fromMs, std::int64_t toMs,
                    std::size_t maxBins)
{
    ReportChart chart;
    chart.binMs = binFor(std::max<std::int64_t>(toMs - fromMs, 1000), maxBins);
    chart.fromMs = fromMs - ((fromMs % chart.binMs) + chart.binMs) % chart.binMs;
    const std::size_t count = static_cast<std::size_t>((toMs - chart.fromMs) / chart.binMs + 1);
    chart.bins.assign(count, {});
    const EventColumns& events = timeline.events();
    for (std::size_t i = timeline.lowerBound(chart.fromMs);
         i < events.size() && events.timeMs[i] < chart.toMs(); ++i) {
        if (events.code[i] != MessageCode::Request || !scope.covers(events.host[i]))
            continue;
        const auto bin = static_cast<std::size_t>((events.timeMs[i] - chart.fromMs) / chart.binMs);
        ++chart.bins[bin][seriesOf(events.value[i])];
    }
    return chart;
}

void addBands(ReportChart& chart, const std::vector<IncidentReport>& incidents)
{
    for (const IncidentReport& incident : incidents) {
        if (!hasTime(incident.startMs) || incident.endMs < chart.fromMs || incident.startMs > chart.toMs())
            continue;
        chart.bands.push_back({incident.id, incident.startMs, incident.endMs,
                               QStringLiteral("#%1 %2").arg(incident.id).arg(incident.causeTitle)});
    }
}

struct Recount {
    std::uint32_t count502 = 0;
    std::uint32_t count504 = 0;
    std::uint32_t requests = 0;
};

/// The incident's requests on the covered sites only: a client sees its own numbers.
Recount recount(const Timeline& timeline, const SiteScope& scope, const IncidentReport& incident)
{
    Recount counts;
    const EventColumns& events = timeline.events();
    for (std::size_t i = timeline.lowerBound(incident.startMs);
         i < events.size() && events.timeMs[i] <= incident.endMs; ++i) {
        if (events.code[i] != MessageCode::Request || !scope.covers(events.host[i]))
            continue;
        ++counts.requests;
        counts.count502 += events.value[i] == 502 ? 1 : 0;
        counts.count504 += events.value[i] == 504 ? 1 : 0;
    }
    return counts;
}

/// Scopes one incident to the covered sites; false when none of its sites is covered.
bool scopeIncident(IncidentReport& incident, const Timeline& timeline, const SiteScope& scope,
                   const QSet<QString>& wanted, const Redactor& redactor)
{
    if (scope.all)
        return true;
    QStringList hosts;
    for (const QString& host : incident.hosts) {
        if (scope.covers(host, wanted))
            hosts << host;
    }
    if (hosts.isEmpty())
        return false; // also findings seen only on PHP-FPM's side: their pool may serve anyone's sites
    incident.hosts = hosts;
    std::erase_if(incident.urls, [&](const UrlStat& url) { return !scope.covers(url.host, wanted); });
    if (hasTime(incident.startMs)) {
        const Recount counts = recount(timeline, scope, incident);
        if (counts.count502 + counts.count504 > 0) {
            incident.count502 = counts.count502;
            incident.count504 = counts.count504;
            incident.requests = counts.requests;
        }
        incident.summary = reportwords::scopedSummary(incident.count502, incident.count504, hosts,
                                                      double(incident.endMs - incident.startMs) / 1000.0,
                                                      incident.causeTitle);
    }
    // A line about another site is left out, not masked: its URL and client would still tell too much.
    std::erase_if(incident.evidence, [&](const ReportEvidence& line) {
        return redactor.mentionsOtherSite(line.text) || redactor.mentionsOtherSite(line.source);
    });
    return true;
}

void redactIncident(IncidentReport& incident, Redactor& redactor)
{
    const auto clean = [&redactor](const QString& text, qsizetype maxChars = 0) {
        return inertText(redactor.redact(text), maxChars);
    };
    incident.summary = clean(incident.summary);
    incident.reasoning = clean(incident.reasoning);
    incident.advice = clean(incident.advice);
    incident.staffNote = clean(incident.staffNote);
    for (QString& host : incident.hosts)
        host = clean(host, kMaxShortChars);
    for (UrlStat& url : incident.urls) {
        url.host = clean(url.host, kMaxShortChars);
        url.path = clean(url.path, kMaxShortChars);
    }
    for (Feature& feature : incident.features)
        feature.value = clean(feature.value, kMaxShortChars);
    for (QString& limit : incident.limits)
        limit = clean(limit);
    for (QString& next : incident.collectNext)
        next = clean(next);
    for (ReportEvidence& line : incident.evidence) {
        line.source = clean(line.source, kMaxShortChars);
        line.text = clean(line.text, kMaxEvidenceChars);
    }
    if (incident.segfault)
        incident.segfault->module = clean(incident.segfault->module, kMaxShortChars);
}

/// The folders the inputs were opened from, as they prefix source paths: staff's own disk is no client's
/// business, and "bundle.tar.gz!/var/log/nginx/error.log" says all there is.
QStringList localFolders(const ImportResult& import)
{
    QSet<QString> folders;
    for (const SourceInfo& source : import.sources) {
        const QString input = source.path.section(QStringLiteral("!/"), 0, 0);
        const qsizetype slash = std::max(input.lastIndexOf(u'/'), input.lastIndexOf(u'\\'));
        if (slash > 0)
            folders.insert(input.left(slash + 1));
    }
    QStringList sorted(folders.begin(), folders.end());
    // Longest first, so a folder inside another is taken whole.
    std::sort(sorted.begin(), sorted.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
    return sorted;
}

QString withoutFolders(QString text, const QStringList& folders)
{
    for (const QString& folder : folders)
        text.replace(folder, QString());
    return text;
}

} // namespace

QString ClientReport::serverTime(std::int64_t utcMs) const
{
    if (!hasTime(utcMs))
        return reportwords::timeUnknown();
    return civilText(utcMs + std::int64_t(serverOffsets.offsetAtUtc(utcMs)) * 1000, true);
}

QString ClientReport::utcTime(std::int64_t utcMs) const
{
    if (!hasTime(utcMs))
        return reportwords::timeUnknown();
    return civilText(utcMs, false) + QStringLiteral(" UTC");
}

ClientReport buildClientReport(const ImportResult& import, const AnalysisResult& analysis,
                               RawTextReader* rawText, const ClientReportOptions& options,
                               const std::function<QString(const Incident&)>& staffNote)
{
    ClientReport report;
    report.options = options;
    report.preparedMs = QDateTime::currentMSecsSinceEpoch();
    report.serverTimeZone = import.serverTimeZone;
    const QStringList folders = localFolders(import);
    report.serverTimeZoneNote = withoutFolders(import.serverTimeZoneNote, folders);
    report.serverOffsets = import.serverOffsets;
    if (!import.timeline)
        return report;
    const Timeline& timeline = *import.timeline;

    QSet<QString> wanted;
    for (const QString& host : options.hosts)
        wanted.insert(host.trimmed().toLower());
    wanted.remove(QString());
    const SiteScope scope = siteScope(timeline, wanted);
    Redactor redactor({options.redactIps, options.maskTokens, scope.others});

    AnalysisReport full = analysisReport(import, analysis, rawText, staffNote);
    std::map<QString, std::uint32_t> failuresBySite;
    for (IncidentReport& incident : full.incidents) {
        if (!options.incidents.empty() && std::find(options.incidents.begin(), options.incidents.end(),
                                                    incident.id) == options.incidents.end())
            continue;
        if (!scopeIncident(incident, timeline, scope, wanted, redactor))
            continue;
        for (ReportEvidence& line : incident.evidence)
            line.source = withoutFolders(line.source, folders);
        for (QString& limit : incident.limits)
            limit = withoutFolders(limit, folders);
        for (QString& next : incident.collectNext)
            next = withoutFolders(next, folders);
        for (const UrlStat& url : incident.urls)
            failuresBySite[url.host.toLower()] += url.failed;
        for (const QString& host : incident.hosts)
            failuresBySite.try_emplace(host.toLower(), 0);
        redactIncident(incident, redactor);
        report.incidents.push_back(std::move(incident));
    }

    // The sites: those asked for, else those the incidents hit; most failures first.
    QStringList sites = scope.all ? QStringList() : QStringList(wanted.begin(), wanted.end());
    if (scope.all) {
        for (const auto& [site, failures] : failuresBySite)
            sites << site;
    }
    std::sort(sites.begin(), sites.end(), [&failuresBySite](const QString& a, const QString& b) {
        const auto fa = failuresBySite.count(a) ? failuresBySite.at(a) : 0;
        const auto fb = failuresBySite.count(b) ? failuresBySite.at(b) : 0;
        return fa != fb ? fa > fb : a < b;
    });
    for (const QString& site : sites)
        report.sites << inertText(site, kMaxShortChars);
    report.title =
        report.sites.isEmpty()
            ? QStringLiteral("Gateway errors (502/504): what happened and why")
            : QStringLiteral("Gateway errors (502/504) on %1")
                  .arg(report.sites.size() <= 3 ? report.sites.join(QStringLiteral(", "))
                                                : report.sites.mid(0, 3).join(QStringLiteral(", ")) +
                                                      reportwords::andMore(int(report.sites.size()) - 3));

    // The period: what the logs cover.
    bool anyDated = false;
    QSet<QString> limits;
    for (const SourceInfo& source : import.sources) {
        if (redactor.mentionsOtherSite(source.path))
            continue; // per-site logs of other sites are not even named
        ReportSource row{inertText(redactor.redact(withoutFolders(source.path, folders)), kMaxShortChars),
                         logKindName(source.kind),
                         source.hasDatedEvents() ? source.firstUtcMs : kNoTime,
                         source.hasDatedEvents() ? source.lastUtcMs : kNoTime,
                         source.lines,
                         source.events,
                         source.skippedLines};
        report.sources.push_back(row);
        if (source.hasDatedEvents()) {
            report.periodFromMs =
                anyDated ? std::min(report.periodFromMs, source.firstUtcMs) : source.firstUtcMs;
            report.periodToMs = anyDated ? std::max(report.periodToMs, source.lastUtcMs) : source.lastUtcMs;
            anyDated = true;
        }
    }
    for (const IncidentReport& incident : report.incidents) {
        for (const QString& limit : incident.limits) {
            if (!limits.contains(limit)) {
                limits.insert(limit);
                report.limits << limit;
            }
        }
    }

    // Totals and charts of the covered sites.
    const EventColumns& events = timeline.events();
    for (std::size_t i = timeline.undatedCount(); i < events.size(); ++i) {
        if (events.code[i] != MessageCode::Request || !scope.covers(events.host[i]))
            continue;
        ++report.requests;
        report.failures += events.value[i] == 502 || events.value[i] == 504 ? 1 : 0;
    }
    if (anyDated) {
        report.overview = chartOf(timeline, scope, report.periodFromMs, report.periodToMs, kOverviewMaxBins);
        addBands(report.overview, report.incidents);
    }
    for (const IncidentReport& incident : report.incidents) {
        ReportChart chart;
        if (hasTime(incident.startMs)) {
            const std::int64_t pad = std::max<std::int64_t>(120'000, (incident.endMs - incident.startMs) / 2);
            chart = chartOf(timeline, scope, incident.startMs - pad, incident.endMs + pad, kIncidentMaxBins);
            addBands(chart, report.incidents);
        }
        chart.highlighted = incident.id;
        report.incidentCharts.push_back(std::move(chart));
    }
    report.maskedAddresses = redactor.maskedAddresses();
    report.maskedTokens = redactor.maskedTokens();
    return report;
}

namespace {

QString csvCell(QString text)
{
    // A spreadsheet runs a cell starting with = + - @ as a formula: log text must stay text.
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()))
        text.prepend(u'\'');
    text.replace(u'"', QStringLiteral("\"\""));
    return u'"' + text + u'"';
}

} // namespace

QByteArray clientReportCsv(const ClientReport& report)
{
    QStringList lines;
    lines << QStringLiteral("id,start (server time),start (UTC),duration (s),failed requests,502,504,sites,"
                            "cause id,cause,confidence,confidence in words");
    for (const IncidentReport& incident : report.incidents) {
        const bool dated = hasTime(incident.startMs);
        QStringList cells;
        cells << QString::number(incident.id)
              << csvCell(dated ? report.serverTime(incident.startMs) : QString())
              << csvCell(dated ? QString::fromStdString(formatIsoUtc(incident.startMs)) : QString())
              << (dated ? QString::number(double(incident.endMs - incident.startMs) / 1000.0, 'f', 1)
                        : QString())
              << QString::number(incident.count502 + incident.count504) << QString::number(incident.count502)
              << QString::number(incident.count504)
              << csvCell(inertText(incident.hosts.join(QStringLiteral(" ")))) << csvCell(incident.causeId)
              << csvCell(incident.causeTitle) << QString::number(incident.confidence, 'f', 2)
              << csvCell(reportwords::confidenceWords(incident.confidence));
        lines << cells.join(u',');
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

} // namespace gd
