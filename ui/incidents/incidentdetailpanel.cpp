#include "incidents/incidentdetailpanel.h"

#include "import/importresult.h"
#include "import/rawtext.h"
#include "incidents/evidencemodel.h"
#include "logviewer/logviewertext.h"
#include "report/reporthtml.h"
#include "report/reportwords.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimeZone>
#include <QVBoxLayout>

namespace gd {

namespace {

constexpr qsizetype kMaxEvidenceChars = 4000;

} // namespace

IncidentDetailPanel::IncidentDetailPanel(QWidget* parent)
    : QWidget(parent)
    , title_(new QLabel(this))
    , explanation_(new QTextBrowser(this))
    , evidence_(new EvidenceModel(this))
    , evidenceView_(new QTableView(this))
    , noteEdit_(new QPlainTextEdit(this))
    , formatTime_([](std::int64_t utcMs) {
        return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()).toString(Qt::ISODate);
    })
    , job_(this)
{
    title_->setObjectName(QStringLiteral("incidentTitle"));
    title_->setTextFormat(Qt::PlainText);
    title_->setWordWrap(true);
    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title_->setFont(titleFont);

    explanation_->setObjectName(QStringLiteral("incidentExplanation"));
    // Nothing in the explanation may load or open anything: it quotes hosts and URLs from logs.
    explanation_->setOpenLinks(false);
    explanation_->setOpenExternalLinks(false);
    explanation_->setUndoRedoEnabled(false);

    evidenceView_->setObjectName(QStringLiteral("evidenceTable"));
    evidenceView_->setModel(evidence_);
    evidenceView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    evidenceView_->setSelectionMode(QAbstractItemView::SingleSelection);
    evidenceView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    evidenceView_->setWordWrap(false);
    evidenceView_->setAlternatingRowColors(true);
    evidenceView_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    evidenceView_->verticalHeader()->hide();
    evidenceView_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    evidenceView_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    evidenceView_->horizontalHeader()->setStretchLastSection(true);
    const int charWidth = fontMetrics().averageCharWidth();
    evidenceView_->setColumnWidth(EvidenceModel::RoleColumn, 24 * charWidth);
    evidenceView_->setColumnWidth(EvidenceModel::TimeColumn, 20 * charWidth);
    evidenceView_->setColumnWidth(EvidenceModel::LocationColumn, 20 * charWidth);
    evidenceView_->setToolTip(tr("Double-click or press Enter to show the line in the log viewer"));
    connect(evidenceView_, &QAbstractItemView::activated, this,
            [this](const QModelIndex& index) { activateEvidence(index.row()); });
    connect(evidenceView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                Q_EMIT currentEvidenceChanged(current.isValid() ? current.row() : -1);
            });

    noteEdit_->setObjectName(QStringLiteral("staffNote"));
    noteEdit_->setPlaceholderText(tr("Staff note for this incident (kept with the session and in reports)"));
    noteEdit_->setTabChangesFocus(true);
    connect(noteEdit_, &QPlainTextEdit::textChanged, this, &IncidentDetailPanel::onNoteEdited);

    auto* evidenceBox = new QWidget(this);
    auto* evidenceLayout = new QVBoxLayout(evidenceBox);
    evidenceLayout->setContentsMargins(0, 0, 0, 0);
    evidenceLayout->setSpacing(2);
    auto* evidenceLabel = new QLabel(reportwords::heading(ReportPart::Evidence), evidenceBox);
    evidenceLayout->addWidget(evidenceLabel);
    evidenceLayout->addWidget(evidenceView_, 1);

    auto* noteBox = new QWidget(this);
    auto* noteLayout = new QVBoxLayout(noteBox);
    noteLayout->setContentsMargins(0, 0, 0, 0);
    noteLayout->setSpacing(2);
    noteLayout->addWidget(new QLabel(reportwords::heading(ReportPart::StaffNote), noteBox));
    noteLayout->addWidget(noteEdit_, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("incidentDetailSplitter"));
    splitter->addWidget(explanation_);
    splitter->addWidget(evidenceBox);
    splitter->addWidget(noteBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 0);
    // The explanation is what this panel is for: in a short window the evidence table and the note
    // give way first (their default minimum heights left the explanation a few lines only).
    const int line = fontMetrics().height();
    evidenceView_->setMinimumHeight(line * 6);
    noteEdit_->setMinimumHeight(line * 2 + 2 * noteEdit_->frameWidth() + 4);
    splitter->setCollapsible(0, false);
    splitter->setSizes({line * 20, line * 8, line * 3});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(title_);
    layout->addWidget(splitter, 1);
    showIncident(-1);
}

IncidentDetailPanel::~IncidentDetailPanel() = default;

void IncidentDetailPanel::setAnalysis(std::shared_ptr<const ImportResult> import,
                                      std::shared_ptr<const AnalysisResult> analysis,
                                      std::shared_ptr<RawTextReader> reader)
{
    reader_ = std::move(reader);
    import_ = std::move(import);
    analysis_ = std::move(analysis);
    const int previous = incidentId_;
    incidentId_ = -2; // force a refresh
    showIncident(findIncident(previous) ? previous : -1);
}

const Incident* IncidentDetailPanel::findIncident(int id) const
{
    return analysis_ ? analysis_->findIncident(id) : nullptr;
}

void IncidentDetailPanel::showIncident(int id)
{
    if (id == incidentId_)
        return;
    const Incident* incident = findIncident(id);
    incidentId_ = incident ? id : -1;
    settingNote_ = true;
    noteEdit_->setPlainText(incident ? notes_.note(*incident) : QString());
    settingNote_ = false;
    noteEdit_->setEnabled(incident != nullptr);
    if (!incident) {
        report_.reset();
        title_->setText(analysis_ && analysis_->incidents.empty() ? reportwords::noIncidents()
                                                                  : tr("Select an incident"));
        explanation_->clear();
        evidence_->setEvidence({}, {});
        loadingEvidence_ = false;
        return;
    }
    static const ImportResult noImport;
    report_ = incidentReport(*incident, import_ ? *import_ : noImport);
    title_->setText(reportwords::headline(report_->id, report_->causeTitle, report_->confidence));
    explanation_->setHtml(incidentHtml(*report_, formatTime_));
    QStringList paths;
    if (import_) {
        for (const SourceInfo& source : import_->sources)
            paths << source.path;
    }
    evidence_->setEvidence(incident->evidence, paths);
    loadEvidenceTexts(*incident);
}

QString IncidentDetailPanel::explanationText() const
{
    return title_->text() + QLatin1Char('\n') + explanation_->toPlainText();
}

void IncidentDetailPanel::loadEvidenceTexts(const Incident& incident)
{
    if (!reader_ || incident.evidence.empty()) {
        loadingEvidence_ = false;
        return;
    }
    loadingEvidence_ = true;
    const int id = incident.id;
    job_.start([this, id, reader = reader_, lines = incident.evidence](const LatestJob::Run& run) {
        QStringList texts;
        std::vector<std::string> raw;
        for (const EvidenceLine& line : lines) {
            if (run.isCancelled())
                return;
            raw.clear();
            QString error;
            if (reader->lines(line.source, line.line, 1, raw, &error) && !raw.empty())
                texts << safeDisplayText(raw.front(), kMaxEvidenceChars);
            else
                texts << reportwords::unreadableLine(error);
        }
        run.deliver([this, id, texts] {
            if (id != incidentId_)
                return;
            evidence_->setTexts(texts);
            loadingEvidence_ = false;
            Q_EMIT evidenceLoaded();
        });
    });
}

void IncidentDetailPanel::setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter)
{
    if (!formatter)
        return;
    formatTime_ = formatter;
    evidence_->setTimeFormatter(std::move(formatter));
    if (report_)
        explanation_->setHtml(incidentHtml(*report_, formatTime_));
}

void IncidentDetailPanel::activateEvidence(int row)
{
    if (row < 0 || row >= evidence_->rowCount())
        return;
    const QModelIndex index = evidence_->index(row, 0);
    evidenceView_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
    evidenceView_->scrollTo(index);
    const EvidenceLine& line = evidence_->evidence()[static_cast<std::size_t>(row)];
    Q_EMIT evidenceActivated(line.source, line.line);
}

int IncidentDetailPanel::currentEvidence() const
{
    const QModelIndex current = evidenceView_->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

int IncidentDetailPanel::evidenceCount() const
{
    return evidence_->rowCount();
}

void IncidentDetailPanel::setNotes(const QMap<QString, QString>& notes)
{
    notes_.setNotes(notes);
    settingNote_ = true;
    const Incident* incident = findIncident(incidentId_);
    noteEdit_->setPlainText(incident ? notes_.note(*incident) : QString());
    settingNote_ = false;
}

void IncidentDetailPanel::onNoteEdited()
{
    const Incident* incident = findIncident(incidentId_);
    if (settingNote_ || !incident)
        return;
    notes_.setNote(*incident, noteEdit_->toPlainText());
    Q_EMIT notesChanged();
}

} // namespace gd
