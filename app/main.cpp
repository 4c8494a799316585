// Entry point: a sub-command runs headless on QCoreApplication (no display needed);
// no sub-command opens the workbench window.

#include "cli/commandline.h"

#include <QCoreApplication>
#include <cstring>

#ifdef GD_HAVE_UI
#include "shell/mainwindow.h"
#include <QApplication>
#include <QIcon>
#endif

int main(int argc, char* argv[])
{
#ifdef GD_HAVE_UI
    if (argc <= 1 || !gd::isHeadlessCommand(argv[1])) {
        QApplication app(argc, argv);
        QApplication::setApplicationName(QStringLiteral("gateway-doctor"));
        QApplication::setOrganizationName(QStringLiteral("GatewayDoctor"));
        QApplication::setApplicationVersion(QStringLiteral(GD_VERSION));
        // Lets Wayland compositors match the window to the installed desktop file (and its icon).
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.gatewaydoctor.GatewayDoctor"));
        QIcon appIcon;
        for (const int size : {16, 32, 48, 64, 128, 256})
            appIcon.addFile(
                QStringLiteral(":/gatewaydoctor/icons/hicolor/%1x%1/apps/gateway-doctor.png").arg(size));
        QApplication::setWindowIcon(appIcon);
        gd::MainWindow window;
        window.show();
        // `gateway-doctor FILE...`: what is left after Qt took its own options are inputs to open.
        const QStringList inputs = QApplication::arguments().mid(1);
        if (!inputs.isEmpty())
            window.openInputs(inputs);
        return QApplication::exec();
    }
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gateway-doctor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GD_VERSION));
    return gd::runCommandLine(QCoreApplication::arguments());
}
