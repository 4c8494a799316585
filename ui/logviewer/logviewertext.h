#pragma once

#include <QString>
#include <string_view>

namespace gd {

/// Turns raw log bytes into text that is safe to show: logs are hostile input.
/// Invalid UTF-8 becomes U+FFFD; C0 controls (except tab) become their visible "control picture"
/// (U+2400 block), DEL and C1 controls become U+FFFD, and invisible direction/line-breaking marks
/// are spelled out as "[U+202E]" so a line cannot reorder or split what is displayed.
/// Lines longer than `maxChars` are cut with a note of how much was left out.
QString safeDisplayText(std::string_view raw, qsizetype maxChars = 20000);

} // namespace gd
