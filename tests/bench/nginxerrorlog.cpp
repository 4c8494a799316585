#include "nginxerrorlog.h"

#include "requestmix.h"

namespace gd::bench {

namespace {
void addPrefix(TextBuffer& out, int weekSec, std::string_view level, std::uint32_t pid)
{
    BundlePlan::addNginxErrorTime(out, weekSec);
    out.add(" [");
    out.add(level);
    out.add("] ");
    out.addUint(pid);
    out.add('#');
    out.addUint(pid);
    out.add(": ");
}
} // namespace

void NginxErrorLog::commit(int weekSec, TextBuffer& line)
{
    bytes_ += line.size() + 1;
    lines_.add(weekSec, line.view());
    line.clear();
}

void NginxErrorLog::upstreamFailure(const FailedRequest& request, std::string_view level,
                                    std::string_view message, std::string_view action)
{
    TextBuffer line;
    addPrefix(line, request.weekSec, level, workerPid());
    line.add('*');
    line.addUint(request.connection);
    line.add(' ');
    line.add(message);
    line.add(" while ");
    line.add(action);
    line.add(", client: ");
    line.add(request.peer);
    line.add(", server: ");
    line.add(request.site->host);
    line.add(", request: \"");
    line.add(request.requestLine);
    line.add("\", upstream: \"fastcgi://unix:");
    line.add(BundlePlan::socketPath(request.site->instance, true));
    line.add(":\", host: \"");
    line.add(request.host);
    line.add('"');
    if (request.referrer != "-") {
        line.add(", referrer: \"");
        line.add(request.referrer);
        line.add('"');
    }
    commit(request.weekSec, line);
}

void NginxErrorLog::addNoise()
{
    static constexpr std::array<std::uint32_t, 9> kWeights = {500, 120, 60, 40, 100, 25, 120, 25, 1};
    const auto& sites = plan_.sites();
    const auto& clients = plan_.clientIps();
    TextBuffer line;
    TextBuffer request;
    while (bytes_ < plan_.budget().nginxError) {
        // Noise follows traffic: draw a second, keep it with the load's probability.
        const int sec = static_cast<int>(random_.below(kWeekSeconds));
        if (random_.unit() * 2.6 > plan_.trafficFactor(sec))
            continue;
        const Site& site = sites[random_.skewed(static_cast<std::uint32_t>(sites.size()), 2)];
        const std::string& client = clients[random_.skewed(static_cast<std::uint32_t>(clients.size()), 2)];
        const std::uint64_t connection = 5000000 + static_cast<std::uint64_t>(sec) * 9 + random_.below(9);
        const std::size_t kind = random_.weighted(kWeights);
        request.clear();
        RequestShape shape = pickRequestShape(random_, site);
        if (kind == 6)
            shape.type = RequestClass::Probe;
        request.add(shape.method);
        request.add(' ');
        addRequestUri(request, random_, site, shape);
        request.add(random_.chance(0.6) ? " HTTP/1.1" : " HTTP/2.0");
        FailedRequest failed{sec, connection, client, &site, site.host, request.view(), "-"};
        switch (kind) {
        case 0:
        case 1:
            addPrefix(line, sec, "crit", workerPid());
            line.add('*');
            line.addUint(connection);
            line.add(kind == 0
                         ? " SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) "
                           "while SSL handshaking"
                         : " SSL_read() failed (SSL: error:0A000126:SSL routines::unexpected eof while "
                           "reading) while waiting for request");
            line.add(", client: ");
            line.add(client);
            line.add(", server: 0.0.0.0:443");
            commit(sec, line);
            break;
        case 2:
            upstreamFailure(failed, "error", "upstream timed out (110: Connection timed out)",
                            "reading response header from upstream");
            break;
        case 3:
            upstreamFailure(failed, "error", "recv() failed (104: Connection reset by peer)",
                            "reading response header from upstream");
            break;
        case 4:
            addPrefix(line, sec, "error", workerPid());
            line.add('*');
            line.addUint(connection);
            line.add(" limiting connections by zone \"limreq\", client: ");
            line.add(client);
            line.add(", server: ");
            line.add(site.host);
            line.add(", request: \"");
            line.add(request.view());
            line.add("\", host: \"");
            line.add(site.host);
            line.add('"');
            commit(sec, line);
            break;
        case 5: {
            TextBuffer message;
            message.add("connect() to unix:");
            message.add(BundlePlan::socketPath(site.instance, true));
            message.add(" failed (11: Resource temporarily unavailable)");
            upstreamFailure(failed, "error", message.view(), "connecting to upstream");
            break;
        }
        case 6: {
            addPrefix(line, sec, "error", workerPid());
            line.add('*');
            line.addUint(connection);
            line.add(" open() \"");
            line.add(site.root);
            const std::string_view requestText = request.view();
            const std::size_t space = requestText.find(' ');
            line.add(requestText.substr(space + 1, requestText.rfind(' ') - space - 1));
            line.add("\" failed (2: No such file or directory), client: ");
            line.add(client);
            line.add(", server: ");
            line.add(site.host);
            line.add(", request: \"");
            line.add(requestText);
            line.add("\", host: \"");
            line.add(site.host);
            line.add('"');
            commit(sec, line);
            break;
        }
        case 7:
            upstreamFailure(
                failed, "error",
                "FastCGI sent in stderr: \"PHP message: PHP Warning:  Undefined array key \"field_" +
                    std::string(randomWord(random_)) + "\" in " + site.root +
                    "/modules/contrib/views/src/Plugin/views/field/Field.php on line " +
                    std::to_string(random_.between(100, 1200)) + '"',
                "reading response header from upstream");
            break;
        default:
            addPrefix(line, sec, "alert", 1211);
            line.add("worker process ");
            line.addUint(workerPid());
            line.add(" exited on signal 9");
            commit(sec, line);
            break;
        }
    }
}

} // namespace gd::bench
