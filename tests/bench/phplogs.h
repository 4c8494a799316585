#pragma once

#include "benchrandom.h"
#include "bundleplan.h"
#include "logsink.h"

#include <string>
#include <string_view>

namespace gd::bench {

/// Writes the PHP-FPM master log (php83-fpm-error.log, §4.1/4.2) and o1's slowlog (§4.3).
/// Only pool o1.83's slowlog is part of the bundle, as the file list of a real support bundle would be.
class PhpLogs {
public:
    /// The lines wait in spool files in `spoolDir` until written (see LineCollector).
    PhpLogs(const BundlePlan& plan, const std::string& spoolDir)
        : plan_(plan)
        , random_(plan.seed() ^ 0xF9A1ULL)
        , master_(spoolDir)
        , slow_(spoolDir)
    {
    }

    /// A request that runs past request_slowlog_timeout (60 s): "executing too slow" + a slowlog record,
    /// and when `terminated`, "execution timed out" + the SIGTERM child exit.
    void slowRequest(int startSec, const Site& site, std::string_view method, std::string_view fpmUri,
                     bool terminated);
    /// The FPM side of the incidents: max_children, crashes, threshold reloads, bind errors, OOM kills.
    void addIncidentLines();
    /// Slow requests outside incidents until the slowlog budget is used, plus rare odd lines.
    void addNoise();

    LineCollector& masterLines() { return master_; }
    LineCollector& slowLines() { return slow_; }
    std::uint64_t slowBytes() const { return slowBytes_; }

    /// PID of the child that died in crash `crash` of incident `incident` (shared with the kernel lines).
    static std::uint32_t crashPid(std::size_t incident, std::size_t crash);

private:
    void master(int weekSec, std::string_view pool, std::string_view text);
    void childExit(int weekSec, int instance, std::uint32_t pid, std::string_view how);
    void slowRecord(int weekSec, const Site& site, std::uint32_t pid);
    std::uint32_t childPid() { return random_.between(2000, 65000); }

    const BundlePlan& plan_;
    Random random_;
    LineCollector master_;
    LineCollector slow_;
    std::uint64_t slowBytes_ = 0;
};

} // namespace gd::bench
