// Entry point: only wires. A sub-command runs headless on QCoreApplication (no display needed); no
// sub-command opens the workbench window; anything else gets a message and an exit status before Qt could
// abort.

#include "commandline.h"
#include "launch.h"
#include "windowsystem.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <cstdio>
#include <memory>

#ifdef GD_HAVE_UI
#include "shell/mainwindow.h"
#include <QApplication>
#include <QIcon>
#endif

namespace {

QStringList processArguments(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

#ifdef GD_HAVE_UI
int runWindow(int argc, char* argv[])
{
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

} // namespace

int main(int argc, char* argv[])
{
    const QStringList arguments = processArguments(argc, argv);
#ifdef GD_HAVE_UI
    constexpr bool withWindow = true;
#else
    constexpr bool withWindow = false;
#endif
    const gd::Launch launch = gd::decideLaunch(arguments, gd::windowSystemReachable(arguments), withWindow);
    if (launch.mode == gd::Launch::Mode::Refuse) {
        std::fprintf(stderr, "%s\n", launch.message.toLocal8Bit().constData());
        return launch.exitCode;
    }
#ifdef GD_HAVE_UI
    if (launch.mode == gd::Launch::Mode::Window)
        return runWindow(argc, argv);
#endif
    // `report` draws PDF pages: QtGui on the offscreen platform, so it needs no display either.
    std::unique_ptr<QCoreApplication> app;
    if (gd::commandDrawsPages(arguments)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // The offscreen platform warns about a runtime folder it never uses: not the user's concern.
        static QtMessageHandler forward = nullptr;
        forward = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext& context, const QString& text) {
                if (!text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
                    forward(type, context, text);
            });
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("gateway-doctor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GD_VERSION));
    return gd::runCommandLine(QCoreApplication::arguments());
}
