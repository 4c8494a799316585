#include "accesslog.h"

#include "nginxerrorlog.h"
#include "phplogs.h"

#include <algorithm>
#include <array>
#include <functional>

namespace gd::bench {

namespace {

constexpr std::array<std::string_view, 5> kOtherReferrers = {
    "https://www.google.com/", "https://www.google.nl/", "https://www.bing.com/", "https://duckduckgo.com/",
    "android-app://com.google.android.gm/"};

/// A response time in ms drawn from a rough log-uniform range: most requests are quick, a few slow.
std::uint32_t spread(Random& random, std::uint32_t lowMs, std::uint32_t highMs)
{
    const double u = random.unit();
    return lowMs + static_cast<std::uint32_t>(static_cast<double>(highMs - lowMs) * u * u * u);
}

} // namespace

AccessLog::AccessLog(const BundlePlan& plan, NginxErrorLog& errors, PhpLogs& php, AccessFormat format)
    : plan_(plan)
    , errors_(errors)
    , php_(php)
    , format_(format)
    , random_(plan.seed() ^ 0xACCE55ULL)
{
}

AccessLog::Visitor& AccessLog::pickVisitor()
{
    if (visitors_.empty())
        visitors_.resize(8);
    Visitor& visitor = visitors_[random_.below(static_cast<std::uint32_t>(visitors_.size()))];
    if (visitor.site == nullptr || random_.chance(0.2)) {
        const auto& sites = plan_.sites();
        visitor.site = &sites[random_.skewed(static_cast<std::uint32_t>(sites.size()), 2)];
        visitor.host =
            !visitor.site->alias.empty() && random_.chance(0.04) ? visitor.site->alias : visitor.site->host;
        visitor.client = random_.skewed(static_cast<std::uint32_t>(plan_.clientIps().size()), 3);
        visitor.lastPage.clear();
    }
    return visitor;
}

void AccessLog::makeRequest(int sec, Request& r)
{
    const auto& clients = plan_.clientIps();
    Visitor& visitor = pickVisitor();
    r.startSec = sec;
    r.connection = connection_ += random_.between(1, 2);
    r.site = visitor.site;
    r.host = visitor.host;
    r.client = visitor.client;
    r.forwardedFor.assign(clients[r.client]);
    r.peer = clients[r.client];
    const std::uint32_t mixed = r.client * 2654435761U;
    if ((mixed >> 9) % 4 == 0) { // behind a CDN: the TCP peer is the proxy
        const auto& proxies = plan_.proxyIps();
        if ((mixed >> 13) % 40 == 0) {
            r.forwardedFor.append(", 10.12.0.");
            r.forwardedFor.append(std::to_string(1 + (mixed >> 16) % 200));
        }
        const std::string& proxy =
            proxies[(r.client + static_cast<std::uint32_t>(sec / 600)) % proxies.size()];
        r.forwardedFor.append(", ");
        r.forwardedFor.append(proxy);
        r.peer = proxy;
    }
    r.userAgent = userAgentFor(r.client);
    const bool crawler = r.client % 13 == 0;
    r.shape = pickRequestShape(random_, *r.site);
    line_.clear();
    addRequestUri(line_, random_, *r.site, r.shape);
    r.uri.assign(line_.view());
    const double protocolRoll = random_.unit();
    r.protocol =
        crawler || protocolRoll < 0.43 ? "HTTP/1.1" : (protocolRoll < 0.98 ? "HTTP/2.0" : "HTTP/1.0");
    const double refRoll = random_.unit();
    // clear() + append(): assigning literals here trips a GCC 12 -Wrestrict false alarm at -O3.
    r.referrer.clear();
    if (crawler) {
        r.referrer.push_back('-');
    } else if (!visitor.lastPage.empty() && refRoll < 0.85) {
        r.referrer.append("https://");
        r.referrer.append(r.host);
        r.referrer.append(visitor.lastPage);
    } else if (refRoll < 0.9) {
        r.referrer.push_back('-');
    } else {
        r.referrer.append(kOtherReferrers[random_.below(kOtherReferrers.size())]);
    }
    if (r.shape.type == RequestClass::Page)
        visitor.lastPage = r.uri;
    setOutcome(r);
}

void AccessLog::setOutcome(Request& r)
{
    r.gzipPercent = 0;
    r.requestLength = 240 + (r.client * 2654435761U >> 20) % 500 + static_cast<std::uint32_t>(r.uri.size());
    if (r.shape.method == "POST")
        r.requestLength += random_.between(300, 6000);
    // The same page has the same size and gzip ratio every time; headers differ little per class.
    const std::uint64_t pageHash =
        std::hash<std::string_view>{}(std::string_view(r.uri).substr(0, r.uri.find('?')));
    Random stable(pageHash);
    std::uint32_t headers = 300 + stable.below(4) * 8;
    switch (r.shape.type) {
    case RequestClass::Page:
    case RequestClass::Feed:
    case RequestClass::Search:
    case RequestClass::Ajax:
    case RequestClass::Admin:
    case RequestClass::User:
    case RequestClass::Hostmaster: {
        static constexpr std::array<std::uint16_t, 9> kStatuses = {200, 404, 301, 302, 304,
                                                                   403, 500, 499, 503};
        static constexpr std::array<std::uint32_t, 9> kWeights = {8800, 400, 150, 120, 250, 50, 30, 30, 20};
        r.status = kStatuses[random_.weighted(kWeights)];
        if (r.shape.method == "POST" && r.shape.type == RequestClass::User)
            r.status = random_.chance(0.7) ? 302 : 200;
        const bool cached = r.shape.cacheable && r.status == 200 && random_.chance(0.55);
        if (cached)
            r.timeMs = random_.below(4);
        else if (r.shape.type == RequestClass::Admin || r.shape.type == RequestClass::Search)
            r.timeMs = spread(random_, 150, 6000);
        else
            r.timeMs = spread(random_, 40, 2500);
        if (!cached && random_.chance(0.004))
            r.timeMs = random_.between(5000, 59000); // the slow tail every site has
        if (r.status == 200) {
            const std::uint32_t raw = stable.between(9000, 140000);
            r.gzipPercent = static_cast<std::uint16_t>(stable.between(250, 720));
            headers += 210;
            r.body = raw * 100 / r.gzipPercent;
            if (r.shape.type == RequestClass::Ajax)
                r.body /= 4;
        } else if (r.status == 304 || r.status == 499) {
            r.body = 0;
            if (r.status == 499)
                r.timeMs = random_.between(500, 60000);
        } else if (r.status == 301 || r.status == 302) {
            r.body = random_.chance(0.5) ? 0 : 162;
        } else if (r.status == 503) {
            r.body = 197;
            r.timeMs = 0;
        } else {
            r.body = random_.between(3000, 9000);
        }
        break;
    }
    case RequestClass::File: {
        r.status = random_.chance(0.7) ? 200 : (random_.chance(0.93) ? 304 : 404);
        r.timeMs = r.shape.php ? spread(random_, 80, 1500) : random_.below(6);
        r.body = r.status == 200 ? stable.between(1200, 400000) : (r.status == 404 ? 2380 : 0);
        if (r.status == 200 && r.uri.find(".jpg") == std::string::npos)
            r.gzipPercent = static_cast<std::uint16_t>(stable.between(300, 800));
        break;
    }
    case RequestClass::Probe:
        r.status = random_.chance(0.85) ? 404 : 403;
        r.timeMs = random_.below(25);
        r.body = r.status == 404 ? random_.between(3000, 9000) : 146;
        break;
    }
    if (r.shape.method == "HEAD")
        r.body = 0;
    r.bytesSent = r.body + headers;
}

void AccessLog::reportFailure(int logSec, const Request& r, std::string_view level, std::string_view message,
                              std::string_view action)
{
    TextBuffer requestLine;
    requestLine.add(r.shape.method);
    requestLine.add(' ');
    requestLine.add(r.uri);
    requestLine.add(' ');
    requestLine.add(r.protocol);
    errors_.upstreamFailure({logSec, r.connection, r.peer, r.site, r.host, requestLine.view(), r.referrer},
                            level, message, action);
}

void AccessLog::applyIncident(int sec, Request& r, const Incident& incident)
{
    auto fail = [&r](std::uint16_t status, std::uint32_t timeMs) {
        r.status = status;
        r.timeMs = timeMs;
        r.body = status == 502 ? 150 : (status == 504 ? 160 : 0);
        r.bytesSent = r.status == 499 ? 0 : r.body + 163;
        r.gzipPercent = 0;
    };
    switch (incident.kind) {
    case IncidentKind::PoolRestart: {
        fail(502, random_.below(2));
        TextBuffer message;
        message.add("connect() to unix:");
        message.add(BundlePlan::socketPath(r.site->instance, true));
        message.add(" failed (2: No such file or directory)");
        reportFailure(sec, r, "crit", message.view(), "connecting to upstream");
        break;
    }
    case IncidentKind::Saturation: {
        const double roll = random_.unit();
        if (roll < 0.35) {
            fail(504, 180000 + random_.below(20));
            reportFailure(sec + 180, r, "error", "upstream timed out (110: Connection timed out)",
                          "reading response header from upstream");
            if (random_.chance(0.3)) {
                TextBuffer fpmUri;
                addFpmRequestUri(fpmUri, *r.site, r.uri);
                php_.slowRequest(sec, *r.site, r.shape.method, fpmUri.view(), true);
            }
        } else if (roll < 0.47) {
            fail(499, random_.between(8000, 170000));
        } else {
            r.timeMs += random_.between(2000, 40000);
        }
        break;
    }
    case IncidentKind::SegfaultStorm: {
        // After the fifth crash FPM reloads: for a few seconds nobody listens on the socket.
        if (incident.crashSecs.size() >= 5 && sec > incident.crashSecs[4] &&
            sec <= incident.crashSecs[4] + 3) {
            fail(502, 0);
            TextBuffer message;
            message.add("connect() to unix:");
            message.add(BundlePlan::socketPath(r.site->instance, true));
            message.add(" failed (111: Connection refused)");
            reportFailure(sec, r, "error", message.view(), "connecting to upstream");
        }
        break;
    }
    case IncidentKind::OomKill:
        break;
    }
}

void AccessLog::crashRequest(int sec, const Incident& incident, std::string_view message)
{
    // The request a crashing child was serving: nginx sees the connection close before any header.
    Request r;
    do {
        makeRequest(sec, r);
    } while (r.site->instance != incident.instance || !r.shape.php);
    r.status = 502;
    r.timeMs = spread(random_, 150, 25000);
    r.body = 150;
    r.bytesSent = 313;
    r.gzipPercent = 0;
    reportFailure(sec, r, "error", message, "reading response header from upstream");
    emit(sec, r);
}

void AccessLog::formatLine(TextBuffer& out, int logSec, const Request& r) const
{
    if (format_ == AccessFormat::BoaMain) {
        out.add('"');
        out.add(r.forwardedFor);
        out.add("\" ");
        out.add(r.host);
        out.add(" [");
    } else {
        out.add(r.peer);
        out.add(" - - [");
    }
    BundlePlan::addAccessTime(out, logSec);
    out.add("] \"");
    out.add(r.shape.method);
    out.add(' ');
    out.add(r.uri);
    out.add(' ');
    out.add(r.protocol);
    out.add("\" ");
    out.addUint(r.status);
    out.add(' ');
    out.addUint(r.body);
    if (format_ == AccessFormat::BoaMain) {
        out.add(' ');
        out.addUint(r.requestLength);
        out.add(' ');
        out.addUint(r.bytesSent);
    }
    out.add(" \"");
    out.add(r.referrer);
    out.add("\" \"");
    out.add(r.userAgent);
    out.add('"');
    if (format_ == AccessFormat::BoaMain) {
        out.add(' ');
        out.addMillis(r.timeMs);
        out.add(" \"");
        if (r.gzipPercent == 0) {
            out.add('-');
        } else {
            out.addUint(r.gzipPercent / 100U);
            out.add('.');
            out.addPadded(r.gzipPercent % 100U, 2);
        }
        out.add('"');
    }
    out.add('\n');
}

void AccessLog::switchDay(int day)
{
    if (file_) {
        file_->close();
        setFileTime(file_->path(), BundlePlan::dayEndEpoch(fileDay_));
    }
    fileDay_ = day;
    const int age = kDays - 1 - day;
    file_ = std::make_unique<LogFile>(dir_ + '/' + rotatedName("access.log", age), age >= 2);
}

void AccessLog::emit(int logSec, const Request& r)
{
    const int day = std::min(logSec / kDaySeconds, kDays - 1);
    if (day != fileDay_)
        switchDay(day);
    line_.clear();
    formatLine(line_, logSec, r);
    file_->write(line_.view());
    ++stats_.lines;
    stats_.bytes += line_.size();
    stats_.status502 += r.status == 502 ? 1 : 0;
    stats_.status504 += r.status == 504 ? 1 : 0;
    stats_.status499 += r.status == 499 ? 1 : 0;
}

void AccessLog::dispatch(int sec, Request& r)
{
    // nginx logs when the response ends, stamped with that time.
    if (r.timeMs < 1000) {
        emit(sec, r);
        return;
    }
    pending_.push({sec + static_cast<int>(r.timeMs / 1000), pendingOrder_++, std::make_shared<Request>(r)});
}

double AccessLog::averageLineBytes()
{
    const Random saved = random_;
    const std::uint64_t savedConnection = connection_;
    const std::vector<Visitor> savedVisitors = visitors_;
    Request r;
    std::uint64_t bytes = 0;
    const int samples = 40000;
    for (int i = 0; i < samples; ++i) {
        makeRequest(12 * 3600, r);
        line_.clear();
        formatLine(line_, 12 * 3600, r);
        bytes += line_.size();
    }
    random_ = saved;
    connection_ = savedConnection;
    visitors_ = savedVisitors;
    return static_cast<double>(bytes) / samples;
}

void AccessLog::write(const std::string& dir)
{
    dir_ = dir;
    // Size the traffic from the byte budget; the BOA format sizes both variants, so they hold the same
    // requests.
    const AccessFormat format = format_;
    format_ = AccessFormat::BoaMain;
    const double perSecond = static_cast<double>(plan_.budget().access) / averageLineBytes() / kWeekSeconds;
    format_ = format;
    // About as many people browse at once as arrive in 20 s.
    visitors_.assign(std::clamp<std::size_t>(static_cast<std::size_t>(perSecond * 20), 8, 20000), Visitor{});

    struct Crash {
        int sec;
        const Incident* incident;
    };
    std::vector<Crash> crashes;
    for (const Incident& incident : plan_.incidents()) {
        for (int sec : incident.crashSecs)
            crashes.push_back({sec, &incident});
    }
    std::sort(crashes.begin(), crashes.end(), [](const Crash& a, const Crash& b) { return a.sec < b.sec; });
    std::size_t nextCrash = 0;

    Request r;
    for (int sec = 0; sec < kWeekSeconds; ++sec) {
        while (!pending_.empty() && pending_.top().finishSec <= sec) {
            emit(pending_.top().finishSec, *pending_.top().request);
            pending_.pop();
        }
        for (; nextCrash < crashes.size() && crashes[nextCrash].sec == sec; ++nextCrash)
            crashRequest(sec, *crashes[nextCrash].incident, "upstream prematurely closed connection");
        const std::uint32_t count = random_.poisson(perSecond * plan_.trafficFactor(sec));
        for (std::uint32_t i = 0; i < count; ++i) {
            makeRequest(sec, r);
            if (r.shape.php) {
                if (const Incident* incident = plan_.incidentAt(sec, r.site->instance))
                    applyIncident(sec, r, *incident);
            }
            dispatch(sec, r);
        }
    }
    while (!pending_.empty()) {
        emit(pending_.top().finishSec, *pending_.top().request);
        pending_.pop();
    }
    if (file_) {
        file_->close();
        setFileTime(file_->path(), BundlePlan::dayEndEpoch(fileDay_));
    }
}

} // namespace gd::bench
