#pragma once

#include <QJsonValue>
#include <cmath>
#include <cstdint>
#include <optional>

namespace gd {

/// The integer a JSON number holds exactly, or nothing (not a number, fractional, or beyond the
/// 2^53 that a JSON double carries without loss). Milliseconds since 1970 fit easily.
inline std::optional<std::int64_t> jsonInteger(const QJsonValue& value)
{
    constexpr double kExactLimit = 9007199254740992.0; // 2^53
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number || std::fabs(number) > kExactLimit)
        return std::nullopt;
    return static_cast<std::int64_t>(number);
}

} // namespace gd
