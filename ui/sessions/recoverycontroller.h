#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>

class QWidget;

namespace gd {

class RecoveryFile;
class SessionController;
class Workspace;

/// No lost work: keeps the window's session (inputs with pasted text, staff notes, view) in its own
/// recovery file while the window is open, and offers the recovery file a crashed window left.
///
/// Writing: shortly after each change (staff notes edited, inputs opened, a session opened or
/// saved) — at most one write per delay however fast the user types — and only what changed, with
/// QSaveFile. A clean close removes the file after the save question (closeCleanly()); so does
/// destroying the window: only a crash, a kill or a power cut leaves it behind.
/// Offering: offerOrphans() asks about each orphan (newest first) through the prompt: Restore opens
/// it like a session with its notes unsaved, and the file becomes this window's; Discard deletes it
/// and asks about the next; Later keeps them all for the next start.
class RecoveryController : public QObject {
    Q_OBJECT
public:
    enum class Answer { Restore, Discard, Later };
    /// What an orphaned recovery file holds, for the question.
    struct Offer {
        QString path;
        QDateTime written;  ///< local time of its last write
        QStringList inputs; ///< file names of its inputs ("pasted-1.log" for pasted lines)
        int notes = 0;
        QString sessionFile; ///< the session file its window had open; empty when none
    };
    /// Asks what to do with `offer`, and calls `answer` once (at once, or later: the default is a
    /// window-modal message box that does not block the event loop).
    using Prompt = std::function<void(const Offer& offer, std::function<void(Answer)> answer)>;

    /// `folder` is the recovery folder (RecoveryFile::defaultFolder() unless a setting says else);
    /// `window` parents the question.
    RecoveryController(QWidget* window, SessionController* sessions, Workspace* workspace, QString folder);
    ~RecoveryController() override;

    /// Tests and embedders replace the question.
    void setPrompt(Prompt prompt) { prompt_ = std::move(prompt); }
    /// How long after a change the file is written (default 2 s).
    void setWriteDelay(int ms) { timer_.setInterval(ms); }

    /// Offers the orphaned recovery files of the folder, one after the other (see the class).
    void offerOrphans();
    /// The window closes for good: its recovery file is removed and nothing is written any more.
    void closeCleanly();

    const QString& folder() const { return folder_; }
    /// This window's recovery file; empty until something was written.
    QString filePath() const;

Q_SIGNALS:
    /// A line for the status bar (a recovery file cannot be written or read).
    void message(const QString& text);
    /// The recovery file at `path` now holds the window's work.
    void written(const QString& path);

private:
    void schedule();
    void writeNow();
    void answered(Answer answer);

    QPointer<QWidget> window_;
    SessionController* sessions_;
    Workspace* workspace_;
    QString folder_;
    Prompt prompt_;
    QTimer timer_;
    std::unique_ptr<RecoveryFile> own_;     ///< this window's file
    std::unique_ptr<RecoveryFile> offered_; ///< the orphan being asked about (locked meanwhile)
    QStringList later_;                     ///< orphans not to offer again in this run
    QString lastError_;
    bool closed_ = false;
};

} // namespace gd
