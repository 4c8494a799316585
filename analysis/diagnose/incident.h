#pragma once

#include "diagnose/cause.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

namespace gd {

struct CauseScore {
    Cause cause = Cause::Unknown;
    double confidence = 0.0; ///< 0..1
};

/// A line that proves something, with why it counts. Its text is read on demand (RawTextReader).
struct EvidenceLine {
    std::uint16_t source = 0;
    std::uint32_t line = 0;
    std::int64_t timeMs = 0;
    QString role; ///< e.g. "502 response", "child crashed (SIGSEGV)", "slow call stack"
};

struct UrlStat {
    QString host;
    QString path;
    std::uint32_t failed = 0;
    std::uint32_t requests = 0; ///< requests of this URL inside the incident window
};

struct SegfaultAttribution {
    enum class Kind : std::uint8_t { Extension, Core, Unknown };
    QString module; ///< "opcache.so", "php-fpm", "libc.so.6", empty when the kernel named none
    Kind kind = Kind::Unknown;
    std::uint32_t crashes = 0;
};

/// A measured property of an incident that the classification used, shown as "why".
struct Feature {
    QString name;
    QString value;
};

struct Incident {
    int id = 0;
    std::uint16_t server = 0;    ///< index into ImportResult::servers
    std::vector<int> sameTimeAs; ///< incidents of other servers that overlap this one (a shared cause?)
    /// No 502/504 line of it is in the bundle: PHP-FPM's or the system's logs show what makes nginx fail.
    bool withoutFailureLines = false;
    /// The lines of a ticket (a few pasted lines), judged as one whatever their times say.
    bool judgedTogether = false;
    /// Isolated failures of one day and cause, listed together (`occurrences` of them) instead of one row
    /// each.
    bool sporadic = false;
    std::uint32_t occurrences = 1;
    std::int64_t startMs = 0; ///< UTC; first failing request's start; kNoTime when no line of it is dated
    std::int64_t endMs = 0;   ///< UTC; last failure
    Cause cause = Cause::Unknown;
    double confidence = 0.0;
    std::vector<CauseScore> alternatives; ///< other causes with a score, best first
    std::uint32_t count502 = 0;
    std::uint32_t count504 = 0;
    std::uint32_t requests = 0; ///< all requests in the window (access log)
    QStringList hosts;          ///< failing hosts, most failures first
    std::vector<UrlStat> urls;  ///< failing URLs, most failures first
    std::optional<SegfaultAttribution> segfault;
    std::vector<EvidenceLine> evidence;
    std::vector<Feature> features;
    QString summary;         ///< one sentence: what happened
    QString reasoning;       ///< why this cause (and not the alternatives)
    QString advice;          ///< what to do, in the document's terms
    QStringList limits;      ///< what these logs cannot show (lowers confidence)
    QStringList collectNext; ///< logs that would decide, when missing
};

} // namespace gd
