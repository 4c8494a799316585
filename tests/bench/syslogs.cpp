#include "syslogs.h"

#include "phplogs.h"

#include <array>

namespace gd::bench {

namespace {
constexpr std::string_view kHostname = "srv1";
constexpr std::int64_t kBootOffsetSec = 8100000; ///< uptime at the start of the week
} // namespace

void Syslogs::commit(int weekSec, TextBuffer& line)
{
    bytes_ += line.size() + 1;
    lines_.add(weekSec, line.view());
    line.clear();
}

void Syslogs::addHeader(TextBuffer& out, int weekSec, std::string_view program, std::uint32_t pid)
{
    BundlePlan::addSyslogTime(out, weekSec);
    out.add(' ');
    out.add(kHostname);
    out.add(' ');
    out.add(program);
    if (pid != 0) {
        out.add('[');
        out.addUint(pid);
        out.add(']');
    }
    out.add(": ");
}

void Syslogs::addKernelHeader(TextBuffer& out, int weekSec)
{
    addHeader(out, weekSec, "kernel", 0);
    out.add('[');
    out.addUint(static_cast<std::uint64_t>(kBootOffsetSec + weekSec));
    out.add('.');
    out.addPadded(random_.below(1000000), 6);
    out.add("] ");
}

void Syslogs::segfault(int weekSec, std::uint32_t pid)
{
    static constexpr std::array<std::string_view, 7> kModules = {
        "opcache.so", "opcache.so", "php-fpm", "redis.so", "libc.so.6", "imagick.so", ""};
    TextBuffer line;
    addKernelHeader(line, weekSec);
    const std::string_view module = kModules[random_.below(kModules.size())];
    if (random_.chance(0.1)) {
        line.add("traps: php-fpm[");
        line.addUint(pid);
        line.add("] general protection fault ip:7f");
        line.addHex(random_.next(), 10);
        line.add(" sp:7ffd");
        line.addHex(random_.next(), 8);
        line.add(" error:0 in libc.so.6[7f");
        line.addHex(random_.next() & 0xFFFFFF000ULL, 10);
        line.add("+195000]");
        commit(weekSec, line);
        return;
    }
    const bool stackOverflow = module == "php-fpm" && random_.chance(0.5);
    line.add("php-fpm[");
    line.addUint(pid);
    line.add("]: segfault at ");
    const std::uint64_t sp = 0x00007ffd00000000ULL | (random_.next() & 0xFFFFFFF0ULL);
    line.addHexCompact(stackOverflow ? sp - 8 : (random_.chance(0.6) ? 0 : random_.next() & 0xFFFFF8));
    line.add(" ip ");
    line.addHex(0x00007f0000000000ULL | (random_.next() & 0xFFFFFFFFFFULL), 16);
    line.add(" sp ");
    line.addHex(sp, 16);
    line.add(" error ");
    line.addUint(stackOverflow ? 6 : 4);
    if (!module.empty()) {
        line.add(" in ");
        line.add(module);
        line.add("[7f");
        line.addHex(random_.next() & 0xFFFFF00000ULL, 10);
        line.add("+c8000]");
    }
    line.add(" likely on CPU ");
    const std::uint32_t cpu = random_.below(8);
    line.addUint(cpu);
    line.add(" (core ");
    line.addUint(cpu);
    line.add(", socket 0)");
    commit(weekSec, line);
    addKernelHeader(line, weekSec);
    line.add("Code: ");
    for (int i = 0; i < 42; ++i) {
        if (i > 0)
            line.add(' ');
        if (i == 21)
            line.add('<');
        line.addHex(random_.below(256), 2);
        if (i == 21)
            line.add('>');
    }
    commit(weekSec, line);
}

void Syslogs::addIncidentLines()
{
    const auto& incidents = plan_.incidents();
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const Incident& incident = incidents[i];
        if (incident.kind == IncidentKind::SegfaultStorm) {
            for (std::size_t c = 0; c < incident.crashSecs.size(); ++c)
                segfault(incident.crashSecs[c], PhpLogs::crashPid(i, c));
        } else if (incident.kind == IncidentKind::OomKill) {
            const int sec = incident.crashSecs.front();
            TextBuffer line;
            addKernelHeader(line, sec);
            line.add(
                "php-fpm invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), "
                "order=0, oom_score_adj=0");
            commit(sec, line);
            addKernelHeader(line, sec);
            line.add("Out of memory: Killed process ");
            line.addUint(PhpLogs::crashPid(i, 0));
            line.add(" (php-fpm) total-vm:812345kB, anon-rss:523456kB, file-rss:1234kB, shmem-rss:45678kB, "
                     "UID:1001 pgtables:1234kB oom_score_adj:0");
            commit(sec, line);
        }
    }
}

void Syslogs::addCron(int weekSec)
{
    static constexpr std::array<std::string_view, 3> kEveryMinute = {
        "(root) CMD (bash /var/xdrago/second.sh >/dev/null 2>&1)",
        "(root) CMD (bash /var/xdrago/minute.sh >/dev/null 2>&1)",
        "(aegir) CMD (bash /var/aegir/tools/run-queue.sh >/dev/null 2>&1)"};
    TextBuffer line;
    for (std::string_view job : kEveryMinute) {
        addHeader(line, weekSec + 1, "CRON", random_.between(100000, 999999));
        line.add(job);
        commit(weekSec + 1, line);
    }
    if (weekSec / 60 % 5 == 0) {
        addHeader(line, weekSec + 1, "CRON", random_.between(100000, 999999));
        line.add("(root) CMD (bash /var/xdrago/runner.sh >/dev/null 2>&1)");
        commit(weekSec + 1, line);
    }
}

void Syslogs::addRandomLine(int sec)
{
    static constexpr std::array<std::uint32_t, 6> kWeights = {30, 12, 25, 18, 8, 7};
    const auto& clients = plan_.clientIps();
    const std::string& ip = clients[random_.below(static_cast<std::uint32_t>(clients.size()))];
    static constexpr std::array<std::string_view, 6> kUsers = {"admin",  "test", "ubuntu",
                                                               "oracle", "git",  "user"};
    TextBuffer line;
    switch (random_.weighted(kWeights)) {
    case 0: { // ssh brute force
        const std::uint32_t pid = random_.between(100000, 999999);
        const std::string_view user = kUsers[random_.below(kUsers.size())];
        const std::uint32_t port = random_.between(1024, 65535);
        addHeader(line, sec, "sshd", pid);
        line.add("Invalid user ");
        line.add(user);
        line.add(" from ");
        line.add(ip);
        line.add(" port ");
        line.addUint(port);
        commit(sec, line);
        addHeader(line, sec, "sshd", pid);
        line.add("Connection closed by invalid user ");
        line.add(user);
        line.add(' ');
        line.add(ip);
        line.add(" port ");
        line.addUint(port);
        line.add(" [preauth]");
        commit(sec, line);
        break;
    }
    case 1:
        addHeader(line, sec, "sshd", random_.between(100000, 999999));
        line.add("Disconnected from authenticating user root ");
        line.add(ip);
        line.add(" port ");
        line.addUint(random_.between(1024, 65535));
        line.add(" [preauth]");
        commit(sec, line);
        break;
    case 2: // csf drops
        addKernelHeader(line, sec);
        line.add(
            "Firewall: *TCP_IN Blocked* IN=eth0 OUT= MAC=52:54:00:3a:1f:09:fe:ff:ff:ff:ff:ff:08:00 SRC=");
        line.add(ip);
        line.add(" DST=203.0.113.10 LEN=44 TOS=0x00 PREC=0x00 TTL=");
        line.addUint(random_.between(40, 250));
        line.add(" ID=");
        line.addUint(random_.below(65536));
        line.add(" PROTO=TCP SPT=");
        line.addUint(random_.between(1024, 65535));
        line.add(" DPT=");
        line.addUint(std::array{23U, 3389U, 8080U, 5900U, 6379U, 2222U}[random_.below(6)]);
        line.add(" WINDOW=1024 RES=0x00 SYN URGP=0");
        commit(sec, line);
        break;
    case 3: { // outgoing mail of the sites
        const std::uint32_t pid = random_.between(10000, 99999);
        TextBuffer id;
        id.addHex(random_.next(), 10);
        addHeader(line, sec, "postfix/qmgr", 1420);
        line.add(id.view());
        line.add(": from=<www-data@srv1.example.net>, size=");
        line.addUint(random_.between(900, 40000));
        line.add(", nrcpt=1 (queue active)");
        commit(sec, line);
        addHeader(line, sec, "postfix/smtp", pid);
        line.add(id.view());
        line.add(": to=<");
        line.add(std::array{"info", "sales", "webmaster", "jan", "maria"}[random_.below(5)]);
        line.add("@example.");
        line.add(std::array{"com", "nl", "de"}[random_.below(3)]);
        line.add(">, relay=mx.example.com[192.0.2.25]:25, delay=0.");
        line.addUint(random_.between(10, 99));
        line.add(", delays=0.01/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK)");
        commit(sec, line);
        break;
    }
    case 4:
        addHeader(line, sec, "redis-server", 1105);
        line.add("Background saving started by pid ");
        line.addUint(random_.between(100000, 999999));
        commit(sec, line);
        break;
    default:
        addHeader(line, sec, "ntpd", 903);
        line.add("adjust time server 192.0.2.123 offset 0.00");
        line.addUint(random_.between(1000, 9999));
        line.add(" sec");
        commit(sec, line);
        break;
    }
}

void Syslogs::addNoise()
{
    for (int minute = 0; minute < kWeekSeconds / 60; ++minute)
        addCron(minute * 60);
    for (int day = 1; day < kDays; ++day) {
        TextBuffer line;
        addHeader(line, day * kDaySeconds, "rsyslogd", 0);
        line.add("[origin software=\"rsyslogd\" swVersion=\"8.2302.0\" x-pid=\"812\" "
                 "x-info=\"https://www.rsyslog.com\"] "
                 "rsyslogd was HUPed");
        commit(day * kDaySeconds, line);
    }
    while (bytes_ < plan_.budget().syslog) {
        const int sec = static_cast<int>(random_.below(kWeekSeconds));
        addRandomLine(sec);
    }
}

} // namespace gd::bench
