#include "launch.h"

#include "commandline.h"

#include <QFileInfo>
#include <algorithm>
#include <vector>

namespace gd {

namespace {

constexpr int kExitUsage = 64;       // EX_USAGE: the command line was not understood
constexpr int kExitUnavailable = 69; // EX_UNAVAILABLE: no display for the window

// Options QApplication takes out of the arguments itself; those listed with a value consume the next
// argument.
bool isQtOption(const QString& argument, bool& takesValue)
{
    static const QStringList withValue = {
        QStringLiteral("-platform"),        QStringLiteral("-platformpluginpath"),
        QStringLiteral("-platformtheme"),   QStringLiteral("-plugin"),
        QStringLiteral("-qmljsdebugger"),   QStringLiteral("-style"),
        QStringLiteral("-stylesheet"),      QStringLiteral("-session"),
        QStringLiteral("-display"),         QStringLiteral("-geometry"),
        QStringLiteral("-title"),           QStringLiteral("-name"),
        QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowtitle"),
        QStringLiteral("-qwindowicon"),     QStringLiteral("-fontengine"),
    };
    static const QStringList flags = {QStringLiteral("-reverse"), QStringLiteral("-widgetcount"),
                                      QStringLiteral("-nograb"), QStringLiteral("-dograb"),
                                      QStringLiteral("-sync")};
    QString name = argument;
    if (name.startsWith(QLatin1String("--")))
        name.remove(0, 1); // Qt accepts both -style and --style
    takesValue = withValue.contains(name);
    return takesValue || flags.contains(name);
}

int editDistance(const QString& a, const QString& b)
{
    std::vector<int> previous(static_cast<std::size_t>(b.size()) + 1);
    std::vector<int> current(previous.size());
    for (std::size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[std::size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[std::size_t(j)] =
                std::min({previous[std::size_t(j)] + 1, current[std::size_t(j - 1)] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous.back();
}

QString helpHint()
{
    return QStringLiteral("Run 'gateway-doctor --help' for the commands and how to open the window.");
}

Launch refuse(int exitCode, const QString& message)
{
    return Launch{Launch::Mode::Refuse, exitCode, message};
}

} // namespace

QString suggestCommand(const QString& word)
{
    QString best;
    int bestDistance = 3; // a typo is at most two edits away
    for (const QString& command : headlessCommandNames()) {
        const int distance = editDistance(word.toLower(), command);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = command;
        }
    }
    return best;
}

Launch decideLaunch(const QStringList& arguments, bool windowSystemReachable, bool withWindow)
{
    if (arguments.size() > 1 && isHeadlessCommand(arguments[1]))
        return Launch{Launch::Mode::Headless, 0, {}};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        bool takesValue = false;
        if (isQtOption(argument, takesValue)) {
            i += takesValue ? 1 : 0;
            continue;
        }
        if (QFileInfo::exists(argument))
            continue;
        if (argument.startsWith(u'-')) {
            return refuse(
                kExitUsage,
                QStringLiteral("gateway-doctor: unknown option '%1'.\n%2").arg(argument, helpHint()));
        }
        const QString suggestion = i == 1 ? suggestCommand(argument) : QString();
        if (!suggestion.isEmpty()) {
            return refuse(kExitUsage,
                          QStringLiteral("gateway-doctor: '%1' is not a command; did you mean '%2'?\n%3")
                              .arg(argument, suggestion, helpHint()));
        }
        return refuse(
            kExitUsage,
            QStringLiteral("gateway-doctor: '%1' is not a command, and no file or folder has that name.\n%2")
                .arg(argument, helpHint()));
    }
    if (!withWindow) {
        return refuse(kExitUsage, QStringLiteral("gateway-doctor: this build has no workbench window; use a "
                                                 "command.\n%1")
                                      .arg(helpHint()));
    }
    if (!windowSystemReachable) {
        return refuse(
            kExitUnavailable,
            QStringLiteral(
                "gateway-doctor: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
                "set).\nThe commands work without one:\n%1"
                "To run the window without a screen (tests, screenshots): QT_QPA_PLATFORM=offscreen "
                "gateway-doctor ...")
                .arg(headlessCommandSummary()));
    }
    return Launch{Launch::Mode::Window, 0, {}};
}

} // namespace gd
