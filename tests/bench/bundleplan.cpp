#include "bundleplan.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace gd::bench {

namespace {

// The week: Friday 20 Nov 2026 .. Thursday 26 Nov 2026, Europe/Berlin (+0100, no DST change).
constexpr int kYear = 2026;
constexpr int kMonth = 11;
constexpr int kFirstDay = 20;
constexpr int kUtcOffsetSec = 3600;
constexpr std::array<double, kDays> kWeekdayLoad = {1.0, 0.75, 0.7, 1.15, 1.1, 1.1, 1.05}; // Fri..Thu
constexpr std::array<double, 24> kHourLoad = {0.45, 0.35, 0.3, 0.28, 0.3, 0.4,  0.6, 0.9,
                                              1.2,  1.45, 1.6, 1.6,  1.5, 1.55, 1.6, 1.55,
                                              1.45, 1.3,  1.2, 1.25, 1.3, 1.15, 0.9, 0.65};

std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

struct Clock {
    int day, hour, minute, second;
};
Clock clockOf(int weekSec)
{
    const int day = weekSec / kDaySeconds;
    const int s = weekSec % kDaySeconds;
    return {kFirstDay + day, s / 3600, s / 60 % 60, s % 60};
}
void addHms(TextBuffer& out, const Clock& c)
{
    out.addPadded(static_cast<std::uint64_t>(c.hour), 2);
    out.add(':');
    out.addPadded(static_cast<std::uint64_t>(c.minute), 2);
    out.add(':');
    out.addPadded(static_cast<std::uint64_t>(c.second), 2);
}

constexpr std::array kNameHeads = {
    "green",  "blue",   "north", "alpine", "city",   "river", "sun",   "oak",  "stone",  "silver",
    "urban",  "nordic", "atlas", "coast",  "harbor", "maple", "cedar", "lake", "summit", "pixel",
    "bright", "open",   "true",  "swift",  "golden", "wild",  "clear", "red",  "iron",   "fair"};
constexpr std::array kNameTails = {"valley", "works",   "media",  "garden", "health", "travel", "labs",
                                   "studio", "academy", "market", "fund",   "press",  "clinic", "shop",
                                   "energy", "design",  "union",  "club",   "hotel",  "law",    "bakery",
                                   "school", "records", "events", "farm",   "books"};
constexpr std::array kTlds = {".com", ".nl", ".de", ".org", ".eu", ".co.uk", ".ch", ".at", ".net", ".fr"};

/// The Octopus user of an instance: "o1", "o2", ... (built with += to dodge a GCC 12 -Wrestrict false alarm).
std::string instanceUser(int instance)
{
    std::string user(1, 'o');
    user += std::to_string(instance + 1);
    return user;
}

} // namespace

BundlePlan::BundlePlan(std::uint64_t seed, std::uint64_t totalBytes)
    : seed_(seed)
{
    budget_.access = totalBytes * 85 / 100;
    budget_.syslog = totalBytes * 65 / 1000;
    budget_.slowlog = totalBytes * 35 / 1000;
    budget_.nginxError = totalBytes * 30 / 1000;
    Random random(seed ^ 0x5157E5ULL);
    makeSites(random);
    makeClients(random);
    makeIncidents(random);
}

void BundlePlan::makeSites(Random& random)
{
    std::set<std::string> taken;
    const int siteCount = 340;
    for (int i = 0; i < siteCount; ++i) {
        std::string name;
        do {
            name = std::string(kNameHeads[random.below(kNameHeads.size())]) +
                   kNameTails[random.below(kNameTails.size())];
            if (random.chance(0.3))
                name = std::string(kNameHeads[random.below(kNameHeads.size())]) + '-' + name;
            name += kTlds[random.skewed(kTlds.size(), 2)];
        } while (!taken.insert(name).second);
        Site site;
        site.index = static_cast<std::uint32_t>(sites_.size());
        if (random.chance(0.6)) {
            site.host = "www." + name;
            site.alias = name;
        } else {
            site.host = name;
            if (random.chance(0.3))
                site.alias = "www." + name;
        }
        site.instance = static_cast<int>(random.weighted(std::array<std::uint32_t, 3>{55, 30, 15}));
        site.drupal7 = random.chance(0.4);
        const std::string user = instanceUser(site.instance);
        if (site.drupal7)
            site.root = "/data/disk/" + user + "/distro/00" + std::to_string(1 + random.below(3)) +
                        "/drupal-7.10" + std::to_string(1 + random.below(3));
        else
            site.root = "/data/disk/" + user + "/static/" +
                        std::array{"d10", "commerce-10.3", "opigno-10", "d11"}[random.below(4)] + "/web";
        sites_.push_back(std::move(site));
    }
    // Each instance's Aegir control panel.
    for (int instance = 0; instance < kInstances; ++instance) {
        Site site;
        site.index = static_cast<std::uint32_t>(sites_.size());
        site.host = instanceUser(instance) + ".srv1.example.net";
        site.instance = instance;
        site.drupal7 = true;
        site.root = "/data/disk/" + instanceUser(instance) + "/aegir/distro/003";
        sites_.push_back(std::move(site));
    }
}

void BundlePlan::makeClients(Random& random)
{
    const int clientCount = 90000;
    clientIps_.reserve(clientCount);
    while (static_cast<int>(clientIps_.size()) < clientCount) {
        const std::uint32_t a = random.between(2, 223);
        const std::uint32_t b = random.below(256);
        if (a == 10 || a == 127 || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168) ||
            (a == 100 && b >= 64))
            continue;
        if (random.chance(0.04)) { // a few IPv6 clients
            TextBuffer ip;
            ip.add("2a02:");
            ip.addHexCompact(random.below(0x10000));
            ip.add(':');
            ip.addHexCompact(random.below(0x10000));
            ip.add("::");
            ip.addHexCompact(random.below(0x10000));
            clientIps_.emplace_back(ip.view());
            continue;
        }
        clientIps_.push_back(std::to_string(a) + '.' + std::to_string(b) + '.' +
                             std::to_string(random.below(256)) + '.' +
                             std::to_string(random.between(1, 254)));
    }
    for (int i = 0; i < 120; ++i) {
        const char* net =
            std::array{"172.70.", "172.71.", "162.158.", "141.101.", "108.162."}[random.below(5)];
        proxyIps_.push_back(net + std::to_string(random.below(256)) + '.' +
                            std::to_string(random.between(1, 254)));
    }
}

void BundlePlan::makeIncidents(Random& random)
{
    for (auto& seconds : active_)
        seconds.assign(kWeekSeconds, 0);
    auto place = [this](Incident incident) {
        auto& seconds = active_[static_cast<std::size_t>(incident.instance)];
        for (int s = incident.startSec; s < incident.endSec; ++s) {
            if (seconds[static_cast<std::size_t>(s)] != 0)
                return; // one incident per pool at a time keeps the evidence readable
        }
        incidents_.push_back(std::move(incident));
        for (int s = incidents_.back().startSec; s < incidents_.back().endSec; ++s)
            seconds[static_cast<std::size_t>(s)] = static_cast<std::uint16_t>(incidents_.size());
    };
    for (int day = 0; day < kDays; ++day) {
        const int base = day * kDaySeconds;
        // Nightly maintenance restarts one pool: its socket is gone for a few seconds (one night: minutes).
        {
            Incident restart;
            restart.kind = IncidentKind::PoolRestart;
            restart.startSec = base + 3 * 3600 + static_cast<int>(random.below(900));
            restart.endSec = restart.startSec + (day == 4 ? 150 : static_cast<int>(random.between(5, 40)));
            restart.instance = static_cast<int>(random.below(kInstances));
            place(restart);
        }
        // Busy hours: a pool saturates behind slow remote calls.
        const int saturations = 1 + static_cast<int>(random.below(2));
        for (int i = 0; i < saturations; ++i) {
            Incident saturation;
            saturation.kind = IncidentKind::Saturation;
            saturation.startSec = base + 9 * 3600 + static_cast<int>(random.below(8 * 3600));
            saturation.endSec = saturation.startSec + static_cast<int>(random.between(300, 1200));
            saturation.instance = static_cast<int>(random.weighted(std::array<std::uint32_t, 3>{60, 30, 10}));
            place(saturation);
        }
        // Children crash in a burst (a bad extension or runaway recursion).
        const int storms = static_cast<int>(random.below(3));
        for (int i = 0; i < storms; ++i) {
            Incident storm;
            storm.kind = IncidentKind::SegfaultStorm;
            storm.startSec = base + static_cast<int>(random.below(kDaySeconds - 120));
            storm.endSec = storm.startSec + 60;
            storm.instance = static_cast<int>(random.below(kInstances));
            const int crashes = static_cast<int>(random.between(2, 8));
            for (int c = 0; c < crashes; ++c)
                storm.crashSecs.push_back(storm.startSec + static_cast<int>(random.below(55)));
            std::sort(storm.crashSecs.begin(), storm.crashSecs.end());
            place(storm);
        }
    }
    Incident oom;
    oom.kind = IncidentKind::OomKill;
    oom.startSec = 3 * kDaySeconds + 14 * 3600 + 1234;
    oom.endSec = oom.startSec + 2;
    oom.instance = 1;
    oom.crashSecs.push_back(oom.startSec);
    place(oom);
    std::sort(incidents_.begin(), incidents_.end(),
              [](const Incident& a, const Incident& b) { return a.startSec < b.startSec; });
    for (auto& seconds : active_)
        std::fill(seconds.begin(), seconds.end(), 0);
    for (std::size_t i = 0; i < incidents_.size(); ++i) {
        auto& seconds = active_[static_cast<std::size_t>(incidents_[i].instance)];
        for (int s = incidents_[i].startSec; s < incidents_[i].endSec; ++s)
            seconds[static_cast<std::size_t>(s)] = static_cast<std::uint16_t>(i + 1);
    }
}

const Incident* BundlePlan::incidentAt(int weekSec, int instance) const
{
    if (weekSec < 0 || weekSec >= kWeekSeconds)
        return nullptr;
    const std::uint16_t index =
        active_[static_cast<std::size_t>(instance)][static_cast<std::size_t>(weekSec)];
    return index == 0 ? nullptr : &incidents_[index - 1U];
}

double BundlePlan::trafficFactor(int weekSec) const
{
    static const double norm = [] {
        double weekdays = 0;
        for (double w : kWeekdayLoad)
            weekdays += w;
        double hours = 0;
        for (double h : kHourLoad)
            hours += h;
        return (weekdays / kDays) * (hours / 24);
    }();
    const int day = weekSec / kDaySeconds;
    const int hour = weekSec % kDaySeconds / 3600;
    return kWeekdayLoad[static_cast<std::size_t>(day)] * kHourLoad[static_cast<std::size_t>(hour)] / norm;
}

std::string BundlePlan::poolName(int instance)
{
    std::string name = instanceUser(instance);
    name += ".83";
    return name;
}

std::string BundlePlan::socketPath(int instance, bool nginxSide)
{
    return (nginxSide ? "/var/run/" : "/run/") + poolName(instance) + ".fpm.socket";
}

void BundlePlan::addAccessTime(TextBuffer& out, int weekSec)
{
    const Clock c = clockOf(weekSec);
    out.addPadded(static_cast<std::uint64_t>(c.day), 2);
    out.add("/Nov/2026:");
    addHms(out, c);
    out.add(" +0100");
}

void BundlePlan::addNginxErrorTime(TextBuffer& out, int weekSec)
{
    const Clock c = clockOf(weekSec);
    out.add("2026/11/");
    out.addPadded(static_cast<std::uint64_t>(c.day), 2);
    out.add(' ');
    addHms(out, c);
}

void BundlePlan::addFpmTime(TextBuffer& out, int weekSec)
{
    const Clock c = clockOf(weekSec);
    out.add('[');
    out.addPadded(static_cast<std::uint64_t>(c.day), 2);
    out.add("-Nov-2026 ");
    addHms(out, c);
    out.add(']');
}

void BundlePlan::addSyslogTime(TextBuffer& out, int weekSec)
{
    const Clock c = clockOf(weekSec);
    out.add("Nov ");
    if (c.day < 10)
        out.add(' ');
    out.addUint(static_cast<std::uint64_t>(c.day));
    out.add(' ');
    addHms(out, c);
}

std::int64_t BundlePlan::dayEndEpoch(int day)
{
    static_assert(kMonth == 11 && kYear == 2026);
    return (daysFromCivil(kYear, kMonth, kFirstDay + day) + 1) * 86400 - kUtcOffsetSec;
}

} // namespace gd::bench
