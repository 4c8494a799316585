#pragma once

#include "benchrandom.h"
#include "textbuffer.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gd::bench {

constexpr int kDays = 7;
constexpr int kDaySeconds = 86400;
constexpr int kWeekSeconds = kDays * kDaySeconds;
constexpr int kInstances = 3; ///< Octopus instances o1..o3, one PHP 8.3 pool each

/// Share of the decompressed bytes per log family; the FPM master log takes what its events need.
struct ByteBudget {
    std::uint64_t access = 0;
    std::uint64_t nginxError = 0;
    std::uint64_t slowlog = 0;
    std::uint64_t syslog = 0;
};

struct Site {
    std::uint32_t index = 0; ///< position in BundlePlan::sites(), seeds the site's page catalogue
    std::string host;        ///< main server_name
    std::string alias;       ///< the other Host header seen (www. or apex); empty when none
    int instance = 0;        ///< o1..o3
    bool drupal7 = false;    ///< D7 (/index.php?q=...) or D10 (query string only)
    std::string root;        ///< platform docroot, for SCRIPT_FILENAME and slowlog frames
};

enum class IncidentKind : std::uint8_t {
    PoolRestart,   ///< pool socket gone for seconds: 502 + crit connect() (2)
    Saturation,    ///< max_children reached: 504 after 180 s, 499, slow records, SIGTERM kills
    SegfaultStorm, ///< children crash: 502 + prematurely closed + kernel segfault + FPM SIGSEGV
    OomKill,       ///< kernel OOM killer takes a child
};

struct Incident {
    IncidentKind kind = IncidentKind::PoolRestart;
    int startSec = 0; ///< seconds since the start of the week
    int endSec = 0;
    int instance = 0;
    std::vector<int> crashSecs; ///< SegfaultStorm / OomKill: when children die
};

/// Everything the generators share: the week, the sites, the clients and the incident schedule.
/// Built from the seed alone, so every generator sees the same world.
class BundlePlan {
public:
    BundlePlan(std::uint64_t seed, std::uint64_t totalBytes);

    const ByteBudget& budget() const { return budget_; }
    const std::vector<Site>& sites() const { return sites_; }
    const std::vector<std::string>& clientIps() const { return clientIps_; }
    const std::vector<std::string>& proxyIps() const { return proxyIps_; }
    const std::vector<Incident>& incidents() const { return incidents_; }
    std::uint64_t seed() const { return seed_; }

    /// The incident of `instance` running at `weekSec`, if any.
    const Incident* incidentAt(int weekSec, int instance) const;
    /// Relative traffic at that second (weekday, hour of day), mean 1 over the week.
    double trafficFactor(int weekSec) const;

    static std::string poolName(int instance);
    static std::string socketPath(int instance, bool nginxSide);

    // Timestamps as each log writes them (server local time, Europe/Berlin, +0100 in November).
    static void addAccessTime(TextBuffer& out, int weekSec);     ///< 20/Nov/2026:13:05:09 +0100
    static void addNginxErrorTime(TextBuffer& out, int weekSec); ///< 2026/11/20 13:05:09
    static void addFpmTime(TextBuffer& out, int weekSec);        ///< [20-Nov-2026 13:05:09]
    static void addSyslogTime(TextBuffer& out, int weekSec);     ///< Nov 20 13:05:09
    /// Seconds since the epoch (UTC) of the end of the day, for file mtimes.
    static std::int64_t dayEndEpoch(int day);

private:
    void makeSites(Random& random);
    void makeClients(Random& random);
    void makeIncidents(Random& random);

    std::uint64_t seed_;
    ByteBudget budget_;
    std::vector<Site> sites_;
    std::vector<std::string> clientIps_;
    std::vector<std::string> proxyIps_;
    std::vector<Incident> incidents_;
    /// Per instance and second of the week: index into incidents_ + 1, or 0.
    std::array<std::vector<std::uint16_t>, kInstances> active_;
};

} // namespace gd::bench
