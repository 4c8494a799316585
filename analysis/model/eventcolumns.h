#pragma once

#include "model/event.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace gd {

/// timeMs of an event whose line carries no time (see ParsedEvent::hasTime): such events sort before every
/// dated one, in the order of their sources and lines, and no time is ever invented for them.
inline constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();
constexpr bool hasTime(std::int64_t timeMs)
{
    return timeMs != kNoTime;
}

/// Structure-of-arrays storage for events: about 40 bytes per event, no object per event.
/// String fields hold ids into the owner's StringPools.
struct EventColumns {
    std::vector<std::int64_t> timeMs;  ///< UTC once resolved (civil time before)
    std::vector<std::uint16_t> source; ///< index into the source list (empty in a source being parsed)
    std::vector<std::uint32_t> line;   ///< 1-based line number in the source
    std::vector<MessageCode> code;
    std::vector<std::uint8_t> levelMethod; ///< Level in the low nibble, HttpMethod in the high nibble
    std::vector<std::uint16_t> value;
    std::vector<std::uint32_t> durationMs;
    std::vector<std::uint32_t> pid;
    std::vector<std::uint32_t> host;
    std::vector<std::uint32_t> target;
    std::vector<std::uint32_t> client;
    std::vector<std::uint16_t> group;

    std::size_t size() const { return timeMs.size(); }
    void reserve(std::size_t n);
    void clear();
    void shrinkToFit();
    std::size_t memoryBytes() const;

    Level level(std::size_t i) const { return static_cast<Level>(levelMethod[i] & 0x0F); }
    HttpMethod method(std::size_t i) const { return static_cast<HttpMethod>(levelMethod[i] >> 4); }
    static std::uint8_t packLevelMethod(Level level, HttpMethod method)
    {
        return static_cast<std::uint8_t>(static_cast<unsigned>(level) | (static_cast<unsigned>(method) << 4));
    }

    /// Keeps the events at `order` (indices into this), in that order.
    void permute(const std::vector<std::uint32_t>& order);

    /// Calls `fn(&EventColumns::column)` for every column: the one list of them.
    template <typename Fn> static void forEachMember(Fn&& fn)
    {
        fn(&EventColumns::timeMs);
        fn(&EventColumns::source);
        fn(&EventColumns::line);
        fn(&EventColumns::code);
        fn(&EventColumns::levelMethod);
        fn(&EventColumns::value);
        fn(&EventColumns::durationMs);
        fn(&EventColumns::pid);
        fn(&EventColumns::host);
        fn(&EventColumns::target);
        fn(&EventColumns::client);
        fn(&EventColumns::group);
    }
};

} // namespace gd
