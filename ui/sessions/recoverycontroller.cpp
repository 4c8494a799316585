#include "sessions/recoverycontroller.h"

#include "sessions/recoveryfile.h"
#include "sessions/sessioncontroller.h"
#include "shell/workspace.h"

#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace gd {

namespace {

constexpr int kDefaultWriteDelayMs = 2000;

} // namespace

RecoveryController::RecoveryController(QWidget* window, SessionController* sessions, Workspace* workspace,
                                       QString folder)
    : QObject(window)
    , window_(window)
    , sessions_(sessions)
    , workspace_(workspace)
    , folder_(std::move(folder))
    , own_(std::make_unique<RecoveryFile>(folder_))
{
    prompt_ = [this](const Offer& offer, std::function<void(Answer)> answer) {
        QStringList lines;
        lines << tr("Gateway Doctor did not close properly. The work of its window from %1 can be restored:")
                     .arg(QLocale().toString(offer.written, QLocale::ShortFormat));
        if (!offer.sessionFile.isEmpty())
            lines << tr("• session: %1").arg(QFileInfo(offer.sessionFile).fileName());
        lines << tr("• logs: %1").arg(offer.inputs.join(QStringLiteral(", ")));
        lines << tr("• %n staff note(s)", nullptr, offer.notes);
        auto* box = new QMessageBox(QMessageBox::Question, tr("Restore Unsaved Work"), lines.join(u'\n'),
                                    QMessageBox::NoButton, window_);
        box->setObjectName(QStringLiteral("recoveryQuestion"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton* restore = box->addButton(tr("Restore"), QMessageBox::AcceptRole);
        QPushButton* discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
        box->addButton(tr("Later"), QMessageBox::RejectRole)
            ->setToolTip(tr("Keep it and ask again at the next start"));
        box->setDefaultButton(restore);
        // open(), not exec(): the window stays alive behind the question (window-modal).
        connect(box, &QMessageBox::finished, this, [box, restore, discard, answer = std::move(answer)] {
            const auto* clicked = box->clickedButton();
            answer(clicked == restore   ? Answer::Restore
                   : clicked == discard ? Answer::Discard
                                        : Answer::Later);
        });
        box->open();
    };

    timer_.setSingleShot(true);
    timer_.setInterval(kDefaultWriteDelayMs);
    connect(&timer_, &QTimer::timeout, this, &RecoveryController::writeNow);
    connect(sessions_, &SessionController::edited, this, &RecoveryController::schedule);
    connect(sessions_, &SessionController::restored, this, &RecoveryController::schedule);
    connect(sessions_, &SessionController::sessionUsed, this, &RecoveryController::schedule);
    connect(workspace_, &Workspace::importFinished, this, &RecoveryController::schedule);
}

// A window destroyed without closing was not lost to a crash: its file goes too.
RecoveryController::~RecoveryController()
{
    own_->remove();
}

QString RecoveryController::filePath() const
{
    return own_->path();
}

void RecoveryController::schedule()
{
    // Not restarted by every keystroke: the first change starts the clock, later ones ride along.
    if (!closed_ && !timer_.isActive())
        timer_.start();
}

void RecoveryController::writeNow()
{
    if (closed_ || workspace_->loadedInputs().isEmpty())
        return;
    if (sessions_->isRestoring())
        return; // half restored; restored() schedules the write of the whole
    QString error;
    const auto session = sessions_->capture(&error);
    if (session && own_->write(*session, &error)) {
        lastError_.clear();
        Q_EMIT written(own_->path());
        return;
    }
    if (error != lastError_) // said once, not every two seconds
        Q_EMIT message(tr("Unsaved work cannot be kept for recovery: %1").arg(error));
    lastError_ = error;
}

void RecoveryController::offerOrphans()
{
    if (closed_ || offered_)
        return;
    offered_ = RecoveryFile::claimOrphan(folder_, later_);
    if (!offered_)
        return;
    QString error;
    const auto session = offered_->read(&error, nullptr);
    if (!session) { // kept for a look, not offered again in this run
        Q_EMIT message(tr("A recovery file was found but cannot be read (it was kept): %1").arg(error));
        later_ << offered_->path();
        offered_.reset();
        offerOrphans();
        return;
    }
    Offer offer{offered_->path(),
                offered_->lastWritten(),
                {},
                static_cast<int>(session->notes.size()),
                session->savedAs};
    for (const SessionInput& input : session->inputs)
        offer.inputs << (input.isPasted() ? input.pastedName : QFileInfo(input.path).fileName());
    QPointer<RecoveryController> self(this);
    prompt_(offer, [self](Answer answer) {
        if (self)
            self->answered(answer);
    });
}

void RecoveryController::answered(Answer answer)
{
    if (!offered_)
        return; // answered twice, or the window closed meanwhile
    std::unique_ptr<RecoveryFile> orphan = std::move(offered_);
    switch (answer) {
    case Answer::Restore:
        if (sessions_->openRecovered(orphan->path())) {
            own_->remove(); // the restored file is this window's from now on
            own_ = std::move(orphan);
            return;
        }
        later_ << orphan->path(); // not opened (cancelled, or none of its logs found): kept
        return;
    case Answer::Discard:
        orphan->remove();
        offerOrphans();
        return;
    case Answer::Later:
        later_ << orphan->path();
        return;
    }
}

void RecoveryController::closeCleanly()
{
    closed_ = true;
    timer_.stop();
    offered_.reset(); // an orphan still being asked about stays for the next start
    own_->remove();
}

} // namespace gd
