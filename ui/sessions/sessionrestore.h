#pragma once

#include "model/diagnostic.h"
#include "sessions/workbenchsession.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <vector>

namespace gd {

class MainWindow;
struct AnalysisResult;
struct ImportResult;

/// Brings back a session's view once its inputs are imported and analysed: the selected incident
/// (found again by its start when the analysis renumbered), the events filter, the selected event
/// and the chart zoom; lists the inputs that could not be opened in the message area. One-shot:
/// created right after the import was started, it reports finished() once.
class SessionRestore : public QObject {
    Q_OBJECT
public:
    /// `inputs[i]` is where session input i was opened from now (empty when it is missing);
    /// `problems` are shown with the import's own messages.
    SessionRestore(MainWindow* window, WorkbenchSession session, QStringList inputs,
                   std::vector<Diagnostic> problems);

    /// The incident of `analysis` that `saved` was: same id and start, else the same start, else
    /// the one whose span holds that start; -1 when none.
    static int findIncident(const AnalysisResult& analysis, const SessionIncident& saved);

Q_SIGNALS:
    /// Everything is applied (`completed`), or the import was cancelled and nothing was.
    void finished(bool completed);

private:
    void onImported(std::shared_ptr<const ImportResult> result);
    void onAnalysed();
    void selectEvent();
    void applyZoom();
    void finishIfDone();

    MainWindow* window_;
    WorkbenchSession session_;
    QStringList inputs_;
    std::vector<Diagnostic> problems_;
    bool imported_ = false;
    bool analysed_ = false;
    bool waitingEvent_ = false;
    bool waitingZoom_ = false;
    bool done_ = false;
};

} // namespace gd
