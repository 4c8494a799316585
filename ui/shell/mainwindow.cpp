#include "shell/mainwindow.h"

#include "common/atomicwrite.h"
#include "events/eventspanel.h"
#include "export/reportexportdialog.h"
#include "incidents/incidentdetailpanel.h"
#include "incidents/incidentspanel.h"
#include "incidents/incidentworkbench.h"
#include "logviewer/logviewer.h"
#include "sessions/recoverycontroller.h"
#include "sessions/sessioncontroller.h"
#include "shell/collectscriptdialog.h"
#include "shell/filedropfilter.h"
#include "shell/importprogresswidget.h"
#include "shell/messagearea.h"
#include "shell/placeholderpanel.h"
#include "shell/recentmenu.h"
#include "shell/timedisplaysession.h"
#include "shell/welcomepanel.h"
#include "shell/workbenchactions.h"
#include "shell/workspace.h"
#include "sources/sourcespanel.h"
#include "timeline/timelinechart.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace gd {

namespace {
constexpr int kWelcomePage = 0;
constexpr int kWorkPage = 1;
constexpr int kStatusMessageMs = 8000;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , workspace_(new Workspace(this))
    , actions_(new WorkbenchActions(this))
    , sourcesPanel_(new SourcesPanel(this))
    , progress_(new ImportProgressWidget(this))
    , zoneStatus_(new QLabel(this))
    , pages_(new QStackedWidget(this))
{
    setWindowTitle(tr("Gateway Doctor"));
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    workspace_->setObjectName(QStringLiteral("workspace"));
    actions_->setObjectName(QStringLiteral("workbenchActions"));
    sourcesPanel_->setObjectName(QStringLiteral("sourcesPanel"));
    progress_->setObjectName(QStringLiteral("importProgress"));
    actions_->fillMenuBar(menuBar());

    auto* sourcesDock = new QDockWidget(tr("Sources"), this);
    sourcesDock->setObjectName(QStringLiteral("sourcesDock"));
    sourcesDock->setWidget(sourcesPanel_);
    sourcesDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, sourcesDock);
    resizeDocks({sourcesDock}, {420}, Qt::Horizontal);

    pages_->addWidget(new WelcomePanel(
        {actions_->open(), actions_->openFolder(), actions_->pasteLines(), actions_->openSession()}, this));
    pages_->addWidget(createWorkArea());
    setCentralWidget(pages_);
    auto* navigateToolBar = addToolBar(tr("Navigate"));
    navigateToolBar->setObjectName(QStringLiteral("navigateToolBar"));
    incidents_->addNavigation(
        menuBar()->insertMenu(menuBar()->actions().constLast(), new QMenu(tr("&Navigate"), this))->menu(),
        navigateToolBar);

    zoneStatus_->setObjectName(QStringLiteral("zoneStatus"));
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(zoneStatus_);

    connectActions();
    connectWorkspace();
    createSessions(); // after connectWorkspace: restores follow showImport
    updateTitle();
    connect(new FileDropFilter(this), &FileDropFilter::pathsDropped, this, &MainWindow::openInputs);

    resize(1280, 820);
    settings_.restoreWindow(this);
    actions_->setTimeDisplayMode(settings_.timeDisplayMode());
    updateTimeDisplay(TimeDisplay(settings_.timeDisplayMode(), {}));
    RecentFiles recent = settings_.recentFiles();
    if (recent.pruneMissing())
        settings_.setRecentFiles(recent);
    actions_->recentMenu()->setEntries(recent.entries());
}

MainWindow::~MainWindow() = default;

void MainWindow::createSessions()
{
    timeDisplaySession_ = std::make_unique<TimeDisplaySession>(this);
    // Restored in this order: the incident is selected before the events table picks its event.
    sessions_ = new SessionController(this, workspace_, actions_,
                                      {incidents_, eventsPanel_, timeDisplaySession_.get()});
    sessions_->setObjectName(QStringLiteral("sessions"));
    connect(sessions_, &SessionController::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 2 * kStatusMessageMs); });
    connect(sessions_, &SessionController::titleChanged, this, &MainWindow::updateTitle);
    connect(sessions_, &SessionController::sessionUsed, this,
            [this](const QString& path) { rememberRecent({path}); });
    connect(sessions_, &SessionController::inputProblems, sourcesPanel_->messages(),
            &MessageArea::setDiagnostics);
    connect(sessions_, &SessionController::failed, this, &MainWindow::showWarning);

    recovery_ = new RecoveryController(this, sessions_, workspace_, settings_.recoveryFolder());
    recovery_->setObjectName(QStringLiteral("recovery"));
    connect(recovery_, &RecoveryController::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 2 * kStatusMessageMs); });
    // Once the window is up: what a crashed window left is offered (a question that does not block).
    QTimer::singleShot(0, recovery_, &RecoveryController::offerOrphans);
}

QWidget* MainWindow::createWorkArea()
{
    // Chart on top; below it the incidents (table beside the detail), then the events over the log
    // viewer, so evidence and events show their lines while the incident stays explained.
    eventsPanel_ = new EventsPanel(this);
    eventsPanel_->setObjectName(QStringLiteral("eventsPanel"));
    logViewer_ = new LogViewer(this);
    logViewer_->setObjectName(QStringLiteral("logViewer"));
    connect(eventsPanel_, &EventsPanel::eventActivated, logViewer_, &LogViewer::showLine);
    incidents_ = new IncidentWorkbench(this, eventsPanel_, logViewer_);
    incidents_->setObjectName(QStringLiteral("incidentWorkbench"));

    workSplitter_ = new QSplitter(Qt::Vertical, this);
    workSplitter_->setObjectName(QStringLiteral("workSplitter"));
    workSplitter_->addWidget(incidents_->chart());

    auto* incidents = new QSplitter(Qt::Horizontal, workSplitter_);
    incidents->setObjectName(QStringLiteral("incidentsSplitter"));
    incidents->addWidget(incidents_->incidentsPanel());
    incidents->addWidget(incidents_->detailPanel());
    incidents->setStretchFactor(0, 2);
    incidents->setStretchFactor(1, 2);
    workSplitter_->addWidget(incidents);

    auto* events = new QSplitter(Qt::Vertical, workSplitter_);
    events->setObjectName(QStringLiteral("eventsSplitter"));
    events->addWidget(eventsPanel_);
    events->addWidget(logViewer_);
    workSplitter_->addWidget(events);
    workSplitter_->setSizes({240, 340, 380});
    return workSplitter_;
}

void MainWindow::connectActions()
{
    connect(actions_->open(), &QAction::triggered, this, &MainWindow::openWithDialog);
    connect(actions_->openFolder(), &QAction::triggered, this, &MainWindow::openFolderWithDialog);
    connect(actions_->pasteLines(), &QAction::triggered, this, &MainWindow::pasteLogLines);
    connect(actions_->quit(), &QAction::triggered, this, &QWidget::close);
    connect(actions_->about(), &QAction::triggered, this, &MainWindow::showAbout);
    connect(actions_->collectScript(), &QAction::triggered, this, [this] {
        auto* dialog = new CollectScriptDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("collectScriptDialog"));
        dialog->show();
    });
    connect(actions_->exportFindings(), &QAction::triggered, this, &MainWindow::exportFindingsWithDialog);
    connect(actions_->exportReport(), &QAction::triggered, this, &MainWindow::showReportExportDialog);
    connect(actions_->recentMenu(), &RecentMenu::openRequested, this, [this](const QString& path) {
        if (QFileInfo::exists(path)) {
            openInputs({path});
            return;
        }
        statusBar()->showMessage(tr("%1 no longer exists").arg(path), kStatusMessageMs);
        RecentFiles recent = settings_.recentFiles();
        recent.pruneMissing();
        settings_.setRecentFiles(recent);
        actions_->recentMenu()->setEntries(recent.entries());
    });
    connect(actions_->recentMenu(), &RecentMenu::clearRequested, this, [this] {
        settings_.setRecentFiles(RecentFiles());
        actions_->recentMenu()->setEntries({});
    });
    connect(actions_, &WorkbenchActions::timeDisplayModeChanged, this, &MainWindow::setTimeDisplayMode);
    connect(progress_, &ImportProgressWidget::cancelRequested, workspace_, &Workspace::cancelImport);

    connect(this, &MainWindow::timeDisplayChanged, sourcesPanel_, &SourcesPanel::setTimeDisplay);
    connect(this, &MainWindow::timeDisplayChanged, incidents_, &IncidentWorkbench::setTimeDisplay);
    connect(incidents_, &IncidentWorkbench::analysisFinished, this, [this](int found, qint64 elapsedMs) {
        const QString incidents = found == 0   ? tr("No 502/504 incidents found")
                                  : found == 1 ? tr("1 incident of 502/504 found")
                                               : tr("%1 incidents of 502/504 found").arg(found);
        const QString took = elapsedMs < 1 ? tr("under 1 ms") : tr("%1 ms").arg(elapsedMs);
        statusBar()->showMessage(tr("%1 (analysis took %2)").arg(incidents, took), kStatusMessageMs);
        setExportActionsEnabled(incidents_->canExportFindings());
    });
    connect(incidents_, &IncidentWorkbench::findingsExported, this,
            [this](const QString& path, const QString& error) {
                if (error.isEmpty())
                    statusBar()->showMessage(tr("Findings written to %1").arg(QDir::toNativeSeparators(path)),
                                             kStatusMessageMs);
                else
                    showWarning(tr("Export Findings"), writeFailureMessage(path, error));
            });
    connect(this, &MainWindow::timeDisplayChanged, eventsPanel_, [this](const TimeDisplay& display) {
        // Milliseconds only where a log wrote them, so second-resolution logs stay short.
        eventsPanel_->setTimeFormatter(
            [display](std::int64_t utcMs) { return display.dateTime(utcMs, utcMs % 1000 != 0); });
    });
}

void MainWindow::connectWorkspace()
{
    connect(workspace_, &Workspace::importStarted, this, [this] {
        progress_->begin();
        statusBar()->clearMessage();
        setExportActionsEnabled(false); // until the new logs are analysed
        // On an empty window the chart fills in while the import runs.
        if (!workspace_->result())
            pages_->setCurrentIndex(kWorkPage);
    });
    connect(workspace_, &Workspace::importProgress, progress_, &ImportProgressWidget::setProgress);
    connect(workspace_, &Workspace::importPartialCounts, incidents_, &IncidentWorkbench::showPartialCounts);
    connect(workspace_, &Workspace::importFinished, this, &MainWindow::showImport);
    connect(workspace_, &Workspace::importCancelled, this, [this] {
        progress_->end();
        incidents_->importCancelled();
        setExportActionsEnabled(incidents_->canExportFindings());
        if (!workspace_->result())
            pages_->setCurrentIndex(kWelcomePage);
        statusBar()->showMessage(tr("Import cancelled; what was open before is still shown"),
                                 kStatusMessageMs);
    });
    connect(workspace_, &Workspace::inputsOpened, this, &MainWindow::rememberRecent);
}

void MainWindow::openInputs(const QStringList& paths)
{
    QStringList existing;
    QStringList missing;
    for (const QString& path : sessions_->openSessionsAmong(paths))
        (QFileInfo::exists(path) ? existing : missing) << path;
    if (!missing.isEmpty())
        statusBar()->showMessage(tr("Not found: %1").arg(missing.join(QStringLiteral(", "))),
                                 kStatusMessageMs);
    if (!existing.isEmpty() && !workspace_->open(existing) && missing.isEmpty())
        statusBar()->showMessage(tr("Already open"), kStatusMessageMs);
}

void MainWindow::pasteLogLines()
{
    QString error;
    if (!workspace_->openPastedText(QGuiApplication::clipboard()->text(), &error))
        statusBar()->showMessage(error, kStatusMessageMs);
}

void MainWindow::showImport(std::shared_ptr<const ImportResult> result)
{
    progress_->end();
    sourcesPanel_->setImport(result);
    eventsPanel_->setImport(result);
    logViewer_->setImport(result);
    incidents_->setImport(result);
    pages_->setCurrentIndex(kWorkPage);
    updateTimeDisplay(TimeDisplay(timeDisplay_.mode(), ServerZone::fromImport(*result)));
    const std::size_t events = result->timeline ? result->timeline->size() : 0;
    const QLocale locale;
    statusBar()->showMessage(tr("Loaded %1 sources, %2 events")
                                 .arg(locale.toString(static_cast<qulonglong>(result->sources.size())),
                                      locale.toString(static_cast<qulonglong>(events))));
    updateTitle();
}

void MainWindow::setTimeDisplayMode(TimeDisplay::Mode mode)
{
    actions_->setTimeDisplayMode(mode);
    settings_.setTimeDisplayMode(mode);
    updateTimeDisplay(TimeDisplay(mode, timeDisplay_.serverZone()));
}

void MainWindow::updateTimeDisplay(TimeDisplay display)
{
    timeDisplay_ = std::move(display);
    zoneStatus_->setText(tr("Times: %1").arg(timeDisplay_.zoneLabel()));
    Q_EMIT timeDisplayChanged(timeDisplay_);
}

void MainWindow::rememberRecent(const QStringList& paths)
{
    RecentFiles recent = settings_.recentFiles();
    for (const QString& path : paths)
        recent.add(path);
    settings_.setRecentFiles(recent);
    actions_->recentMenu()->setEntries(recent.entries());
}

void MainWindow::openWithDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Logs"), QString(),
        tr("Logs and bundles (*.log *.log.* *.gz *.tgz *.tar *.tar.* *.zip *.txt messages* syslog*);;"
           "All files (*)"));
    if (!files.isEmpty())
        openInputs(files);
}

void MainWindow::openFolderWithDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder of Logs"));
    if (!folder.isEmpty())
        openInputs({folder});
}

void MainWindow::showWarning(const QString& title, const QString& text)
{
    // open(), not exec(): a warning must not stop the event loop (imports keep running behind it).
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::exportFindingsWithDialog()
{
    if (!incidents_->canExportFindings())
        return;
    // Next to the first opened bundle, named after it ("site-logs.tar.gz" -> "site-logs-findings.json").
    const QStringList inputs = workspace_->loadedInputs().paths();
    QString suggestion = QDir::home().filePath(QStringLiteral("findings.json"));
    if (!inputs.isEmpty() && !workspace_->isPasted(inputs.front())) {
        const QFileInfo first(inputs.front());
        suggestion = first.dir().filePath(first.fileName().section(QLatin1Char('.'), 0, 0) +
                                          QStringLiteral("-findings.json"));
    }
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Findings"), suggestion, tr("JSON (*.json)"));
    if (!path.isEmpty())
        incidents_->exportFindings(path);
}

void MainWindow::showReportExportDialog()
{
    if (!incidents_->canExportFindings())
        return;
    auto* dialog =
        new ReportExportDialog({incidents_->analysedImport(), incidents_->analysis(),
                                incidents_->rawTextReader(), incidents_->detailPanel()->staffNotes()},
                               this);
    dialog->setObjectName(QStringLiteral("reportExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportExportDialog::exportFinished, this,
            [this](const QString& pdfPath, const QString& csvPath, const QString& error) {
                if (!error.isEmpty())
                    return; // the dialog stays open and says which file failed
                const QString pdf = QDir::toNativeSeparators(pdfPath);
                statusBar()->showMessage(
                    csvPath.isEmpty()
                        ? tr("Report written to %1").arg(pdf)
                        : tr("Report written to %1 and %2").arg(pdf, QDir::toNativeSeparators(csvPath)),
                    kStatusMessageMs);
            });
    dialog->open(); // window-modal; it keeps its own copy of the analysis, so a re-import changes nothing
}

void MainWindow::setExportActionsEnabled(bool enabled)
{
    actions_->exportFindings()->setEnabled(enabled);
    actions_->exportReport()->setEnabled(enabled);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Gateway Doctor"),
        tr("<p><b>Gateway Doctor</b> %1</p><p>Explains nginx 502 and 504 errors from the nginx, "
           "PHP-FPM and system logs of Drupal hosting servers.</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped()));
}

void MainWindow::updateTitle()
{
    // "[*]" is where Qt shows the modified marker (unsaved staff notes).
    const QStringList& inputs = workspace_->loadedInputs().paths();
    QString name = sessions_->sessionName();
    if (name.isEmpty() && !inputs.isEmpty()) {
        name = QFileInfo(inputs.front()).fileName();
        if (inputs.size() > 1)
            name = tr("%1 (+%n more)", nullptr, static_cast<int>(inputs.size() - 1)).arg(name);
    }
    setWindowTitle(name.isEmpty() ? tr("Gateway Doctor[*]") : tr("%1[*] — Gateway Doctor").arg(name));
    setWindowModified(sessions_->isModified());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!sessions_->maybeSave()) {
        event->ignore();
        return;
    }
    recovery_->closeCleanly(); // saved or discarded: nothing left to recover
    settings_.saveWindow(this);
    workspace_->cancelImport();
    QMainWindow::closeEvent(event);
}

} // namespace gd
