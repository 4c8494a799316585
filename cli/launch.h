#pragma once

#include <QString>
#include <QStringList>

namespace gd {

/// What main() does with the process's arguments, decided before any Q*Application exists.
struct Launch {
    enum class Mode {
        Headless, ///< a sub-command (or --help/--version): runs on QCoreApplication, no display needed
        Window,   ///< opens the workbench, with the arguments as inputs
        Refuse,   ///< prints `message` to stderr and exits with `exitCode`
    };
    Mode mode = Mode::Window;
    int exitCode = 0;
    QString message;
};

/// Decides how to launch. `arguments` are the process's arguments (argv[0] first); `windowSystemReachable`
/// tells whether a window could be shown (see windowsystem.h); `withWindow` is false in builds without the
/// workbench. A first argument that is neither a command nor an existing file is refused with a hint (a
/// mistyped command must not open a window or, without a display, abort inside Qt); so is the window without
/// a display.
Launch decideLaunch(const QStringList& arguments, bool windowSystemReachable, bool withWindow);

/// The closest command name to `word` when it looks like a typo of one (edit distance at most 2), else empty.
QString suggestCommand(const QString& word);

} // namespace gd
