#pragma once

#include "benchrandom.h"
#include "bundleplan.h"
#include "logsink.h"

#include <string>
#include <string_view>

namespace gd::bench {

/// What nginx knows about a request when it logs an upstream failure.
struct FailedRequest {
    int weekSec = 0;
    std::uint64_t connection = 0;
    std::string_view peer; ///< $remote_addr: the last address of X-Forwarded-For
    const Site* site = nullptr;
    std::string_view host; ///< Host header
    std::string_view requestLine;
    std::string_view referrer; ///< "-" when none
};

/// Writes nginx error.log lines (§2.1 grammar): the upstream failures of requests and background noise.
class NginxErrorLog {
public:
    /// The lines wait in spool files in `spoolDir` until written (see LineCollector).
    NginxErrorLog(const BundlePlan& plan, const std::string& spoolDir)
        : plan_(plan)
        , random_(plan.seed() ^ 0xE5505ULL)
        , lines_(spoolDir)
    {
    }

    /// `message` is the text up to the errno part, e.g. "connect() to unix:... failed (2: No such file or
    /// directory)".
    void upstreamFailure(const FailedRequest& request, std::string_view level, std::string_view message,
                         std::string_view action);
    /// Fills the rest of the budget with the handshake errors, limit_conn and 404 noise of a busy server.
    void addNoise();

    LineCollector& lines() { return lines_; }
    std::uint64_t bytes() const { return bytes_; }

private:
    void commit(int weekSec, TextBuffer& line);
    std::uint32_t workerPid() { return 4021 + random_.below(4); }

    const BundlePlan& plan_;
    Random random_;
    LineCollector lines_;
    std::uint64_t bytes_ = 0;
};

} // namespace gd::bench
