#pragma once

#include "import/importresult.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <string_view>
#include <vector>

namespace gd {

struct PoolFacts {
    QString name;
    QString path; ///< config file it came from
    std::optional<int> maxChildren;
    std::optional<std::int64_t> terminateTimeoutMs;
    std::optional<std::int64_t> slowlogTimeoutMs;
    QString processManager; ///< static / dynamic / ondemand
    QString listen;         ///< the pool's listen address as configured ("/run/php/x.sock", "127.0.0.1:9000")
};

/// What the bundle says about the server besides its events: limits from config files and which
/// evidence its logs can show at all (BOA logs nginx at crit and PHP-FPM at warning).
struct BundleFacts {
    std::vector<PoolFacts> pools;
    std::optional<std::int64_t> fpmTerminateTimeoutMs; ///< smallest request_terminate_timeout of the pools
    std::optional<std::int64_t> nginxReadTimeoutMs;    ///< fastcgi_read_timeout
    std::optional<std::int64_t> phpMaxExecutionMs;     ///< php.ini max_execution_time (CPU time)
    std::optional<int> emergencyRestartThreshold;
    std::optional<std::int64_t> emergencyRestartIntervalMs;
    QString fpmLogLevel; ///< from php-fpm.conf, else inferred from the log ("warning" when no NOTICE seen)
    QString nginxErrorLogLevel; ///< from nginx.conf, else inferred ("crit" when only crit and worse seen)
    QStringList dosProtectionDisabledIn; ///< INI files with disable_admin_dos_protection = TRUE

    bool hasAccessLog = false;
    bool hasNginxErrorLog = false;
    bool hasFpmLog = false;
    bool hasSlowLog = false;
    bool hasSyslog = false;
    bool hasKernelLines = false;
    QStringList controlPanelHosts; ///< hosts that serve Aegir /hosting/ pages
    /// PHP-FPM pools (as their log lines name them) whose name appears in an nginx upstream address, e.g.
    /// pool o1.83 behind unix:/var/run/o1.83.fpm.socket: for these, which pool served a failure is known.
    QStringList poolsNamedByUpstreams;
    /// Per source: whether its access lines carry the request's duration ($request_time). Without it, a
    /// failure's wait is unknown, not zero.
    std::vector<bool> sourceTimesRequests;

    /// The time limit a waiting request runs into, when the bundle says it.
    std::optional<std::int64_t> requestLimitMs() const;
    /// Whether a pool of the bundle's configuration listens at nginx's upstream address ("fastcgi://unix:
    /// /var/run/x.sock:", "fastcgi://127.0.0.1:9000"); nullopt when no pool's listen address is known.
    std::optional<bool> poolListensAt(std::string_view upstream) const;
};

BundleFacts collectBundleFacts(const ImportResult& import);

/// Whether `address` (an nginx upstream) names `pool`: the name stands in it between non-alphanumeric
/// characters ("o1.83" in "unix:/var/run/o1.83.fpm.socket", not "o1" in ".../o10.fpm.socket").
bool upstreamNamesPool(std::string_view address, std::string_view pool);

/// "180s", "3m", "4000ms", "180" (seconds) → milliseconds.
std::optional<std::int64_t> parseDurationMs(QStringView text);

} // namespace gd
