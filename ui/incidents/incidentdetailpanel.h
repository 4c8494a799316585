#pragma once

#include "diagnose/analyzer.h"
#include "incidents/staffnotes.h"
#include "jobs/latestjob.h"
#include "report/incidentreport.h"

#include <QWidget>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QModelIndex;
class QPlainTextEdit;
class QTableView;
class QTextBrowser;

namespace gd {

class EvidenceModel;
class RawTextReader;
struct ImportResult;

/// One incident explained: the cause in plain words, what happened, why this cause (reasoning and
/// the features that decided), other causes, advice, what the logs cannot show, what to collect
/// next, the evidence lines (their text read from the bundle off the UI thread) and a staff note.
class IncidentDetailPanel : public QWidget {
    Q_OBJECT
public:
    explicit IncidentDetailPanel(QWidget* parent = nullptr);
    ~IncidentDetailPanel() override;

    /// A new analysis (of `import`), whose evidence texts are read through `reader` — the log
    /// viewer's, so a member decoded for one is cached for the other (and held once). The incident
    /// shown before stays when it is still there.
    void setAnalysis(std::shared_ptr<const ImportResult> import,
                     std::shared_ptr<const AnalysisResult> analysis, std::shared_ptr<RawTextReader> reader);
    /// Shows incident `id` (or nothing for -1).
    void showIncident(int id);
    int incidentId() const { return incidentId_; }
    void setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter);

    /// Selects evidence row `row` and emits evidenceActivated() for it.
    void activateEvidence(int row);
    /// The selected evidence row, or -1.
    int currentEvidence() const;
    int evidenceCount() const;

    StaffNotes staffNotes() const { return notes_; }
    QMap<QString, QString> notes() const { return notes_.notes(); }
    void setNotes(const QMap<QString, QString>& notes);

    /// The explanation as shown (plain text), for tests and copying.
    QString explanationText() const;
    EvidenceModel* evidenceModel() const { return evidence_; }
    QTableView* evidenceView() const { return evidenceView_; }
    QPlainTextEdit* noteEditor() const { return noteEdit_; }
    /// True while evidence texts are being read.
    bool isLoadingEvidence() const { return loadingEvidence_; }

Q_SIGNALS:
    void evidenceActivated(std::uint16_t source, std::uint32_t line);
    /// The selected evidence row changed (-1 when none).
    void currentEvidenceChanged(int row);
    void notesChanged();
    /// Evidence texts of the shown incident arrived.
    void evidenceLoaded();

private:
    const Incident* findIncident(int id) const;
    void loadEvidenceTexts(const Incident& incident);
    void onNoteEdited();

    QLabel* title_;
    QTextBrowser* explanation_;
    EvidenceModel* evidence_;
    QTableView* evidenceView_;
    QPlainTextEdit* noteEdit_;
    std::shared_ptr<const ImportResult> import_;
    std::shared_ptr<const AnalysisResult> analysis_;
    std::shared_ptr<RawTextReader> reader_;
    std::function<QString(std::int64_t)> formatTime_;
    std::optional<IncidentReport> report_; ///< the shown incident, in the words every report uses
    StaffNotes notes_;
    int incidentId_ = -1;
    bool loadingEvidence_ = false;
    bool settingNote_ = false;
    LatestJob job_; ///< last member: joined before the rest goes
};

} // namespace gd
