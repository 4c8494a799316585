#include "shell/workbenchactions.h"

#include "shell/recentmenu.h"

#include <QAction>
#include <QActionGroup>
#include <QMenuBar>

namespace gd {

WorkbenchActions::WorkbenchActions(QWidget* window)
    : QObject(window)
    , window_(window)
{
    open_ = makeAction(tr("&Open…"), QKeySequence::Open,
                       tr("Open log files or bundle archives; they are added to what is open"));
    openFolder_ = makeAction(tr("Open &Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                             tr("Open a folder of logs (read recursively)"));
    pasteLines_ = makeAction(tr("&Paste Log Lines"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                             tr("Import log lines from the clipboard as a new file"));
    saveSession_ = makeAction(tr("&Save Session…"), QKeySequence(Qt::CTRL | Qt::Key_S),
                              tr("Save what is open, the staff notes and the view as a session file"));
    saveSessionAs_ = makeAction(tr("Save Session &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                tr("Save the session to a new file"));
    openSession_ = makeAction(tr("Open S&ession…"), QKeySequence(),
                              tr("Open a saved session: its logs, staff notes and view"));
    exportFindings_ =
        makeAction(tr("&Export Findings as JSON…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                   tr("Write the incidents, their evidence lines and the staff notes to a JSON file"));
    exportReport_ = makeAction(tr("Export &Report…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                               tr("Write a PDF report for the client, and a CSV of its incidents"));
    exportFindings_->setEnabled(false); // until an analysis is shown
    exportReport_->setEnabled(false);
    quit_ = makeAction(tr("&Quit"), QKeySequence::Quit, tr("Close the workbench"));
    quit_->setMenuRole(QAction::QuitRole);
    collectScript_ = makeAction(tr("&Log Collection Script…"), QKeySequence(),
                                tr("The script a client runs to pack a server's logs for support"));
    about_ = makeAction(tr("&About Gateway Doctor"), QKeySequence(), tr("Version and purpose"));
    about_->setMenuRole(QAction::AboutRole);

    timeGroup_ = new QActionGroup(this);
    timeGroup_->setExclusive(true);
    timeServer_ = makeAction(tr("&Server Local"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1),
                             tr("Show times in the server's zone, as the logs were written"));
    timeUtc_ = makeAction(tr("&UTC"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_2), tr("Show times in UTC"));
    timeLocal_ = makeAction(tr("&This Computer"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_3),
                            tr("Show times in this computer's zone"));
    for (QAction* action : {timeServer_, timeUtc_, timeLocal_}) {
        action->setCheckable(true);
        timeGroup_->addAction(action);
    }
    timeServer_->setChecked(true);
    connect(timeGroup_, &QActionGroup::triggered, this,
            [this] { Q_EMIT timeDisplayModeChanged(timeDisplayMode()); });

    recentMenu_ = new RecentMenu(window);
}

QAction* WorkbenchActions::makeAction(const QString& text, const QKeySequence& shortcut,
                                      const QString& toolTip)
{
    auto* action = new QAction(text, window_);
    action->setShortcut(shortcut);
    action->setStatusTip(toolTip);
    // Tooltips name the shortcut, as the menus do.
    const QString shortcutText = shortcut.toString(QKeySequence::NativeText);
    action->setToolTip(shortcutText.isEmpty() ? toolTip
                                              : QStringLiteral("%1 (%2)").arg(toolTip, shortcutText));
    window_->addAction(action);
    return action;
}

void WorkbenchActions::fillMenuBar(QMenuBar* bar)
{
    QMenu* file = bar->addMenu(tr("&File"));
    file->setToolTipsVisible(true);
    file->addAction(open_);
    file->addAction(openFolder_);
    file->addMenu(recentMenu_);
    file->addAction(pasteLines_);
    file->addSeparator();
    file->addAction(saveSession_);
    file->addAction(saveSessionAs_);
    file->addAction(openSession_);
    file->addSeparator();
    file->addAction(exportFindings_);
    file->addAction(exportReport_);
    file->addSeparator();
    file->addAction(quit_);

    QMenu* view = bar->addMenu(tr("&View"));
    view->setToolTipsVisible(true);
    QMenu* time = view->addMenu(tr("&Time Display"));
    time->setToolTipsVisible(true);
    time->addActions(timeGroup_->actions());

    QMenu* help = bar->addMenu(tr("&Help"));
    help->setToolTipsVisible(true);
    help->addAction(collectScript_);
    help->addSeparator();
    help->addAction(about_);
}

TimeDisplay::Mode WorkbenchActions::timeDisplayMode() const
{
    if (timeUtc_->isChecked())
        return TimeDisplay::Mode::Utc;
    if (timeLocal_->isChecked())
        return TimeDisplay::Mode::ThisComputer;
    return TimeDisplay::Mode::ServerLocal;
}

void WorkbenchActions::setTimeDisplayMode(TimeDisplay::Mode mode)
{
    switch (mode) {
    case TimeDisplay::Mode::ServerLocal:
        timeServer_->setChecked(true);
        break;
    case TimeDisplay::Mode::Utc:
        timeUtc_->setChecked(true);
        break;
    case TimeDisplay::Mode::ThisComputer:
        timeLocal_->setChecked(true);
        break;
    }
}

} // namespace gd
