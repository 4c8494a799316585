#include "phplogs.h"

#include "requestmix.h"

#include <array>

namespace gd::bench {

namespace {

struct Frame {
    std::string_view function;
    std::string_view file; ///< relative to the docroot (or its parent for vendor/)
    std::uint32_t line;
};

// Innermost first, as FPM dumps them. Remote calls dominate real slowlogs on BOA (§4.3).
constexpr std::array kD7UpdateFetch = {
    Frame{"stream_socket_client", "includes/common.inc", 880},
    Frame{"drupal_http_request", "modules/update/update.fetch.inc", 175},
    Frame{"_update_process_fetch_task", "modules/update/update.fetch.inc", 96},
    Frame{"update_fetch_data", "modules/update/update.fetch.inc", 64}};
constexpr std::array kD7Query = {
    Frame{"execute", "includes/database/database.inc", 2171},
    Frame{"query", "includes/database/database.inc", 737},
    Frame{"db_query", "includes/database/database.inc", 2458},
    Frame{"views_get_view_result", "sites/all/modules/views/views.module", 1312}};
constexpr std::array kD7Common = {Frame{"call_user_func_array", "includes/menu.inc", 527},
                                  Frame{"menu_execute_active_handler", "index.php", 21}};
constexpr std::array kD10Guzzle = {
    Frame{"curl_exec", "../vendor/guzzlehttp/guzzle/src/Handler/CurlHandler.php", 44},
    Frame{"__invoke", "../vendor/guzzlehttp/guzzle/src/Handler/Proxy.php", 28},
    Frame{"__invoke", "../vendor/guzzlehttp/guzzle/src/Handler/Proxy.php", 51},
    Frame{"__invoke", "../vendor/guzzlehttp/guzzle/src/PrepareBodyMiddleware.php", 64},
    Frame{"transfer", "../vendor/guzzlehttp/guzzle/src/Client.php", 333},
    Frame{"request", "../vendor/guzzlehttp/guzzle/src/Client.php", 189},
    Frame{"fetchProjectData", "core/modules/update/src/UpdateFetcher.php", 138}};
constexpr std::array kD10Redis = {Frame{"get", "modules/contrib/redis/src/Client/PhpRedis.php", 61},
                                  Frame{"getMultiple", "modules/contrib/redis/src/Cache/PhpRedis.php", 48},
                                  Frame{"getMultiple", "core/lib/Drupal/Core/Cache/BackendChain.php", 80}};
constexpr std::array kD10Common = {
    Frame{"handle", "core/lib/Drupal/Core/StackMiddleware/KernelPreHandle.php", 53},
    Frame{"handle", "core/lib/Drupal/Core/StackMiddleware/Session.php", 58},
    Frame{"handle", "core/modules/page_cache/src/StackMiddleware/PageCache.php", 121},
    Frame{"handle", "core/lib/Drupal/Core/DrupalKernel.php", 741},
    Frame{"[INCLUDE_OR_EVAL]", "index.php", 19}};

template <std::size_t N>
void addFrames(TextBuffer& out, std::string_view root, const std::array<Frame, N>& frames,
               std::uint64_t& address, Random& random)
{
    for (const Frame& frame : frames) {
        out.add("\n[0x");
        out.addHex(address, 16);
        out.add("] ");
        out.add(frame.function);
        out.add("() ");
        if (frame.file.starts_with("../")) {
            out.add(root.substr(0, root.rfind('/')));
            out.add(frame.file.substr(2));
        } else {
            out.add(root);
            out.add('/');
            out.add(frame.file);
        }
        out.add(':');
        out.addUint(frame.line + random.below(3));
        address -= 0x100 + 0x10 * random.below(32);
    }
}

} // namespace

std::uint32_t PhpLogs::crashPid(std::size_t incident, std::size_t crash)
{
    std::uint64_t h = (incident + 1) * 0x9E3779B97F4A7C15ULL ^ (crash + 7) * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 29;
    return 3000 + static_cast<std::uint32_t>(h % 60000);
}

void PhpLogs::master(int weekSec, std::string_view pool, std::string_view text)
{
    TextBuffer line;
    BundlePlan::addFpmTime(line, weekSec);
    line.add(" WARNING: ");
    if (!pool.empty()) {
        line.add("[pool ");
        line.add(pool);
        line.add("] ");
    }
    line.add(text);
    master_.add(weekSec, line.view());
}

void PhpLogs::childExit(int weekSec, int instance, std::uint32_t pid, std::string_view how)
{
    TextBuffer text;
    text.add("child ");
    text.addUint(pid);
    text.add(" exited ");
    text.add(how);
    text.add(" after ");
    text.addUint(random_.between(1, 900));
    text.add('.');
    text.addPadded(random_.below(1000000), 6);
    text.add(" seconds from start");
    master(weekSec, BundlePlan::poolName(instance), text.view());
}

void PhpLogs::slowRecord(int weekSec, const Site& site, std::uint32_t pid)
{
    TextBuffer record;
    record.add('\n'); // FPM starts every record with a blank line
    BundlePlan::addFpmTime(record, weekSec);
    record.add("  [pool ");
    record.add(BundlePlan::poolName(site.instance));
    record.add("] pid ");
    record.addUint(pid);
    record.add("\nscript_filename = ");
    record.add(site.root);
    record.add("/index.php");
    std::uint64_t address =
        0x00007f0000000000ULL + (static_cast<std::uint64_t>(random_.next() & 0xFFFFFFF) << 8);
    const bool remote = random_.chance(0.7);
    if (site.drupal7) {
        if (remote)
            addFrames(record, site.root, kD7UpdateFetch, address, random_);
        else
            addFrames(record, site.root, kD7Query, address, random_);
        addFrames(record, site.root, kD7Common, address, random_);
    } else {
        if (remote)
            addFrames(record, site.root, kD10Guzzle, address, random_);
        else
            addFrames(record, site.root, kD10Redis, address, random_);
        addFrames(record, site.root, kD10Common, address, random_);
    }
    slowBytes_ += record.size() + 1;
    slow_.add(weekSec, record.view());
}

void PhpLogs::slowRequest(int startSec, const Site& site, std::string_view method, std::string_view fpmUri,
                          bool terminated)
{
    const std::uint32_t pid = childPid();
    const std::string pool = BundlePlan::poolName(site.instance);
    auto requestText = [&](bool timedOut, int seconds) {
        TextBuffer text;
        text.add("child ");
        text.addUint(pid);
        text.add(", script '");
        text.add(site.root);
        text.add("/index.php' (request: \"");
        text.add(method);
        text.add(' ');
        text.add(fpmUri);
        text.add("\") ");
        text.add(timedOut ? "execution timed out (" : "executing too slow (");
        text.addUint(static_cast<std::uint64_t>(seconds));
        text.add('.');
        text.addPadded(random_.below(1000000), 6);
        text.add(timedOut ? " sec), terminating" : " sec), logging");
        return text.take();
    };
    const int slowAt = startSec + static_cast<int>(random_.between(60, 79));
    master(slowAt, pool, requestText(false, slowAt - startSec));
    if (site.instance == 0)
        slowRecord(slowAt, site, pid);
    if (terminated) {
        const int killAt = startSec + static_cast<int>(random_.between(180, 199));
        master(killAt, pool, requestText(true, killAt - startSec));
        childExit(killAt, site.instance, pid, "on signal 15 (SIGTERM)");
    }
}

void PhpLogs::addIncidentLines()
{
    const auto& incidents = plan_.incidents();
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const Incident& incident = incidents[i];
        const std::string pool = BundlePlan::poolName(incident.instance);
        switch (incident.kind) {
        case IncidentKind::PoolRestart:
            if (incident.endSec - incident.startSec > 60) {
                // A restart that collided with the old master: the pool stays down until the next attempt.
                TextBuffer text;
                BundlePlan::addFpmTime(text, incident.startSec + 1);
                text.add(" ERROR: unable to bind listening socket for address '");
                text.add(BundlePlan::socketPath(incident.instance, false));
                text.add("': Address already in use (98)");
                master_.add(incident.startSec + 1, text.view());
                text.clear();
                BundlePlan::addFpmTime(text, incident.startSec + 1);
                text.add(" ERROR: FPM initialization failed");
                master_.add(incident.startSec + 1, text.view());
            }
            break;
        case IncidentKind::Saturation:
            // ondemand logs it once per episode, re-armed when a child is forked again.
            for (int sec = incident.startSec; sec < incident.endSec;
                 sec += static_cast<int>(random_.between(90, 400)))
                master(sec, pool, "server reached max_children setting (16), consider raising it");
            break;
        case IncidentKind::SegfaultStorm: {
            int recent = 0;
            for (std::size_t c = 0; c < incident.crashSecs.size(); ++c) {
                childExit(incident.crashSecs[c], incident.instance, crashPid(i, c), "on signal 11 (SIGSEGV)");
                if (++recent == 5) {
                    master(incident.crashSecs[c] + 1, {},
                           "failed processes threshold (5 in 60 sec) is reached, initiating reload");
                    recent = 0;
                }
            }
            break;
        }
        case IncidentKind::OomKill:
            childExit(incident.crashSecs.front() + 1, incident.instance, crashPid(i, 0),
                      "on signal 9 (SIGKILL)");
            break;
        }
    }
}

void PhpLogs::addNoise()
{
    const auto& sites = plan_.sites();
    TextBuffer uri;
    while (slowBytes_ < plan_.budget().slowlog) {
        const int sec = static_cast<int>(random_.below(kWeekSeconds - 400));
        if (random_.unit() * 2.6 > plan_.trafficFactor(sec))
            continue;
        const Site& site = sites[random_.skewed(static_cast<std::uint32_t>(sites.size()), 2)];
        uri.clear();
        RequestShape shape = pickRequestShape(random_, site);
        if (!shape.php)
            continue;
        TextBuffer original;
        addRequestUri(original, random_, site, shape);
        addFpmRequestUri(uri, site, original.view());
        slowRequest(sec, site, shape.method, uri.view(), random_.chance(0.05));
        if (random_.chance(0.002)) {
            TextBuffer text;
            BundlePlan::addFpmTime(text, sec);
            text.add(" ERROR: failed to ptrace(PEEKDATA) pid ");
            text.addUint(childPid());
            text.add(": Input/output error (5)");
            master_.add(sec, text.view());
        }
        if (random_.chance(0.01))
            childExit(sec, site.instance, childPid(), "with code 255");
    }
}

} // namespace gd::bench
