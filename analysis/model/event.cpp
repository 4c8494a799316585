#include "model/event.h"

#include <array>

namespace gd {

std::string_view levelId(Level level)
{
    switch (level) {
    case Level::None:
        return "";
    case Level::Debug:
        return "debug";
    case Level::Info:
        return "info";
    case Level::Notice:
        return "notice";
    case Level::Warning:
        return "warning";
    case Level::Error:
        return "error";
    case Level::Critical:
        return "crit";
    case Level::Alert:
        return "alert";
    case Level::Emergency:
        return "emerg";
    }
    return "";
}

HttpMethod httpMethodFromText(std::string_view text)
{
    if (text == "GET")
        return HttpMethod::Get;
    if (text == "POST")
        return HttpMethod::Post;
    if (text == "HEAD")
        return HttpMethod::Head;
    if (text == "PUT")
        return HttpMethod::Put;
    if (text == "DELETE")
        return HttpMethod::Delete;
    if (text == "PATCH")
        return HttpMethod::Patch;
    if (text == "OPTIONS")
        return HttpMethod::Options;
    return text.empty() ? HttpMethod::None : HttpMethod::Other;
}

std::string_view httpMethodText(HttpMethod method)
{
    switch (method) {
    case HttpMethod::None:
        return "";
    case HttpMethod::Get:
        return "GET";
    case HttpMethod::Head:
        return "HEAD";
    case HttpMethod::Post:
        return "POST";
    case HttpMethod::Put:
        return "PUT";
    case HttpMethod::Delete:
        return "DELETE";
    case HttpMethod::Patch:
        return "PATCH";
    case HttpMethod::Options:
        return "OPTIONS";
    case HttpMethod::Other:
        return "OTHER";
    }
    return "";
}

std::string_view messageCodeId(MessageCode code)
{
    static constexpr std::array<std::string_view, kMessageCodeCount> ids = {
        "none",
        "request",
        "ngx-connect-failed",
        "ngx-upstream-timed-out",
        "ngx-prematurely-closed",
        "ngx-prematurely-closed-fastcgi",
        "ngx-connection-reset",
        "ngx-too-big-header",
        "ngx-invalid-upstream-response",
        "ngx-limiting-connections",
        "ngx-client-closed",
        "ngx-worker-exited",
        "ngx-other",
        "fpm-child-exited-signal",
        "fpm-child-exited-code",
        "fpm-child-started",
        "fpm-threshold-reload",
        "fpm-max-children",
        "fpm-seems-busy",
        "fpm-max-processes",
        "fpm-executing-too-slow",
        "fpm-execution-timed-out",
        "fpm-reloading",
        "fpm-terminating",
        "fpm-finishing",
        "fpm-ready",
        "fpm-running",
        "fpm-exiting",
        "fpm-unknown-child",
        "fpm-bind-failed",
        "fpm-another-instance",
        "fpm-init-failed",
        "fpm-child-stderr",
        "fpm-other",
        "slow-record",
        "kern-segfault",
        "kern-trap",
        "kern-oom-invoked",
        "kern-oom-killed",
        "service-starting",
        "service-started",
        "service-stopping",
        "service-stopped",
        "service-main-exited",
        "service-failed",
        "syslog-other",
        "php-fatal",
        "php-max-execution-time",
        "php-memory-exhausted",
        "php-stack-overflow",
        "php-warning",
        "php-notice",
        "php-other",
        "boa-fpm-restart",
        "boa-fpm-reload",
        "boa-nginx-restart",
        "boa-oom",
        "boa-web-server-paused",
        "boa-high-load",
        "boa-kill-fpm",
        "boa-kill-start",
        "boa-segfault-alert",
        "boa-update-module",
        "boa-other",
        "supervisor-other",
        "other-line",
    };
    const auto index = static_cast<std::size_t>(code);
    return index < ids.size() ? ids[index] : "none";
}

bool isFpmLifecycle(MessageCode code)
{
    switch (code) {
    case MessageCode::FpmReloading:
    case MessageCode::FpmTerminating:
    case MessageCode::FpmFinishing:
    case MessageCode::FpmReady:
    case MessageCode::FpmRunning:
    case MessageCode::FpmExiting:
    case MessageCode::FpmThresholdReload:
    case MessageCode::BoaFpmRestart:
    case MessageCode::BoaFpmReload:
        return true;
    default:
        return false;
    }
}

} // namespace gd
