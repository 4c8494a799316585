#pragma once

#include <cstddef>
#include <cstdint>

namespace gd {

/// What a source file is, decided from its content (see import/kinddetector.h). Ids, names, parsers and the
/// rest of what belongs to each kind are in one table: parse/logkinds.h.
enum class LogKind : std::uint8_t {
    Unknown,
    NginxAccess,
    NginxError,
    FpmMaster,   ///< PHP-FPM master error log
    FpmSlow,     ///< PHP-FPM slowlog (multi-line records)
    PhpError,    ///< php.ini error_log
    Syslog,      ///< syslog, kern.log, messages, iptables.log, daemon.log
    BoaMonitor,  ///< BOA /var/xdrago logs
    Supervisord, ///< supervisord's own log (programs spawned, exited, stopped)
    Text,        ///< other dated lines inside loose text (never a whole file's kind)
    Count_       ///< not a kind: the number of kinds (Unknown included)
};
inline constexpr std::size_t kLogKindCount = static_cast<std::size_t>(LogKind::Count_);

} // namespace gd
