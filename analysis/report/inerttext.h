#pragma once

#include <QString>

namespace gd {

/// Log text made safe to show as it is, in a PDF, a spreadsheet or a terminal: control characters and
/// the Unicode direction overrides, isolates and marks (which can make a line read backwards) become
/// U+FFFD, and a line longer than `maxChars` (0: no limit) is cut with the count of what was left out.
/// Invalid UTF-8 was already turned into U+FFFD when the line was decoded.
QString inertText(const QString& text, qsizetype maxChars = 0);

} // namespace gd
