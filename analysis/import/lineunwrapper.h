#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gd {

/// One line of loose text taken apart: the layers of wrapping around a log line, innermost last. People paste
/// log lines quoted (`> `, `# `, indented, inside markdown fences, JSON-escaped) and container tools wrap
/// them (docker compose `web-1  | `, `docker logs -t` and kubectl time stamps, CRI `stderr F`, Docker's
/// json-file, journald/syslog `host prog[pid]: `). Each layer is a candidate text for the parsers: the
/// innermost is tried first, an outer one when the inner text turns out not to be a log line (an RFC 3339
/// syslog line starts like a docker time stamp).
struct UnwrappedLine {
    static constexpr int kMaxLayers = 4;
    std::string_view
        layers[kMaxLayers]; ///< layers[0] is the line without quoting; more unwrapped ones follow
    int layerCount = 0;
    bool structural = false; ///< blank, a fence, quote markers only, a journal banner: carries nothing
    bool indented = false;   ///< began with blanks after quoting: a wrapped or continued line
    std::string_view stream; ///< container or program the line came from ("" when none)

    /// The wrapper's own time, for an inner line that carries none.
    bool hasTime = false;
    bool timeHasOffset = false; ///< docker/CRI/json-file stamps are UTC; syslog stamps are local
    bool timeHasYear = true;
    std::int64_t timeCivilMs = 0; ///< as written (UTC when timeHasOffset, offset 0)
    std::int32_t utcOffsetSec = 0;

    std::string_view innermost() const { return layers[layerCount - 1]; }
};

/// Takes loose lines apart (see UnwrappedLine). Holds the buffers unescaped text lives in: the views of a
/// result stay valid until the next call.
class LineUnwrapper {
public:
    UnwrappedLine unwrap(std::string_view line);

    /// A journalctl banner ("-- Logs begin at Mon 2023-12-04 09:00:01 CET, end at Tue 2023-12-05 10:00:00
    /// CET. --", "-- Journal begins at ..., ends at ... --"): the civil time it says the journal ends at, or
    /// 0.
    static std::int64_t journalEnd(std::string_view line);

private:
    std::string jsonBuffer_;
    std::string unescapeBuffer_;
};

} // namespace gd
