// The launch decision (command, window or a message) and the installed binary's answers to a mistyped
// command, a missing display, unknown options and --help.

#include "commandline.h"
#include "launch.h"

#include <QFileInfo>
#include <QProcess>
#include <QTest>

using namespace gd;

class TestCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decides_data();
    void decides();
    void suggestsCommands();
    void binaryAnswers_data();
    void binaryAnswers();
};

namespace {

const QString kDemo = QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz");

QStringList withProgram(const QStringList& arguments)
{
    return QStringList{QStringLiteral("/opt/somewhere/bin/gateway-doctor")} + arguments;
}

} // namespace

void TestCommandLine::decides_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("display");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("messageHas");
    const int headless = int(Launch::Mode::Headless);
    const int window = int(Launch::Mode::Window);
    const int refuse = int(Launch::Mode::Refuse);
    QTest::newRow("no arguments, display") << QStringList{} << true << window << 0 << QString();
    QTest::newRow("no arguments, no display")
        << QStringList{} << false << refuse << 69 << QStringLiteral("no display to open the window on");
    QTest::newRow("no display names the commands")
        << QStringList{kDemo} << false << refuse << 69 << QStringLiteral("gateway-doctor analyze INPUT...");
    QTest::newRow("analyze without display")
        << QStringList{QStringLiteral("analyze"), kDemo} << false << headless << 0 << QString();
    QTest::newRow("inspect") << QStringList{QStringLiteral("inspect")} << true << headless << 0 << QString();
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << false << headless << 0 << QString();
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << false << headless << 0
                               << QString();
    QTest::newRow("existing file opens the window") << QStringList{kDemo} << true << window << 0 << QString();
    QTest::newRow("Qt options are passed through")
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-reverse"),
                       kDemo}
        << true << window << 0 << QString();
    QTest::newRow("mistyped command")
        << QStringList{QStringLiteral("analyse"), kDemo} << true << refuse << 64
        << QStringLiteral("'analyse' is not a command; did you mean 'analyze'?");
    QTest::newRow("mistyped command, no display")
        << QStringList{QStringLiteral("inpsect"), kDemo} << false << refuse << 64
        << QStringLiteral("did you mean 'inspect'?");
    QTest::newRow("missing file")
        << QStringList{kDemo, QStringLiteral("/no/such/bundle.tar.gz")} << true << refuse << 64
        << QStringLiteral("'/no/such/bundle.tar.gz' is not a command, and no file or folder has that name");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << true << refuse << 64
                                    << QStringLiteral("unknown option '--frobnicate'");
    QTest::newRow("every refusal points to --help") << QStringList{QStringLiteral("xyzzy")} << true << refuse
                                                    << 64 << QStringLiteral("Run 'gateway-doctor --help'");
}

void TestCommandLine::decides()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, display);
    QFETCH(int, mode);
    QFETCH(int, exitCode);
    QFETCH(QString, messageHas);
    const Launch launch = decideLaunch(withProgram(arguments), display, true);
    QCOMPARE(int(launch.mode), mode);
    QCOMPARE(launch.exitCode, exitCode);
    QVERIFY2(launch.message.contains(messageHas), qPrintable(launch.message));
}

void TestCommandLine::suggestsCommands()
{
    QCOMPARE(suggestCommand(QStringLiteral("analyse")), QStringLiteral("analyze"));
    QCOMPARE(suggestCommand(QStringLiteral("ANALYZE")), QStringLiteral("analyze"));
    QCOMPARE(suggestCommand(QStringLiteral("inspec")), QStringLiteral("inspect"));
    QCOMPARE(suggestCommand(QStringLiteral("report.pdf")), QString());
    QCOMPARE(suggestCommand(QStringLiteral("x")), QString());
    // Without the window, a build still refuses what it does not know instead of guessing.
    const Launch headlessBuild = decideLaunch(withProgram({kDemo}), true, false);
    QCOMPARE(int(headlessBuild.mode), int(Launch::Mode::Refuse));
    QVERIFY(headlessBuild.message.contains(QStringLiteral("no workbench window")));
}

void TestCommandLine::binaryAnswers_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");
    QTest::addColumn<QString>("stdoutStarts");
    QTest::newRow("mistyped command") << QStringList{QStringLiteral("analyse"), kDemo} << 64
                                      << QStringLiteral("did you mean 'analyze'?") << QString();
    QTest::newRow("window without a display")
        << QStringList{kDemo} << 69 << QStringLiteral("no display to open the window on") << QString();
    QTest::newRow("analyze --help") << QStringList{QStringLiteral("analyze"), QStringLiteral("--help")} << 0
                                    << QString()
                                    << QStringLiteral("Usage: gateway-doctor analyze [options] INPUT...");
    QTest::newRow("inspect -h") << QStringList{QStringLiteral("inspect"), QStringLiteral("-h")} << 0
                                << QString()
                                << QStringLiteral("Usage: gateway-doctor inspect [options] INPUT...");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << 0 << QString()
                            << QStringLiteral("Usage: gateway-doctor [COMMAND]");
    QTest::newRow("unknown option of a command")
        << QStringList{QStringLiteral("inspect"), QStringLiteral("--nope"), kDemo} << 64
        << QStringLiteral("Run 'gateway-doctor inspect --help'") << QString();
    QTest::newRow("command without input")
        << QStringList{QStringLiteral("analyze")} << 64 << QStringLiteral("no INPUT given") << QString();
}

void TestCommandLine::binaryAnswers()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    QFETCH(QString, stdoutStarts);
    const QString binary = QStringLiteral(GD_BINARY_DIR "/app/gateway-doctor");
    QVERIFY2(QFileInfo(binary).isExecutable(), "build the gateway-doctor target first");
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QLatin1String(name)); // a machine without a display, as on a server
    process.setProcessEnvironment(environment);
    process.start(binary, arguments);
    QVERIFY(process.waitForFinished(30000));
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    const QString details = QStringLiteral("\nstdout:\n") + out + QStringLiteral("\nstderr:\n") + err;
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == exitCode, qPrintable(QString::number(process.exitCode()) + details));
    QVERIFY2(err.contains(stderrHas), qPrintable(details));
    QVERIFY2(out.startsWith(stdoutStarts), qPrintable(details));
    QVERIFY2(!err.contains(QStringLiteral("qt.qpa")), qPrintable(details)); // never Qt's platform abort
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
