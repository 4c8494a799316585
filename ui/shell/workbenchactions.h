#pragma once

#include "shell/timedisplay.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMenuBar;
class QWidget;

namespace gd {

class RecentMenu;

/// The window's actions with their texts, shortcuts and tooltips, and the menus that show them.
/// Owns no behaviour: the window connects the actions.
class WorkbenchActions : public QObject {
    Q_OBJECT
public:
    explicit WorkbenchActions(QWidget* window);

    void fillMenuBar(QMenuBar* bar);

    TimeDisplay::Mode timeDisplayMode() const;
    /// Checks the matching action without emitting timeDisplayModeChanged.
    void setTimeDisplayMode(TimeDisplay::Mode mode);

    QAction* open() const { return open_; }
    QAction* openFolder() const { return openFolder_; }
    QAction* pasteLines() const { return pasteLines_; }
    QAction* saveSession() const { return saveSession_; }
    QAction* saveSessionAs() const { return saveSessionAs_; }
    QAction* openSession() const { return openSession_; }
    QAction* exportFindings() const { return exportFindings_; }
    QAction* exportReport() const { return exportReport_; }
    QAction* quit() const { return quit_; }
    QAction* collectScript() const { return collectScript_; }
    QAction* about() const { return about_; }
    RecentMenu* recentMenu() const { return recentMenu_; }

Q_SIGNALS:
    void timeDisplayModeChanged(gd::TimeDisplay::Mode mode);

private:
    QAction* makeAction(const QString& text, const QKeySequence& shortcut, const QString& toolTip);

    QWidget* window_;
    QAction* open_;
    QAction* openFolder_;
    QAction* pasteLines_;
    QAction* saveSession_;
    QAction* saveSessionAs_;
    QAction* openSession_;
    QAction* exportFindings_;
    QAction* exportReport_;
    QAction* quit_;
    QAction* collectScript_;
    QAction* about_;
    QActionGroup* timeGroup_;
    QAction* timeServer_;
    QAction* timeUtc_;
    QAction* timeLocal_;
    RecentMenu* recentMenu_;
};

} // namespace gd
