// No lost work, on the offscreen platform with real windows and real file systems:
// * the recovery file: written (atomically, whole JSON every time) shortly after notes change or
//   inputs open, not on every keystroke; removed by a clean close and by destroying the window;
//   left behind by a process killed with SIGKILL, and offered by the next window: Restore brings
//   inputs, pasted lines and notes back (unsaved, saving to the session file they came from),
//   Discard deletes it, Later keeps it; live windows (in this process or another) never offer or
//   overwrite each other's files.
// * saving and exporting on a read-only or full file system (a small tmpfs mounted by the test as
//   root, chmod when not root): the message names the file and the reason, the previous file stays
//   byte for byte, no temporary file is left.

#include "common/atomicwrite.h"
#include "export/reportexport.h"
#include "incidents/incidentdetailpanel.h"
#include "incidents/incidentworkbench.h"
#include "jobs/analysisjob.h"
#include "sessions/recoverycontroller.h"
#include "sessions/recoveryfile.h"
#include "sessions/sessioncontroller.h"
#include "sessions/workbenchsession.h"
#include "shell/mainwindow.h"
#include "shell/workspace.h"
#include "uitestutil.h"
#include "windowparts.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#ifdef Q_OS_LINUX
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>
#endif

using namespace gd;
using namespace gdtest;

namespace {

constexpr int kTimeoutMs = 60000;
constexpr int kWriteDelayMs = 150;
const char* const kChildEnv = "GD_TST_RECOVERY_CHILD"; // the settings folder of the crashing child
const QString kChildNote = QStringLiteral("Written just before the power cut.");

const QString& pastedLines()
{
    static const QString text = QString::fromUtf8(fpmLog());
    return text;
}

RecoveryController* recoveryOf(const QObject& window)
{
    return windowPart<RecoveryController>(window, "recovery");
}

QByteArray readAll(const QString& path)
{
    if (path.isEmpty())
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Every name in `folder`, sorted.
QStringList namesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

/// A lock file as a process that is gone left it (QLockFile's format: pid, app, host).
bool writeStaleLock(const QString& recoveryPath)
{
    QProcess gone;
    gone.start(QStringLiteral("true"));
    if (!gone.waitForStarted())
        return false;
    const qint64 pid = gone.processId();
    gone.waitForFinished();
    return writeFile(recoveryPath + QStringLiteral(".lock"), QByteArray::number(pid) + "\ngateway-doctor\n" +
                                                                 QSysInfo::machineHostName().toUtf8() + '\n');
}

/// The window's messages, waiting for the warning it shows (open(), not exec()).
QString takeWarning(QWidget& window)
{
    QMessageBox* box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = window.findChild<QMessageBox*>()) != nullptr; }, 5000))
        return {};
    const QString text = box->text();
    delete box;
    return text;
}

/// Records the recovery offers a window makes and answers them from a list.
struct OfferLog {
    QList<RecoveryController::Offer> offers;
    QList<RecoveryController::Answer> answers; ///< taken from the front; none left: a failure

    RecoveryController::Prompt prompt()
    {
        return [this](const RecoveryController::Offer& offer,
                      std::function<void(RecoveryController::Answer)> answer) {
            offers << offer;
            if (answers.isEmpty()) {
                qWarning("unexpected recovery offer of %s", qPrintable(offer.path));
                answer(RecoveryController::Answer::Later);
                return;
            }
            answer(answers.takeFirst());
        };
    }
};

/// A window as the tests use it: quick recovery writes, offers answered by `log` (set before the
/// event loop runs, so before the window's first offer), no question on close.
void prepare(MainWindow& window, OfferLog& log)
{
    recoveryOf(window)->setWriteDelay(kWriteDelayMs);
    recoveryOf(window)->setPrompt(log.prompt());
    sessionsOf(window)->setSavePrompt([](const QString&) { return SessionController::SaveAnswer::Discard; });
}

/// A small file system to fail on, with the OS-specific calls kept here. As root (also in the CI's
/// debootstrap chroot, where root has CAP_SYS_ADMIN) it is a tmpfs of `kib` KiB mounted on a
/// temporary folder — root ignores permission bits, so only a real read-only or full file system
/// proves anything — and it is unmounted when this goes. Not root: a plain folder whose write
/// permission can be taken (read-only only; a full disk cannot be made).
class ScratchFs {
public:
    /// Before any thread starts: as root, gives this process mounts of its own (a private mount
    /// namespace), so a tmpfs of a test that dies is gone with it instead of staying on the host.
    /// Where "/" is no mount point (a chroot) the mounts stay shared and are only unmounted by
    /// ~ScratchFs.
    static void isolateMounts()
    {
#ifdef Q_OS_LINUX
        if (::geteuid() == 0 && ::unshare(CLONE_NEWNS) == 0)
            (void)::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
#endif
    }

    explicit ScratchFs(int kib)
    {
        if (!dir_.isValid()) {
            why_ = QStringLiteral("no temporary folder");
            return;
        }
#ifdef Q_OS_LINUX
        if (::geteuid() == 0) {
            const QByteArray options = "size=" + QByteArray::number(kib) + "k,mode=0755";
            if (::mount("tmpfs", QFile::encodeName(dir_.path()).constData(), "tmpfs", 0,
                        options.constData()) == 0) {
                mounted_ = true;
                return;
            }
            why_ = QStringLiteral("root cannot mount a tmpfs here (%1); chmod means nothing to root")
                       .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
#endif
        (void)kib;
        chmodOnly_ = true;
    }
    ~ScratchFs()
    {
        makeWritable();
#ifdef Q_OS_LINUX
        if (mounted_ && ::umount2(QFile::encodeName(dir_.path()).constData(), MNT_DETACH) != 0)
            qWarning("could not unmount %s: %s", qPrintable(dir_.path()), std::strerror(errno));
#endif
    }
    ScratchFs(const ScratchFs&) = delete;
    ScratchFs& operator=(const ScratchFs&) = delete;

    /// Empty when it can be made read-only; else why not (for QSKIP).
    QString whyNoReadOnly() const
    {
        return mounted_ || chmodOnly_ ? QString() : why_;
    }
    /// Empty when it can be filled; else why not.
    QString whyNoFullDisk() const
    {
        if (mounted_)
            return {};
        return chmodOnly_ ? QStringLiteral("a full disk needs a small tmpfs, which only root can mount")
                          : why_;
    }
    /// The system's words for a write refused here.
    QString expectedReason(bool full) const
    {
        if (!mounted_)
            return QStringLiteral("Permission denied");
        return full ? QStringLiteral("No space left on device")
                    : QStringLiteral("the file system is read-only");
    }
    QString path() const
    {
        return dir_.path();
    }
    QString filePath(const QString& name) const
    {
        return dir_.filePath(name);
    }

    bool makeReadOnly()
    {
        return setReadOnly(true);
    }
    bool makeWritable()
    {
        return setReadOnly(false);
    }

    /// Takes every free block with a filler file (tmpfs only).
    bool fill()
    {
        QFile filler(filePath(QStringLiteral(".filler")));
        if (!mounted_ || !filler.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
            return false;
        const QByteArray block(4096, 'f');
        while (filler.write(block) == block.size()) {
        }
        // A last partial block may still fit.
        while (filler.write(block.left(64)) == 64) {
        }
        return filler.error() != QFileDevice::NoError;
    }

private:
    bool setReadOnly(bool readOnly)
    {
        if (readOnly_ == readOnly)
            return true;
#ifdef Q_OS_LINUX
        if (mounted_) {
            const unsigned long flags = readOnly ? MS_REMOUNT | MS_RDONLY : MS_REMOUNT;
            if (::mount("tmpfs", QFile::encodeName(dir_.path()).constData(), "tmpfs", flags, nullptr) != 0)
                return false;
            readOnly_ = readOnly;
            return true;
        }
#endif
        if (!chmodOnly_)
            return false;
        const auto writable = QFileDevice::WriteOwner | QFileDevice::WriteUser;
        const auto permissions = QFile::permissions(dir_.path());
        if (!QFile::setPermissions(dir_.path(), readOnly ? permissions & ~writable : permissions | writable))
            return false;
        readOnly_ = readOnly;
        return true;
    }

    QTemporaryDir dir_;
    QString why_;
    bool mounted_ = false;
    bool chmodOnly_ = false;
    bool readOnly_ = false;
};

/// The child of crashIsRecovered(): a real window with a bundle, pasted lines and a note, which says
/// "ready <recovery file>" once they are in its recovery file and then waits to be killed.
int runCrashingWindow()
{
    useTestSettings(qEnvironmentVariable(kChildEnv), QStringLiteral("tst_recovery"));
    auto* window = new MainWindow; // never deleted: the process is killed
    recoveryOf(*window)->setWriteDelay(kWriteDelayMs);
    window->show();
    window->openInputs({demoBundle()});
    if (!waitForAnalysis(*window, 1))
        return 3;
    QString error;
    if (!workspaceOf(*window)->openPastedText(pastedLines(), &error) || !waitForAnalysis(*window, 2))
        return 4;
    incidentsOf(*window)->selectIncident(1);
    incidentsOf(*window)->detailPanel()->noteEditor()->setPlainText(kChildNote);
    RecoveryController* recovery = recoveryOf(*window);
    if (!QTest::qWaitFor(
            [&] {
                return !recovery->filePath().isEmpty() &&
                       readAll(recovery->filePath()).contains(kChildNote.toUtf8());
            },
            kTimeoutMs))
        return 5;
    std::printf("ready %s\n", qPrintable(recovery->filePath()));
    std::fflush(stdout);
    return QApplication::exec();
}

} // namespace

/// This test program's absolute path (set first thing in main()).
QString& selfPath()
{
    static QString path;
    return path;
}

class TestRecovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(settingsDir_.isValid());
        QVERIFY(dir_.isValid());
        useTestSettings(settingsDir_.path(), QStringLiteral("tst_recovery"));
    }

    void init()
    {
        // Each test has a recovery folder of its own.
        folder_ = dir_.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QSettings settings;
        settings.clear();
        settings.setValue(QStringLiteral("recovery/folder"), folder_);
        settings.sync();
    }

    void writtenWhileOpenAndRemovedOnClose()
    {
        OfferLog log;
        MainWindow window;
        prepare(window, log);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RecoveryController* recovery = recoveryOf(window);
        QCOMPARE(recovery->folder(), folder_);
        QSignalSpy written(recovery, &RecoveryController::written);
        QTest::qWait(3 * kWriteDelayMs);
        QVERIFY(written.isEmpty()); // nothing open, nothing to keep
        QVERIFY(!QFileInfo::exists(folder_) || namesIn(folder_).isEmpty());

        // Opening inputs writes it; each time it is a whole session (QSaveFile: never half a file).
        window.openInputs({demoBundle()});
        QVERIFY(waitForAnalysis(window, 1));
        QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty(), kTimeoutMs);
        const QString path = recovery->filePath();
        QCOMPARE(QFileInfo(path).absolutePath(), folder_);
        QVERIFY2(QFileInfo(path).fileName().startsWith(
                     QStringLiteral("recovery-%1-").arg(QCoreApplication::applicationPid())),
                 qPrintable(path));
        QCOMPARE(namesIn(folder_), (QStringList{QFileInfo(path).fileName(),
                                                QFileInfo(path).fileName() + QStringLiteral(".lock")}));
        QString error;
        auto session = WorkbenchSession::load(path, &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->inputs.size(), std::size_t{1});
        QCOMPARE(session->inputs[0].path, QDir::cleanPath(demoBundle()));

        // Pasted lines are kept as text.
        written.clear();
        QVERIFY2(workspaceOf(window)->openPastedText(pastedLines(), &error), qPrintable(error));
        QVERIFY(waitForAnalysis(window, 2));
        QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty(), kTimeoutMs);
        session = WorkbenchSession::load(path, &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->inputs.size(), std::size_t{2});
        QCOMPARE(session->inputs[1].pastedText, pastedLines());

        // Typing a note: not a write per keystroke, one shortly after, with the whole note.
        incidentsOf(window)->selectIncident(1);
        QPlainTextEdit* editor = incidentsOf(window)->detailPanel()->noteEditor();
        recovery->setWriteDelay(2000); // the window's own delay
        written.clear();
        QTest::keyClicks(editor, QStringLiteral("Theme update at 10:50"));
        QTest::qWait(100);
        QVERIFY(written.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 10000);
        QTest::qWait(500);
        QCOMPARE(written.count(), 1);
        session = WorkbenchSession::load(path, &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->notes, incidentsOf(window)->detailPanel()->notes());
        QVERIFY(session->notes.values().contains(QStringLiteral("Theme update at 10:50")));
        // Only the file and its lock: no temporary file is left behind.
        QCOMPARE(namesIn(folder_).size(), 2);

        // A clean close (the notes discarded at the question) removes file and lock.
        QVERIFY(window.close());
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(namesIn(folder_).isEmpty());
        QVERIFY(log.offers.isEmpty());
    }

    void cancelledCloseKeepsIt()
    {
        OfferLog log;
        MainWindow window;
        prepare(window, log);
        window.openInputs({demoBundle()});
        QVERIFY(waitForAnalysis(window, 1));
        incidentsOf(window)->selectIncident(1);
        incidentsOf(window)->detailPanel()->noteEditor()->setPlainText(QStringLiteral("keep me"));
        RecoveryController* recovery = recoveryOf(window);
        QTRY_VERIFY_WITH_TIMEOUT(readAll(recovery->filePath()).contains("keep me"), kTimeoutMs);
        sessionsOf(window)->setSavePrompt(
            [](const QString&) { return SessionController::SaveAnswer::Cancel; });
        QVERIFY(!window.close());
        QVERIFY(QFileInfo::exists(recovery->filePath()));
        // ... and a window destroyed without closing was not lost to a crash: its file goes too.
        const QString path = recovery->filePath();
        {
            MainWindow other;
            prepare(other, log);
            other.openInputs({demoBundle()});
            QVERIFY(waitForAnalysis(other, 1));
            QTRY_VERIFY_WITH_TIMEOUT(!recoveryOf(other)->filePath().isEmpty(), kTimeoutMs);
            QVERIFY(recoveryOf(other)->filePath() != path);
        }
        QCOMPARE(namesIn(folder_), (QStringList{QFileInfo(path).fileName(),
                                                QFileInfo(path).fileName() + QStringLiteral(".lock")}));
    }

    void crashIsRecovered()
    {
        // A real crash: a second process with a real window is killed (SIGKILL) once its recovery
        // file holds a bundle, pasted lines and a note.
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(kChildEnv), settingsDir_.path());
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(selfPath(), {});
        QVERIFY2(child.waitForStarted(), qPrintable(selfPath() + QStringLiteral(": ") + child.errorString()));
        QByteArray said;
        QVERIFY(QTest::qWaitFor(
            [&] {
                said += child.readAllStandardOutput();
                return said.contains('\n') || child.state() == QProcess::NotRunning;
            },
            3 * kTimeoutMs));
        QVERIFY2(said.startsWith("ready "), said.constData());
        const QString orphan = QString::fromLocal8Bit(said.mid(6).trimmed());
        QCOMPARE(QFileInfo(orphan).absolutePath(), folder_);

        // While that window lives, a window of this process does not offer its file.
        {
            OfferLog log;
            MainWindow window;
            prepare(window, log);
            QTest::qWait(100);
            QVERIFY(log.offers.isEmpty());
        }

        child.kill(); // SIGKILL: no destructor, no clean close
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY(QFileInfo::exists(orphan));
        QVERIFY(QFileInfo::exists(orphan + QStringLiteral(".lock"))); // stale: its process is gone

        // The next start offers it; Restore brings the logs, the pasted lines and the note back.
        OfferLog log;
        log.answers << RecoveryController::Answer::Restore;
        MainWindow window;
        prepare(window, log);
        QSignalSpy restored(sessionsOf(window), &SessionController::restored);
        window.show();
        QTRY_COMPARE(log.offers.size(), 1);
        const RecoveryController::Offer& offer = log.offers.front();
        QCOMPARE(offer.path, orphan);
        QCOMPARE(offer.inputs,
                 (QStringList{QStringLiteral("demo-bundle.tar.gz"), QStringLiteral("pasted-1.log")}));
        QCOMPARE(offer.notes, 1);
        QVERIFY(offer.sessionFile.isEmpty());
        QVERIFY(offer.written.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, kTimeoutMs);
        QVERIFY(waitForAnalysis(window, 2));
        const QStringList inputs = workspaceOf(window)->loadedInputs().paths();
        QCOMPARE(inputs[0], QDir::cleanPath(demoBundle()));
        QVERIFY(workspaceOf(window)->isPasted(inputs[1]));
        QCOMPARE(QString::fromUtf8(readAll(inputs[1])), pastedLines());
        QVERIFY(incidentsOf(window)->detailPanel()->notes().values().contains(kChildNote));
        // Restored work is unsaved work: the title says so, closing would ask.
        QVERIFY(sessionsOf(window)->isModified());
        QVERIFY(window.isWindowModified());
        QVERIFY(sessionsOf(window)->sessionPath().isEmpty());

        // The file is this window's now: locked by it, and written by it.
        QCOMPARE(recoveryOf(window)->filePath(), orphan);
        QLockFile probe(orphan + QStringLiteral(".lock"));
        probe.setStaleLockTime(0);
        QVERIFY(!probe.tryLock(0));
        {
            OfferLog other;
            MainWindow second;
            prepare(second, other);
            QTest::qWait(100);
            QVERIFY(other.offers.isEmpty());
        }
        QVERIFY(window.close());
        QVERIFY(namesIn(folder_).isEmpty());
    }

    void restoreSavesWhereItCameFrom()
    {
        // A window that had a session file open crashed: restored, its work saves to that file.
        const QString sessionFile = dir_.filePath(QStringLiteral("case-4711.gdsession"));
        {
            MainWindow window;
            OfferLog log;
            prepare(window, log);
            window.openInputs({demoBundle()});
            QVERIFY(waitForAnalysis(window, 1));
            QVERIFY(sessionsOf(window)->saveTo(sessionFile));
        }
        WorkbenchSession crashed;
        crashed.inputs.push_back({QDir::cleanPath(demoBundle()), {}, {}, {}});
        crashed.notes.insert(QStringLiteral("1@5"), QStringLiteral("after the last save"));
        crashed.savedAs = sessionFile;
        const QString orphan = folder_ + QStringLiteral("/recovery-1-00000001.gdsession");
        QVERIFY(QDir().mkpath(folder_));
        QString error;
        QVERIFY2(crashed.save(orphan, &error), qPrintable(error));
        QVERIFY(writeStaleLock(orphan));

        OfferLog log;
        log.answers << RecoveryController::Answer::Restore;
        MainWindow window;
        prepare(window, log);
        QSignalSpy restored(sessionsOf(window), &SessionController::restored);
        QTRY_COMPARE(log.offers.size(), 1);
        QCOMPARE(log.offers.front().sessionFile, sessionFile);
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, kTimeoutMs);
        QCOMPARE(sessionsOf(window)->sessionPath(), sessionFile);
        QVERIFY(sessionsOf(window)->isModified());
        QVERIFY(window.windowTitle().contains(QStringLiteral("case-4711")));
        QVERIFY(sessionsOf(window)->save());
        const auto saved = WorkbenchSession::load(sessionFile, &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->notes.value(QStringLiteral("1@5")), QStringLiteral("after the last save"));
        QVERIFY(saved->savedAs.isEmpty()); // only recovery files say where they came from
        QVERIFY(!sessionsOf(window)->isModified());
    }

    void discardAndLater()
    {
        // Two orphans: asked newest first; Discard deletes one and asks about the next, Later keeps
        // it for the next start.
        QVERIFY(QDir().mkpath(folder_));
        QString error;
        QStringList orphans;
        for (int i = 0; i < 2; ++i) {
            WorkbenchSession session;
            session.inputs.push_back({QDir::cleanPath(demoBundle()), {}, {}, {}});
            session.notes.insert(QStringLiteral("1@5"), QStringLiteral("orphan %1").arg(i));
            orphans << folder_ + QStringLiteral("/recovery-%1-0000000%1.gdsession").arg(i + 1);
            QVERIFY2(session.save(orphans.last(), &error), qPrintable(error));
            QFile file(orphans.last());
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(i * 60 - 600),
                                     QFileDevice::FileModificationTime));
        }
        QVERIFY(writeStaleLock(orphans[0])); // one with a stale lock, one without any
        {
            OfferLog log;
            log.answers << RecoveryController::Answer::Discard << RecoveryController::Answer::Later;
            MainWindow window;
            prepare(window, log);
            QTRY_COMPARE(log.offers.size(), 2);
            QCOMPARE(log.offers[0].path, orphans[1]);
            QCOMPARE(log.offers[1].path, orphans[0]);
            QVERIFY(!QFileInfo::exists(orphans[1]));
            QVERIFY(QFileInfo::exists(orphans[0]));
            QVERIFY(workspaceOf(window)->loadedInputs().isEmpty()); // nothing was opened
            QTest::qWait(50);
            QCOMPARE(log.offers.size(), 2);
        }
        QCOMPARE(namesIn(folder_), QStringList{QFileInfo(orphans[0]).fileName()});
        {
            OfferLog log;
            log.answers << RecoveryController::Answer::Discard;
            MainWindow window;
            prepare(window, log);
            QTRY_COMPARE(log.offers.size(), 1);
            QCOMPARE(log.offers[0].path, orphans[0]);
            QCOMPARE(log.offers[0].notes, 1);
        }
        QVERIFY(namesIn(folder_).isEmpty());

        // A recovery file that cannot be read is not offered; it is kept and the status bar says so.
        QVERIFY(writeFile(folder_ + QStringLiteral("/recovery-9-00000009.gdsession"), "{\"schema\": \"x\"}"));
        OfferLog log;
        MainWindow window;
        prepare(window, log);
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("recovery-9-00000009")));
        QVERIFY(log.offers.isEmpty());
        QVERIFY(QFileInfo::exists(folder_ + QStringLiteral("/recovery-9-00000009.gdsession")));
    }

    void liveWindowsDoNotClash()
    {
        OfferLog log;
        MainWindow first;
        MainWindow second;
        prepare(first, log);
        prepare(second, log);
        first.openInputs({demoBundle()});
        QString error;
        QVERIFY2(workspaceOf(second)->openPastedText(pastedLines(), &error), qPrintable(error));
        QVERIFY(waitForAnalysis(first, 1));
        QVERIFY(waitForAnalysis(second, 1));
        incidentsOf(first)->selectIncident(1);
        incidentsOf(first)->detailPanel()->noteEditor()->setPlainText(QStringLiteral("first window"));
        const QString firstPath = recoveryOf(first)->filePath();
        QTRY_VERIFY_WITH_TIMEOUT(readAll(recoveryOf(first)->filePath()).contains("first window"), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!recoveryOf(second)->filePath().isEmpty(), kTimeoutMs);
        const QString secondPath = recoveryOf(second)->filePath();
        QVERIFY(firstPath != secondPath);
        QVERIFY(readAll(secondPath).contains("pasted-1.log"));
        QVERIFY(!readAll(secondPath).contains("first window"));

        // A third window started meanwhile offers neither.
        {
            MainWindow third;
            prepare(third, log);
            QTest::qWait(100);
        }
        QVERIFY(log.offers.isEmpty());

        QVERIFY(first.close());
        QVERIFY(!QFileInfo::exists(firstPath));
        QVERIFY(QFileInfo::exists(secondPath));
        QVERIFY(second.close());
        QVERIFY(namesIn(folder_).isEmpty());
    }

    void unwritableRecoveryFolderIsSaid()
    {
        ScratchFs fs(256);
        if (!fs.whyNoReadOnly().isEmpty())
            QSKIP(qPrintable(fs.whyNoReadOnly()));
        QVERIFY(fs.makeReadOnly());
        QSettings().setValue(QStringLiteral("recovery/folder"), fs.filePath(QStringLiteral("recovery")));
        OfferLog log;
        MainWindow window;
        prepare(window, log);
        window.openInputs({demoBundle()});
        QVERIFY(waitForAnalysis(window, 1));
        QTRY_VERIFY(
            window.statusBar()->currentMessage().contains(QStringLiteral("cannot be kept for recovery")));
        QVERIFY(window.statusBar()->currentMessage().contains(fs.filePath(QStringLiteral("recovery"))));
        QVERIFY(window.close());
    }

    void saveSessionOnReadOnlyOrFullDisk_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("read-only") << false;
        QTest::newRow("full disk") << true;
    }

    void saveSessionOnReadOnlyOrFullDisk()
    {
        QFETCH(bool, full);
        ScratchFs fs(64);
        const QString why = full ? fs.whyNoFullDisk() : fs.whyNoReadOnly();
        if (!why.isEmpty())
            QSKIP(qPrintable(why));

        OfferLog log;
        MainWindow window;
        prepare(window, log);
        window.openInputs({demoBundle()});
        QVERIFY(waitForAnalysis(window, 1));
        incidentsOf(window)->selectIncident(1);
        incidentsOf(window)->detailPanel()->noteEditor()->setPlainText(QStringLiteral("saved once"));
        const QString path = fs.filePath(QStringLiteral("case.gdsession"));
        QVERIFY(sessionsOf(window)->saveTo(path));
        const QByteArray before = readAll(path);
        QVERIFY(before.contains("saved once"));

        incidentsOf(window)->detailPanel()->noteEditor()->setPlainText(
            QStringLiteral("changed since, much longer ") + QString(8000, u'x'));
        QVERIFY(sessionsOf(window)->isModified());
        QVERIFY(full ? fs.fill() : fs.makeReadOnly());
        QVERIFY(!sessionsOf(window)->save());
        const QString warning = takeWarning(window);
        QVERIFY2(warning.contains(path) && warning.contains(fs.expectedReason(full)) &&
                     warning.contains(QStringLiteral("left as it was")),
                 qPrintable(warning));
        QVERIFY(window.statusBar()->currentMessage().contains(path));
        QCOMPARE(readAll(path), before);           // byte for byte
        QVERIFY(sessionsOf(window)->isModified()); // still unsaved: closing asks again
        QCOMPARE(namesIn(fs.path()),
                 full ? (QStringList{QStringLiteral(".filler"), QStringLiteral("case.gdsession")})
                      : QStringList{QStringLiteral("case.gdsession")});

        // Closing with Save fails the same way and keeps the window open.
        sessionsOf(window)->setSavePrompt([](const QString&) { return SessionController::SaveAnswer::Save; });
        QVERIFY(!window.close());
        QVERIFY(!takeWarning(window).isEmpty());
        QCOMPARE(readAll(path), before);
        sessionsOf(window)->setSavePrompt(
            [](const QString&) { return SessionController::SaveAnswer::Discard; });
        QVERIFY(window.close());
    }

    void exportsOnReadOnlyOrFullDisk_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("read-only") << false;
        QTest::newRow("full disk") << true;
    }

    void exportsOnReadOnlyOrFullDisk()
    {
        QFETCH(bool, full);
        ScratchFs fs(4096);
        const QString why = full ? fs.whyNoFullDisk() : fs.whyNoReadOnly();
        if (!why.isEmpty())
            QSKIP(qPrintable(why));

        OfferLog log;
        MainWindow window;
        prepare(window, log);
        window.openInputs({demoBundle()});
        QVERIFY(waitForAnalysis(window, 1));
        IncidentWorkbench* bench = incidentsOf(window);
        const QString findings = fs.filePath(QStringLiteral("findings.json"));
        const QString pdf = fs.filePath(QStringLiteral("report.pdf"));
        const QString csv = ReportExport::csvPathFor(pdf);
        const ReportInputs inputs{bench->analysedImport(), bench->analysis(), bench->rawTextReader(),
                                  bench->detailPanel()->staffNotes()};
        ReportExport report;
        QSignalSpy reported(&report, &ReportExport::finished);
        QSignalSpy exported(bench, &IncidentWorkbench::findingsExported);

        // First written where there is room: these must survive.
        bench->exportFindings(findings);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, kTimeoutMs);
        QCOMPARE(exported.at(0).at(1).toString(), QString());
        report.start(inputs, {}, pdf, csv);
        QTRY_COMPARE_WITH_TIMEOUT(reported.count(), 1, kTimeoutMs);
        QCOMPARE(reported.at(0).at(2).toString(), QString());
        const QByteArray findingsBefore = readAll(findings);
        const QByteArray pdfBefore = readAll(pdf);
        const QByteArray csvBefore = readAll(csv);
        QVERIFY(!findingsBefore.isEmpty() && pdfBefore.startsWith("%PDF") && !csvBefore.isEmpty());

        QVERIFY(full ? fs.fill() : fs.makeReadOnly());
        const QString expected = fs.expectedReason(full);

        // Findings: the window's warning names the file and why.
        incidentsOf(window)->detailPanel()->noteEditor()->setPlainText(QStringLiteral("new note"));
        QTRY_VERIFY(bench->canExportFindings());
        bench->exportFindings(findings);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, kTimeoutMs);
        QVERIFY2(exported.at(1).at(1).toString().contains(expected),
                 qPrintable(exported.at(1).at(1).toString()));
        const QString warning = takeWarning(window);
        QVERIFY2(warning.contains(findings) && warning.contains(expected) &&
                     warning.contains(QStringLiteral("left as it was")),
                 qPrintable(warning));
        QCOMPARE(readAll(findings), findingsBefore);

        // The report's PDF, and its CSV alone (no PDF asked for is not possible: a PDF that cannot be
        // written stops before the CSV, so the CSV is checked with a PDF elsewhere).
        report.start(inputs, {}, pdf, csv);
        QTRY_COMPARE_WITH_TIMEOUT(reported.count(), 2, kTimeoutMs);
        QString error = reported.at(1).at(2).toString();
        QVERIFY2(error.contains(pdf) && error.contains(expected), qPrintable(error));
        QCOMPARE(readAll(pdf), pdfBefore);
        QTemporaryDir elsewhere;
        report.start(inputs, {}, elsewhere.filePath(QStringLiteral("report.pdf")), csv);
        QTRY_COMPARE_WITH_TIMEOUT(reported.count(), 3, kTimeoutMs);
        error = reported.at(2).at(2).toString();
        QVERIFY2(error.contains(csv) && error.contains(expected), qPrintable(error));
        QCOMPARE(readAll(csv), csvBefore);
        QStringList names{QStringLiteral("findings.json"), QStringLiteral("report.csv"),
                          QStringLiteral("report.pdf")};
        if (full)
            names.prepend(QStringLiteral(".filler"));
        QCOMPARE(namesIn(fs.path()), names); // no temporary file left
        QVERIFY(window.close());
    }

private:
    QTemporaryDir settingsDir_;
    QTemporaryDir dir_;
    QString folder_;
};

int main(int argc, char* argv[])
{
    // This program's path, for the child it starts. Not QCoreApplication::applicationFilePath(): in a
    // debootstrap chroot (CI) it came back empty, and the child could not be started.
    selfPath() = QFileInfo(QFile::decodeName(argv[0])).absoluteFilePath();
    ScratchFs::isolateMounts();
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    if (qEnvironmentVariableIsSet(kChildEnv))
        return runCrashingWindow();
    TestRecovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_recovery.moc"
