#include "import/servertime.h"

#include "import/requestclock.h"
#include "import/sourceparser.h"
#include "time/civiltime.h"
#include "time/syslogyear.h"

#include <QDateTime>
#include <QMap>
#include <algorithm>
#include <limits>

namespace gd {

namespace {

constexpr std::int64_t kDayMs = 86400000;
/// Readings may step back this much within a file (requests end out of order) without being
/// taken for the second pass through a repeated DST hour.
constexpr std::int64_t kDisorderToleranceMs = 10 * 60 * 1000;
/// A step back in UTC larger than this within a file is reported: the clock was set back or logs were joined.
/// Smaller ones are ordinary (lines written when requests end, buffered workers).
constexpr std::int64_t kJumpBackReportMs = 60 * 60 * 1000;

/// "5 years", "3 days", "2 hours", "61 minutes": how far a clock went back, roughly.
QString roughSpan(std::int64_t ms)
{
    const std::int64_t minutes = ms / 60000;
    const std::int64_t hours = minutes / 60;
    const std::int64_t days = hours / 24;
    const auto words = [](std::int64_t n, const char* unit) {
        return QStringLiteral("%1 %2%3")
            .arg(n)
            .arg(QLatin1String(unit))
            .arg(n == 1 ? QString() : QStringLiteral("s"));
    };
    if (days >= 365)
        return words(days / 365, "year");
    if (days >= 1)
        return words(days, "day");
    if (hours >= 2)
        return words(hours, "hour");
    return words(minutes, "minute");
}

QTimeZone zoneFromConfig(const std::vector<ConfigFile>& configs, QString* path)
{
    for (const ConfigFile& config : configs) {
        if (!config.path.endsWith(QLatin1String("etc/timezone")))
            continue;
        const QByteArray id = config.content.trimmed();
        if (QTimeZone::isTimeZoneIdAvailable(id)) {
            *path = config.path;
            return QTimeZone(id);
        }
    }
    return {};
}

/// Range of wall-clock readings that still need a zone, to bound the zone's transition list.
std::pair<std::int64_t, std::int64_t> pendingRange(const ServerTime::Sources& sources, bool includeYearless)
{
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    for (const ParsedSource* source : sources) {
        for (std::size_t i = 0; i < source->events.size(); ++i) {
            const std::uint8_t pending = source->pendingTime[i];
            if ((pending & ParsedSource::kNeedsZone) == 0)
                continue;
            if ((pending & ParsedSource::kNeedsYear) != 0 && !includeYearless)
                continue; // placeholder years would stretch the range over decades
            low = std::min(low, source->events.timeMs[i]);
            high = std::max(high, source->events.timeMs[i]);
        }
    }
    return {low, high};
}

} // namespace

ServerTime::ServerTime(const ImportOptions& options, const Sources& sources,
                       const std::vector<ConfigFile>& configs, const SharedPools* pools)
    : options_(options)
    , sources_(sources)
    , configs_(configs)
    , pools_(pools)
{
}

void ServerTime::settle(ServerInfo& server, std::vector<Diagnostic>& diagnostics)
{
    chooseZone(server, diagnostics);
    assignYears(server.name, diagnostics);
    if (zone_.isValid()) {
        // Year-less readings only have their years now: cover them with the zone's DST changes too.
        const auto [low, high] = pendingRange(sources_, true);
        if (low <= high)
            offsets_ = OffsetTimeline::fromZone(zone_, low - 2 * kDayMs, high + 2 * kDayMs);
    }
    resolveZones();
    server.offsets = offsets_;
    reportTimeAnomalies(diagnostics);
}

void ServerTime::reportTimeAnomalies(std::vector<Diagnostic>& diagnostics) const
{
    for (const ParsedSource* source : sources_) {
        for (const SkipReason& skipped : source->info.skipReasons) {
            if (skipped.reason != kFutureTimeReason)
                continue;
            diagnostics.push_back(
                {Diagnostic::Severity::Warning, source->info.path, skipped.firstLine,
                 (skipped.count == 1
                      ? QStringLiteral("1 line dated more than a year after today was left out")
                      : QStringLiteral("%1 lines dated more than a year after today were left out, "
                                       "the first is this one")
                            .arg(skipped.count)) +
                     QStringLiteral(": the server's clock was wrong or the lines are damaged")});
        }
        // Pasted lines come in whatever order the ticket quoted them: no jumps to report there.
        if (source->info.looseText)
            continue;
        const EventColumns& events = source->events;
        std::int64_t previous = kNoTime;
        std::uint32_t previousLine = 0;
        std::uint64_t jumps = 0;
        std::size_t first = 0;
        std::int64_t firstFrom = 0;
        std::uint32_t firstFromLine = 0;
        for (std::size_t i = 0; i < events.size(); ++i) {
            const std::int64_t t = events.timeMs[i];
            if (!hasTime(t))
                continue;
            if (hasTime(previous) && t < previous - kJumpBackReportMs && jumps++ == 0) {
                first = i;
                firstFrom = previous;
                firstFromLine = previousLine;
            }
            previous = t;
            previousLine = events.line[i];
        }
        if (jumps == 0)
            continue;
        diagnostics.push_back(
            {Diagnostic::Severity::Warning, source->info.path, events.line[first],
             QStringLiteral(
                 "time goes back %1 here, to %2 after %3 on line %4 (%5 in this file): the server's "
                 "clock was set back or logs were joined; every event is placed at its own time")
                 .arg(roughSpan(firstFrom - events.timeMs[first]),
                      QString::fromStdString(formatIsoUtc(events.timeMs[first])),
                      QString::fromStdString(formatIsoUtc(firstFrom)))
                 .arg(firstFromLine)
                 .arg(jumps == 1 ? QStringLiteral("1 time") : QStringLiteral("%1 times").arg(jumps))});
    }
}

void ServerTime::chooseZone(ServerInfo& server, std::vector<Diagnostic>& diagnostics)
{
    std::vector<OffsetTimeline::Span> observations;
    for (const ParsedSource* source : sources_) {
        if (source->info.kind != LogKind::NginxAccess)
            continue;
        for (const OffsetObservation& seen : source->offsets)
            observations.push_back({seen.utcMs, seen.offsetSec});
    }
    // An access log dated in UTC only ($msec) has no offsets to learn from; the requests it shares with the
    // error log have.
    QString learnedFrom = QStringLiteral("access log offsets");
    if (observations.empty()) {
        observations = readRequestClock(sources_, pools_).observations;
        learnedFrom =
            QStringLiteral("offsets of %1 %2 that both the UTC-dated access log and the error log recorded")
                .arg(observations.size())
                .arg(observations.size() == 1 ? QStringLiteral("request") : QStringLiteral("requests"));
    }
    auto [low, high] = pendingRange(sources_, false);
    if (low > high)
        low = high = QDateTime::currentMSecsSinceEpoch();
    const std::int64_t from = low - 2 * kDayMs;
    const std::int64_t to = high + 2 * kDayMs;

    QString configPath;
    const QTimeZone configZone = zoneFromConfig(configs_, &configPath);
    if (!observations.empty()) {
        const OffsetTimeline learned = OffsetTimeline::fromObservations(observations);
        // A zone named by the bundle that agrees with every observed offset also knows the DST
        // changes outside the access log's time range, so prefer it then.
        bool agrees = configZone.isValid();
        for (const auto& seen : observations) {
            if (agrees && configZone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(
                              seen.utcStartMs, QTimeZone::utc())) != seen.offsetSec)
                agrees = false;
        }
        if (agrees) {
            zone_ = configZone;
            offsets_ = OffsetTimeline::fromZone(configZone, from, to);
            server.timeZone = QString::fromUtf8(configZone.id());
            zoneNote_ =
                QStringLiteral("%1 from %2, matching the %3").arg(server.timeZone, configPath, learnedFrom);
        } else {
            offsets_ = learned;
            QStringList offsets;
            for (const auto& span : learned.spans())
                offsets << formatUtcOffset(span.offsetSec);
            server.timeZone = offsets.join(QStringLiteral(" then "));
            zoneNote_ = QStringLiteral("learned from %1 (%2)").arg(learnedFrom, server.timeZone);
            if (configZone.isValid()) {
                diagnostics.push_back({Diagnostic::Severity::Warning, configPath, 0,
                                       QStringLiteral("zone %1 disagrees with the %2; "
                                                      "those offsets are used")
                                           .arg(QString::fromUtf8(configZone.id()), learnedFrom)});
            }
        }
    } else if (configZone.isValid()) {
        zone_ = configZone;
        offsets_ = OffsetTimeline::fromZone(configZone, from, to);
        server.timeZone = QString::fromUtf8(configZone.id());
        zoneNote_ = QStringLiteral("%1 from %2").arg(server.timeZone, configPath);
    } else if (!options_.timeZone.isEmpty() && QTimeZone::isTimeZoneIdAvailable(options_.timeZone.toUtf8())) {
        zone_ = QTimeZone(options_.timeZone.toUtf8());
        offsets_ = OffsetTimeline::fromZone(zone_, from, to);
        server.timeZone = options_.timeZone;
        zoneNote_ = QStringLiteral("%1 from --tz").arg(options_.timeZone);
    } else {
        zone_ = QTimeZone::systemTimeZone();
        offsets_ = OffsetTimeline::fromZone(zone_, from, to);
        server.timeZone = QString::fromUtf8(zone_.id());
        zoneNote_ = QStringLiteral("%1, this computer's zone: the bundle does not tell (use --tz)")
                        .arg(server.timeZone);
        const bool anyPending = std::any_of(sources_.begin(), sources_.end(), [](const ParsedSource* s) {
            return std::any_of(s->pendingTime.begin(), s->pendingTime.end(),
                               [](std::uint8_t p) { return (p & ParsedSource::kNeedsZone) != 0; });
        });
        if (anyPending) {
            diagnostics.push_back({Diagnostic::Severity::Warning, server.name, 0,
                                   QStringLiteral("no access log offsets, /etc/timezone or --tz: zone-less "
                                                  "logs are read in this computer's zone (%1)")
                                       .arg(server.timeZone)});
        }
    }
    server.timeZoneNote = zoneNote_;
}

void ServerTime::assignYears(const QString& serverName, std::vector<Diagnostic>& diagnostics)
{
    // The newest dated reading of the server anchors the year guess; year-less readings never anchor it, so
    // one year-less line among dated ones cannot move the dated ones' years.
    CivilMs anchor = std::numeric_limits<CivilMs>::min();
    for (const ParsedSource* source : sources_) {
        for (std::size_t i = 0; i < source->events.size(); ++i) {
            const std::uint8_t pending = source->pendingTime[i];
            const std::int64_t t = source->events.timeMs[i];
            if ((pending & ParsedSource::kNeedsYear) != 0 || !hasTime(t))
                continue;
            anchor = std::max<CivilMs>(
                anchor, (pending & ParsedSource::kNeedsZone) != 0 ? t : t + offsets_.offsetAtUtc(t) * 1000LL);
        }
    }
    // Year-less readings of one rotation family walk back together; a source that dates itself (journalctl's
    // header) is its own family with its own anchor.
    QMap<QString, std::vector<CivilMs*>> families;
    QMap<QString, CivilMs> ownAnchors;
    for (ParsedSource* source : sources_) {
        if (!source->hasYearlessTimes)
            continue;
        QString family = source->info.rotationFamily;
        if (source->yearAnchor != 0) {
            family = source->info.path;
            ownAnchors[family] = source->yearAnchor;
        }
        auto& times = families[family]; // sources are oldest-first per family
        for (std::size_t i = 0; i < source->events.size(); ++i) {
            if ((source->pendingTime[i] & ParsedSource::kNeedsYear) != 0)
                times.push_back(&source->events.timeMs[i]);
        }
    }
    if (families.isEmpty())
        return;
    if (anchor == std::numeric_limits<CivilMs>::min() && ownAnchors.size() < families.size()) {
        anchor = QDateTime::currentMSecsSinceEpoch();
        diagnostics.push_back({Diagnostic::Severity::Warning, serverName, 0,
                               QStringLiteral("syslog lines carry no year and no other log is dated: "
                                              "the current year is assumed")});
    }
    for (auto it = families.begin(); it != families.end(); ++it)
        assignSyslogYears(it.value(), ownAnchors.value(it.key(), anchor));
}

void ServerTime::resolveZones()
{
    for (ParsedSource* source : sources_) {
        bool converted = false;
        bool dated = false;
        std::int64_t previous = std::numeric_limits<std::int64_t>::min();
        for (std::size_t i = 0; i < source->events.size(); ++i) {
            std::int64_t& t = source->events.timeMs[i];
            dated = dated || hasTime(t);
            if ((source->pendingTime[i] & ParsedSource::kNeedsZone) == 0) {
                if (hasTime(t))
                    previous = t;
                continue;
            }
            const std::int64_t notBefore = previous == std::numeric_limits<std::int64_t>::min()
                                               ? previous
                                               : previous - kDisorderToleranceMs;
            t = offsets_.toUtc(t, notBefore);
            previous = t;
            converted = true;
        }
        source->info.timeZoneNote = converted ? zoneNote_
                                    : dated   ? QStringLiteral("offsets written on each line")
                                              : QStringLiteral("its lines carry no time");
        source->pendingTime.clear();
        source->pendingTime.shrink_to_fit();
    }
}

} // namespace gd
