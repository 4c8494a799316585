#include "diagnose/bundlefacts.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <set>

namespace gd {

namespace {

QString withoutComment(QString line)
{
    for (const QChar marker : {u';', u'#'}) {
        const qsizetype at = line.indexOf(marker);
        if (at >= 0)
            line.truncate(at);
    }
    return line.trimmed();
}

bool isTrue(QString value)
{
    value = value.trimmed().toLower();
    value.remove(u'"');
    value.remove(u'\'');
    return value == QLatin1String("true") || value == QLatin1String("1") || value == QLatin1String("yes") ||
           value == QLatin1String("on");
}

template <typename T> void keepSmallest(std::optional<T>& slot, std::optional<T> value)
{
    if (value && (!slot || *value < *slot))
        slot = value;
}

/// php-fpm.conf / pool .conf / php.ini / BOA INI: "key = value" lines, "[section]" headers.
void readIniStyle(const ConfigFile& config, BundleFacts& facts)
{
    PoolFacts* pool = nullptr;
    const QString text = QString::fromUtf8(config.content);
    for (const QString& rawLine : text.split(u'\n')) {
        const QString line = withoutComment(rawLine);
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            const QString section = line.mid(1, line.size() - 2).trimmed();
            if (section == QLatin1String("global") || section == QLatin1String("PHP")) {
                pool = nullptr;
            } else {
                facts.pools.push_back({section, config.path, {}, {}, {}, {}, {}});
                pool = &facts.pools.back();
            }
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        if (key == QLatin1String("request_terminate_timeout")) {
            if (pool != nullptr)
                pool->terminateTimeoutMs = parseDurationMs(value);
            keepSmallest(facts.fpmTerminateTimeoutMs, parseDurationMs(value));
        } else if (key == QLatin1String("request_slowlog_timeout") && pool != nullptr) {
            pool->slowlogTimeoutMs = parseDurationMs(value);
        } else if (key == QLatin1String("pm.max_children") && pool != nullptr) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (ok)
                pool->maxChildren = n;
        } else if (key == QLatin1String("pm") && pool != nullptr) {
            pool->processManager = value;
        } else if (key == QLatin1String("listen") && pool != nullptr) {
            pool->listen = value;
            pool->listen.remove(u'"');
            pool->listen.replace(QLatin1String("$pool"), pool->name);
        } else if (key == QLatin1String("emergency_restart_threshold")) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (ok)
                facts.emergencyRestartThreshold = n;
        } else if (key == QLatin1String("emergency_restart_interval")) {
            facts.emergencyRestartIntervalMs = parseDurationMs(value);
        } else if (key == QLatin1String("log_level")) {
            facts.fpmLogLevel = value.toLower();
        } else if (key == QLatin1String("max_execution_time")) {
            keepSmallest(facts.phpMaxExecutionMs, parseDurationMs(value));
        } else if (key == QLatin1String("disable_admin_dos_protection") && isTrue(value)) {
            facts.dosProtectionDisabledIn << config.path;
        }
    }
}

/// nginx.conf / vhost files: "directive value;" statements.
void readNginxStyle(const ConfigFile& config, BundleFacts& facts)
{
    static const QRegularExpression readTimeout(QStringLiteral("\\bfastcgi_read_timeout\\s+([^;\\s]+)\\s*;"));
    static const QRegularExpression errorLog(QStringLiteral("\\berror_log\\s+\\S+\\s+(\\w+)\\s*;"));
    const QString text = QString::fromUtf8(config.content);
    for (const QString& rawLine : text.split(u'\n')) {
        const QString line = withoutComment(rawLine);
        if (const auto match = readTimeout.match(line); match.hasMatch())
            keepSmallest(facts.nginxReadTimeoutMs, parseDurationMs(match.captured(1)));
        if (const auto match = errorLog.match(line); match.hasMatch())
            facts.nginxErrorLogLevel = match.captured(1).toLower();
    }
}

/// A socket path or a TCP port, the way both sides can be compared: /var/run is /run on every current
/// system; a TCP address compares by port (host names differ between containers and configs).
QString comparableAddress(QString address)
{
    for (const QLatin1String scheme : {QLatin1String("fastcgi://"), QLatin1String("http://")}) {
        if (address.startsWith(scheme))
            address.remove(0, scheme.size());
    }
    if (address.startsWith(QLatin1String("unix:")))
        address.remove(0, 5);
    while (address.endsWith(u':') || address.endsWith(u'/'))
        address.chop(1);
    if (address.startsWith(u'/')) {
        if (address.startsWith(QLatin1String("/var/run/")))
            address.remove(0, 4);
        return address;
    }
    const qsizetype colon = address.lastIndexOf(u':');
    return QStringLiteral("port ") + (colon >= 0 ? address.mid(colon + 1) : address);
}

} // namespace

std::optional<bool> BundleFacts::poolListensAt(std::string_view upstream) const
{
    const QString wanted =
        comparableAddress(QString::fromUtf8(upstream.data(), static_cast<qsizetype>(upstream.size())));
    bool anyKnown = false;
    for (const PoolFacts& pool : pools) {
        if (pool.listen.isEmpty())
            continue;
        anyKnown = true;
        if (comparableAddress(pool.listen) == wanted)
            return true;
    }
    return anyKnown ? std::optional<bool>(false) : std::nullopt;
}

std::optional<std::int64_t> parseDurationMs(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*$"));
    const auto match = pattern.match(text.toString());
    if (!match.hasMatch())
        return std::nullopt;
    const double number = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    double factor = 1000.0;
    if (unit == QLatin1String("ms"))
        factor = 1.0;
    else if (unit == QLatin1String("m"))
        factor = 60'000.0;
    else if (unit == QLatin1String("h"))
        factor = 3'600'000.0;
    return static_cast<std::int64_t>(number * factor);
}

std::optional<std::int64_t> BundleFacts::requestLimitMs() const
{
    std::optional<std::int64_t> limit;
    keepSmallest(limit, fpmTerminateTimeoutMs);
    keepSmallest(limit, nginxReadTimeoutMs);
    return limit;
}

bool upstreamNamesPool(std::string_view address, std::string_view pool)
{
    const auto isNameChar = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    if (pool.empty())
        return false;
    for (std::size_t at = address.find(pool); at != std::string_view::npos; at = address.find(pool, at + 1)) {
        const std::size_t end = at + pool.size();
        if ((at == 0 || !isNameChar(address[at - 1])) && (end == address.size() || !isNameChar(address[end])))
            return true;
    }
    return false;
}

BundleFacts collectBundleFacts(const ImportResult& import)
{
    BundleFacts facts;
    for (const ConfigFile& config : import.configs) {
        const QString name = QFileInfo(config.path).fileName().toLower();
        if (name.endsWith(QLatin1String(".conf")) && config.content.contains("server") &&
            (config.content.contains("location") || config.content.contains("fastcgi_") ||
             config.content.contains("error_log /")))
            readNginxStyle(config, facts);
        else
            readIniStyle(config, facts);
    }
    // A pool section without any setting we know is not a pool (e.g. php.ini's [Date]).
    std::erase_if(facts.pools, [](const PoolFacts& pool) {
        return !pool.maxChildren && !pool.terminateTimeoutMs && !pool.slowlogTimeoutMs &&
               pool.processManager.isEmpty() && pool.listen.isEmpty();
    });

    bool fpmNoticeSeen = false;
    bool nginxBelowCritSeen = false;
    std::set<std::uint32_t> panelHosts;
    std::set<std::uint16_t> poolGroups;
    std::set<std::uint16_t> upstreamGroups;
    facts.sourceTimesRequests.assign(import.sources.size(), false);
    if (import.timeline) {
        const EventColumns& events = import.timeline->events();
        const StringPool& targets = import.timeline->targets();
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (!import.timeline->includes(i))
                continue;
            const MessageCode code = events.code[i];
            const LogKind kind = import.sources[events.source[i]].kind;
            if (kind == LogKind::FpmMaster && events.level(i) == Level::Notice)
                fpmNoticeSeen = true;
            if (kind == LogKind::NginxError && events.level(i) < Level::Critical &&
                events.level(i) != Level::None)
                nginxBelowCritSeen = true;
            if (code == MessageCode::KernSegfault || code == MessageCode::KernTrap ||
                code == MessageCode::KernOomKilled)
                facts.hasKernelLines = true;
            if (code == MessageCode::Request && targets.view(events.target[i]).starts_with("/hosting/"))
                panelHosts.insert(events.host[i]);
            if (code == MessageCode::Request && events.durationMs[i] > 0 &&
                events.source[i] < facts.sourceTimesRequests.size())
                facts.sourceTimesRequests[events.source[i]] = true;
            if (events.group[i] != 0 && (kind == LogKind::FpmMaster || kind == LogKind::FpmSlow))
                poolGroups.insert(events.group[i]);
            if (events.group[i] != 0 && kind == LogKind::NginxError)
                upstreamGroups.insert(events.group[i]);
        }
        const StringPool& groups = import.timeline->groups();
        for (const std::uint16_t pool : poolGroups) {
            const std::string_view name = groups.view(pool);
            if (std::any_of(upstreamGroups.begin(), upstreamGroups.end(), [&](std::uint16_t upstream) {
                    return upstreamNamesPool(groups.view(upstream), name);
                }))
                facts.poolsNamedByUpstreams
                    << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        }
        for (const std::uint32_t host : panelHosts) {
            const std::string_view name = import.timeline->hosts().view(host);
            facts.controlPanelHosts << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        }
    }
    for (std::size_t s = 0; s < import.sources.size(); ++s) {
        if (import.timeline && !import.timeline->includesSource(static_cast<std::uint16_t>(s)))
            continue; // another server's
        const SourceInfo& source = import.sources[s];
        facts.hasAccessLog |= source.kind == LogKind::NginxAccess;
        facts.hasNginxErrorLog |= source.kind == LogKind::NginxError;
        facts.hasFpmLog |= source.kind == LogKind::FpmMaster;
        facts.hasSlowLog |= source.kind == LogKind::FpmSlow;
        facts.hasSyslog |= source.kind == LogKind::Syslog;
    }
    if (facts.fpmLogLevel.isEmpty() && facts.hasFpmLog)
        facts.fpmLogLevel =
            fpmNoticeSeen ? QStringLiteral("notice") : QStringLiteral("warning (inferred: no NOTICE lines)");
    if (facts.nginxErrorLogLevel.isEmpty() && facts.hasNginxErrorLog)
        facts.nginxErrorLogLevel = nginxBelowCritSeen
                                       ? QStringLiteral("error")
                                       : QStringLiteral("crit (inferred: only crit and worse)");
    return facts;
}

} // namespace gd
