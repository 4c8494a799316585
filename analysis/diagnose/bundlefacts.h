#pragma once

#include "import/importresult.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace gd {

struct PoolFacts {
    QString name;
    QString path; ///< config file it came from
    std::optional<int> maxChildren;
    std::optional<std::int64_t> terminateTimeoutMs;
    std::optional<std::int64_t> slowlogTimeoutMs;
    QString processManager; ///< static / dynamic / ondemand
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

    /// The time limit a waiting request runs into, when the bundle says it.
    std::optional<std::int64_t> requestLimitMs() const;
};

BundleFacts collectBundleFacts(const ImportResult& import);

/// "180s", "3m", "4000ms", "180" (seconds) → milliseconds.
std::optional<std::int64_t> parseDurationMs(QStringView text);

} // namespace gd
