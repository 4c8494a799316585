// Throughput of the nginx access-log parser on generated, realistic lines, one run per built-in format.
// Usage: bench_access_parser [lines-per-format] [passes]
// Prints MB/s and lines/s of the best pass, by CPU time (per core) and wall time; build in Release (-O2).

#include "parse/logparser.h"
#include "parse/parsers.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>

using namespace gd;

namespace {

/// Small deterministic generator so every run parses the same bytes.
class Random {
public:
    std::uint32_t next()
    {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state_ >> 33);
    }
    std::uint32_t below(std::uint32_t n) { return next() % n; }

private:
    std::uint64_t state_ = 0x9E3779B97F4A7C15ULL;
};

constexpr const char* kHosts[] = {"www.example.com", "example.com", "o1.srv.example.net", "shop.example.org",
                                  "news.example.co.uk"};
constexpr const char* kPaths[] = {"/node/12",
                                  "/admin/reports/updates",
                                  "/hosting/tasks/123/list",
                                  "/user/login?destination=node/5",
                                  "/cart/checkout",
                                  "/sites/default/files/styles/large/public/photo.jpg?itok=AbC1xYz2",
                                  "/products?page=12&sort=price",
                                  "/cron.php?cron_key=Zx81kQ",
                                  "/",
                                  "/sites/www.example.com/files/css/css_a1B2c3D4e5F6.css"};
constexpr const char* kMethods[] = {"GET", "GET", "GET", "GET", "POST", "HEAD"};
constexpr const char* kAgents[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.2 Mobile/15E148 Safari/604.1",
    "curl/8.5.0"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

template <std::size_t N> const char* pick(Random& random, const char* const (&items)[N])
{
    return items[random.below(N)];
}

enum class Shape { BoaMain, Combined, CombinedTimings, VhostCombined, Common };

struct Fields {
    char client[48];
    char time[32];
    const char* host;
    const char* method;
    const char* path;
    const char* agent;
    int status;
    unsigned bytes;
    unsigned requestMs;
};

Fields randomFields(Random& random, std::size_t index)
{
    Fields f{};
    if (random.below(8) == 0) {
        std::snprintf(f.client, sizeof f.client, "192.0.2.%u, 172.70.%u.%u", random.below(256),
                      random.below(256), random.below(256));
    } else {
        std::snprintf(f.client, sizeof f.client, "%u.%u.%u.%u", 1 + random.below(223), random.below(256),
                      random.below(256), random.below(256));
    }
    const std::size_t second = index / 4; // about four requests a second
    std::snprintf(f.time, sizeof f.time, "%02u/%s/2026:%02zu:%02zu:%02zu +0100", 1 + random.below(28),
                  kMonths[random.below(12)], second / 3600 % 24, second / 60 % 60, second % 60);
    f.host = pick(random, kHosts);
    f.method = pick(random, kMethods);
    f.path = pick(random, kPaths);
    f.agent = pick(random, kAgents);
    const std::uint32_t roll = random.below(100);
    f.status = roll < 80 ? 200 : roll < 88 ? 304 : roll < 92 ? 301 : roll < 95 ? 502 : roll < 97 ? 504 : 499;
    f.bytes = f.status == 502 ? 150 : f.status == 504 ? 160 : random.below(60000);
    f.requestMs = f.status == 504 ? 180004 : random.below(2500);
    return f;
}

std::string generate(Shape shape, std::size_t lines)
{
    Random random;
    std::string text;
    text.reserve(lines * 260);
    char line[1024];
    for (std::size_t i = 0; i < lines; ++i) {
        Fields f = randomFields(random, i);
        if (char* comma = std::strchr(f.client, ','); comma != nullptr && shape != Shape::BoaMain)
            *comma = '\0'; // only BOA logs the X-Forwarded-For list
        int n = 0;
        switch (shape) {
        case Shape::BoaMain:
            n = std::snprintf(
                line, sizeof line,
                "\"%s\" %s [%s] \"%s %s HTTP/1.1\" %d %u %u %u \"https://%s/\" \"%s\" %u.%03u \"-\"\n",
                f.client, f.host, f.time, f.method, f.path, f.status, f.bytes, 300 + random.below(900),
                f.bytes + 250, f.host, f.agent, f.requestMs / 1000, f.requestMs % 1000);
            break;
        case Shape::Combined:
            n = std::snprintf(line, sizeof line,
                              "%s - - [%s] \"%s %s HTTP/1.1\" %d %u \"https://%s/\" \"%s\"\n", f.client,
                              f.time, f.method, f.path, f.status, f.bytes, f.host, f.agent);
            break;
        case Shape::CombinedTimings:
            n = std::snprintf(line, sizeof line,
                              "%s - - [%s] \"%s %s HTTP/1.1\" %d %u \"https://%s/\" \"%s\" %u.%03u %u.%03u\n",
                              f.client, f.time, f.method, f.path, f.status, f.bytes, f.host, f.agent,
                              f.requestMs / 1000, f.requestMs % 1000, f.requestMs / 1000, f.requestMs % 1000);
            break;
        case Shape::VhostCombined:
            n = std::snprintf(line, sizeof line, "%s:443 %s - - [%s] \"%s %s HTTP/1.1\" %d %u \"-\" \"%s\"\n",
                              f.host, f.client, f.time, f.method, f.path, f.status, f.bytes, f.agent);
            break;
        case Shape::Common:
            n = std::snprintf(line, sizeof line, "%s - - [%s] \"%s %s HTTP/1.1\" %d %u\n", f.client, f.time,
                              f.method, f.path, f.status, f.bytes);
            break;
        }
        text.append(line, static_cast<std::size_t>(n));
    }
    return text;
}

struct PassResult {
    double seconds = 0;    ///< wall clock
    double cpuSeconds = 0; ///< this process's CPU time: the per-core figure on a busy machine
    std::size_t events = 0;
    std::size_t rejected = 0;
    std::uint64_t checksum = 0;
};

PassResult parseAll(std::string_view text, const ParserOptions& options)
{
    auto parser = makeAccessLogParser(options);
    PassResult result;
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    std::size_t pos = 0;
    while (pos < text.size()) {
        const void* newline = std::memchr(text.data() + pos, '\n', text.size() - pos);
        const std::size_t end =
            newline == nullptr ? text.size()
                               : static_cast<std::size_t>(static_cast<const char*>(newline) - text.data());
        ParsedEvent event;
        const LineResult line = parser->parseLine(text.substr(pos, end - pos), event);
        if (line.status == LineStatus::Event) {
            ++result.events;
            result.checksum +=
                static_cast<std::uint64_t>(event.time) + event.value + event.durationMs + event.target.size();
        } else {
            ++result.rejected;
        }
        pos = end + 1;
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    return result;
}

void run(const char* name, Shape shape, std::size_t lines, int passes, std::string_view userFormat = {})
{
    const std::string text = generate(shape, lines);
    ParserOptions options;
    options.accessLogFormat = userFormat;
    PassResult best;
    for (int pass = 0; pass < passes; ++pass) {
        const PassResult result = parseAll(text, options);
        if (pass == 0 || result.cpuSeconds < best.cpuSeconds)
            best = result;
    }
    const double megabytes = static_cast<double>(text.size()) / 1e6;
    std::printf(
        "%-28s %7.1f MB/s cpu %7.1f MB/s wall %6.2f Mlines/s cpu  %3zu B/line  events %zu rejected %zu"
        " (checksum %llu)\n",
        name, megabytes / best.cpuSeconds, megabytes / best.seconds,
        static_cast<double>(lines) / best.cpuSeconds / 1e6, text.size() / lines, best.events, best.rejected,
        static_cast<unsigned long long>(best.checksum));
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t lines = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 300000;
    const int passes = argc > 2 ? std::atoi(argv[2]) : 5;
    if (lines == 0 || passes <= 0) {
        std::fprintf(stderr, "usage: %s [lines-per-format] [passes]\n", argv[0]);
        return 2;
    }
    run("boa-main (auto)", Shape::BoaMain, lines, passes);
    run("combined (auto)", Shape::Combined, lines, passes);
    run("combined+timings (auto)", Shape::CombinedTimings, lines, passes);
    run("vhost-combined (auto)", Shape::VhostCombined, lines, passes);
    run("common (auto)", Shape::Common, lines, passes);
    run("boa-main (log_format given)", Shape::BoaMain, lines, passes,
        R"("$proxy_add_x_forwarded_for" $host [$time_local] "$request" $status $body_bytes_sent $request_length )"
        R"($bytes_sent "$http_referer" "$http_user_agent" $request_time "$gzip_ratio")");
    return 0;
}
