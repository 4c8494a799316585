#pragma once

#include "import/importresult.h"
#include "shell/timedisplay.h"
#include "shell/workbenchsettings.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace gd {

class EventsPanel;
class ImportProgressWidget;
class IncidentWorkbench;
class LogViewer;
class RecoveryController;
class SessionController;
class SessionParticipant;
class SourcesPanel;
class WorkbenchActions;
class Workspace;

/// The workbench window. It only composes panels; each panel owns its own logic, and those with
/// state worth keeping take part in sessions themselves (SessionParticipant). The parts are not
/// exported: tests find them by object name, as they find any widget.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// The one way in for files, folders and archives: drops, menus, recent files and the command
    /// line all end here. Adds them to what is open and re-imports the union in the background.
    /// A session file among them replaces what is open instead (see SessionController).
    void openInputs(const QStringList& paths);
    /// File ▸ Paste Log Lines: the clipboard's text becomes pasted-N.log and is imported.
    void pasteLogLines();

    const TimeDisplay& timeDisplay() const { return timeDisplay_; }
    void setTimeDisplayMode(TimeDisplay::Mode mode);

Q_SIGNALS:
    /// Every panel that shows times listens to this.
    void timeDisplayChanged(const gd::TimeDisplay& display);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* createWorkArea();
    void connectActions();
    void connectWorkspace();
    void createSessions();
    void showImport(std::shared_ptr<const ImportResult> result);
    void updateTimeDisplay(TimeDisplay display);
    void rememberRecent(const QStringList& paths);
    void openWithDialog();
    void openFolderWithDialog();
    void showAbout();
    void exportFindingsWithDialog();
    void showReportExportDialog();
    /// Both exports need the analysis of the open logs: on when it is shown.
    void setExportActionsEnabled(bool enabled);
    void showWarning(const QString& title, const QString& text);
    void updateTitle();

    WorkbenchSettings settings_;
    Workspace* workspace_;
    WorkbenchActions* actions_;
    SourcesPanel* sourcesPanel_;
    EventsPanel* eventsPanel_ = nullptr;
    LogViewer* logViewer_ = nullptr;
    IncidentWorkbench* incidents_ = nullptr; ///< the chart, incidents table, detail and navigation
    SessionController* sessions_ = nullptr;
    RecoveryController* recovery_ = nullptr; ///< the recovery file of unsaved work
    std::unique_ptr<SessionParticipant> timeDisplaySession_;
    ImportProgressWidget* progress_;
    QLabel* zoneStatus_;
    QStackedWidget* pages_;
    QSplitter* workSplitter_ = nullptr;
    QTabWidget* workTabs_ = nullptr;
    TimeDisplay timeDisplay_;
};

} // namespace gd
