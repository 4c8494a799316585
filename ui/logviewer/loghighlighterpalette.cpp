#include "logviewer/loghighlighterpalette.h"

namespace gd {

namespace {

QColor blend(const QColor& a, const QColor& b, double weightOfB)
{
    const double wa = 1.0 - weightOfB;
    return QColor::fromRgbF(static_cast<float>(a.redF() * wa + b.redF() * weightOfB),
                            static_cast<float>(a.greenF() * wa + b.greenF() * weightOfB),
                            static_cast<float>(a.blueF() * wa + b.blueF() * weightOfB));
}

} // namespace

bool LogColors::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

LogColors LogColors::fromPalette(const QPalette& palette)
{
    LogColors c;
    c.dark = isDark(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    // Semantic hues; lightness flips with the base so the contrast to the background holds.
    c.error = c.dark ? QColor(255, 110, 110) : QColor(185, 0, 0);
    c.warning = c.dark ? QColor(255, 190, 90) : QColor(155, 85, 0);
    c.timestamp = c.dark ? QColor(130, 180, 255) : QColor(0, 70, 165);
    c.string = c.dark ? QColor(150, 210, 150) : QColor(0, 110, 0);
    c.number = c.dark ? QColor(210, 165, 255) : QColor(115, 40, 160);
    c.identity = c.dark ? QColor(100, 210, 210) : QColor(0, 110, 120);
    c.muted = blend(text, base, 0.4);
    c.markBand = blend(base, palette.color(QPalette::Highlight), c.dark ? 0.35 : 0.22);
    c.marker = palette.color(QPalette::Highlight);
    return c;
}

} // namespace gd
