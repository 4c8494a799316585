#pragma once

#include <cstdint>
#include <string_view>

namespace gd {

/// What a source file is, decided from its content (see import/kinddetector.h).
enum class LogKind : std::uint8_t {
    Unknown,
    NginxAccess,
    NginxError,
    FpmMaster, ///< PHP-FPM master error log
    FpmSlow,   ///< PHP-FPM slowlog (multi-line records)
    PhpError,  ///< php.ini error_log
    Syslog,    ///< syslog, kern.log, messages, iptables.log, daemon.log
    BoaMonitor ///< BOA /var/xdrago logs
};

/// Stable identifier used in JSON output and golden files.
std::string_view logKindId(LogKind kind);

} // namespace gd
