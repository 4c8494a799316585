#pragma once

#include "benchrandom.h"
#include "bundleplan.h"
#include "logsink.h"
#include "requestmix.h"

#include <memory>
#include <queue>
#include <string>
#include <vector>

namespace gd::bench {

class NginxErrorLog;
class PhpLogs;

enum class AccessFormat : std::uint8_t {
    BoaMain, ///< docs/log-formats.md, "nginx access log"
    Combined ///< nginx's default, §3.1 (for tools that only know it)
};

struct AccessStats {
    std::uint64_t lines = 0;
    std::uint64_t bytes = 0;
    std::uint64_t status502 = 0;
    std::uint64_t status504 = 0;
    std::uint64_t status499 = 0;
};

/// Writes /var/log/nginx/access.log and its rotations, and tells the error and PHP logs about every
/// request that failed upstream, so the files of the bundle agree with each other.
class AccessLog {
public:
    AccessLog(const BundlePlan& plan, NginxErrorLog& errors, PhpLogs& php, AccessFormat format);

    /// Generates the week into `dir` (access.log, access.log.1, access.log.2.gz, ...).
    void write(const std::string& dir);
    const AccessStats& stats() const { return stats_; }

private:
    struct Request {
        const Site* site = nullptr;
        std::string_view host;
        std::uint32_t client = 0;
        std::string forwardedFor;
        std::string_view peer; ///< $remote_addr
        RequestShape shape;
        std::string uri;
        std::string_view protocol;
        std::uint16_t status = 200;
        std::uint32_t body = 0;
        std::uint32_t requestLength = 0;
        std::uint32_t bytesSent = 0;
        std::string referrer;
        std::string_view userAgent;
        std::uint32_t timeMs = 0;
        std::uint16_t gzipPercent = 0; ///< $gzip_ratio x 100; 0 logs "-"
        int startSec = 0;
        std::uint64_t connection = 0;
    };
    /// A visitor browsing one site: consecutive requests share client, agent and referrer chain.
    struct Visitor {
        const Site* site = nullptr;
        std::string_view host;
        std::uint32_t client = 0;
        std::string lastPage;
    };
    struct Pending {
        int finishSec;
        std::uint64_t order;
        std::shared_ptr<Request> request;
        bool operator>(const Pending& other) const
        {
            return finishSec != other.finishSec ? finishSec > other.finishSec : order > other.order;
        }
    };

    void makeRequest(int sec, Request& r);
    Visitor& pickVisitor();
    void setOutcome(Request& r);
    void applyIncident(int sec, Request& r, const Incident& incident);
    void crashRequest(int sec, const Incident& incident, std::string_view message);
    void emit(int logSec, const Request& r);
    void dispatch(int sec, Request& r);
    void reportFailure(int logSec, const Request& r, std::string_view level, std::string_view message,
                       std::string_view action);
    void formatLine(TextBuffer& out, int logSec, const Request& r) const;
    double averageLineBytes();
    void switchDay(int day);

    const BundlePlan& plan_;
    NginxErrorLog& errors_;
    PhpLogs& php_;
    AccessFormat format_;
    Random random_;
    AccessStats stats_;
    std::string dir_;
    std::unique_ptr<LogFile> file_;
    int fileDay_ = -1;
    TextBuffer line_;
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
    std::uint64_t pendingOrder_ = 0;
    std::uint64_t connection_ = 5000000;
    std::vector<Visitor> visitors_;
};

} // namespace gd::bench
