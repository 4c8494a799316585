#pragma once

#include <QColor>
#include <QPalette>

namespace gd {

/// Semantic colours for log text and event cells, derived from the widget palette so they stay
/// readable in light and dark mode (e.g. 502/504 red is darker on light, lighter on dark bases).
struct LogColors {
    bool dark = false;
    QColor error;     ///< 5xx, error/crit levels, errno text
    QColor warning;   ///< 4xx, warning level
    QColor timestamp; ///< time stamps
    QColor string;    ///< quoted strings
    QColor number;    ///< IP addresses, pids, numbers
    QColor identity;  ///< pool names, upstreams, hosts
    QColor muted;     ///< debug/info, secondary text
    QColor markBand;  ///< background of the selected event's line
    QColor marker;    ///< margin marker of the selected event's line

    static LogColors fromPalette(const QPalette& palette);
    static bool isDark(const QPalette& palette);
};

} // namespace gd
