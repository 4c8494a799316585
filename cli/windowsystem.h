#pragma once

#include <QStringList>

namespace gd {

/// True when a window can be shown: a display server is named on X11/Wayland systems, or the user chose a Qt
/// platform (`QT_QPA_PLATFORM`, `-platform`). Windows and macOS always have one. Checked before QApplication
/// exists, because Qt aborts the process when its platform plugin finds no display.
bool windowSystemReachable(const QStringList& arguments);

} // namespace gd
