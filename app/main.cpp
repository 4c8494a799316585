// Entry point: a sub-command runs headless on QCoreApplication (no display needed);
// no sub-command opens the workbench window.

#include "cli/commandline.h"

#include <QCoreApplication>
#include <cstring>

#ifdef GD_HAVE_UI
#include "mainwindow.h"
#include <QApplication>
#endif

int main(int argc, char* argv[]) {
    const bool headless = argc > 1 && gd::isHeadlessCommand(argv[1]);
#ifdef GD_HAVE_UI
    if (!headless) {
        QApplication app(argc, argv);
        QApplication::setApplicationName(QStringLiteral("gateway-doctor"));
        QApplication::setOrganizationName(QStringLiteral("GatewayDoctor"));
        gd::MainWindow window;
        window.show();
        return QApplication::exec();
    }
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gateway-doctor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GD_VERSION));
    return gd::runCommandLine(QCoreApplication::arguments());
}
