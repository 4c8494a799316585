#pragma once

#include "benchrandom.h"
#include "bundleplan.h"
#include "logsink.h"

#include <string>

namespace gd::bench {

/// Writes /var/log/syslog in RSYSLOG_TraditionalFileFormat (§5.5: no year, no zone): kernel lines of the
/// incidents (segfaults, traps, OOM, §5.1/5.2) among cron, sshd, postfix and firewall noise.
class Syslogs {
public:
    /// The lines wait in spool files in `spoolDir` until written (see LineCollector).
    Syslogs(const BundlePlan& plan, const std::string& spoolDir)
        : plan_(plan)
        , random_(plan.seed() ^ 0x5E5106ULL)
        , lines_(spoolDir)
    {
    }

    void addIncidentLines();
    void addNoise();
    LineCollector& lines() { return lines_; }

private:
    void commit(int weekSec, TextBuffer& line);
    void addHeader(TextBuffer& out, int weekSec, std::string_view program, std::uint32_t pid);
    void addKernelHeader(TextBuffer& out, int weekSec);
    void segfault(int weekSec, std::uint32_t pid);
    void addCron(int weekSec);
    void addRandomLine(int weekSec);

    const BundlePlan& plan_;
    Random random_;
    LineCollector lines_;
    std::uint64_t bytes_ = 0;
};

} // namespace gd::bench
