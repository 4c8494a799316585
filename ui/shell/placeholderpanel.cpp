#include "shell/placeholderpanel.h"

namespace gd {

PlaceholderPanel::PlaceholderPanel(const QString& title, const QString& comingText, QWidget* parent)
    : QLabel(parent)
    , title_(title)
{
    setObjectName(QStringLiteral("placeholder:") + title);
    setTextFormat(Qt::PlainText);
    setText(title + u'\n' + comingText);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setEnabled(false); // greyed in every palette: it is not a working panel yet
    setFrameShape(QFrame::StyledPanel);
    setMinimumSize(120, 60);
}

} // namespace gd
