#pragma once

#include <QString>

namespace gd {

/// Text from logs or from the analysis (which quotes hosts and URLs from logs) is hostile: these put
/// it into rich-text places (QTextBrowser, tooltips, which guess "rich text" from the content) so
/// that it is always shown literally, never interpreted as markup.

/// Escaped for HTML, line breaks kept.
QString htmlText(const QString& text);
/// A tooltip that shows `text` literally (wrapped in markup so Qt does not guess), or empty.
QString plainToolTip(const QString& text);

} // namespace gd
