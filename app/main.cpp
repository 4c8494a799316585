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
#ifdef GD_HAVE_UI
    if (argc <= 1 || !gd::isHeadlessCommand(argv[1])) {
        QApplication app(argc, argv);
        QApplication::setApplicationName(QStringLiteral("gateway-doctor"));
        QApplication::setOrganizationName(QStringLiteral("GatewayDoctor"));
        QApplication::setApplicationVersion(QStringLiteral(GD_VERSION));
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
