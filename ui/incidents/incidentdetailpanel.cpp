#include "incidents/incidentdetailpanel.h"

#include "common/plaintext.h"
#include "import/importresult.h"
#include "import/rawtext.h"
#include "incidents/evidencemodel.h"
#include "logviewer/logviewertext.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimeZone>
#include <QVBoxLayout>

namespace gd {

namespace {

constexpr qsizetype kMaxEvidenceChars = 4000;
constexpr std::size_t kUrlsShown = 8;

QString percent(double share)
{
    return IncidentDetailPanel::tr("%1 %").arg(qRound(share * 100));
}

QString section(const QString& heading, const QString& body)
{
    return QStringLiteral("<h4>%1</h4>%2").arg(heading.toHtmlEscaped(), body);
}

QString paragraph(const QString& text)
{
    return QStringLiteral("<p>%1</p>").arg(htmlText(text));
}

QString bulletList(const QStringList& items)
{
    QString html = QStringLiteral("<ul>");
    for (const QString& item : items)
        html += QStringLiteral("<li>%1</li>").arg(htmlText(item));
    return html + QStringLiteral("</ul>");
}

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
    auto* evidenceLabel = new QLabel(tr("Evidence"), evidenceBox);
    evidenceLayout->addWidget(evidenceLabel);
    evidenceLayout->addWidget(evidenceView_, 1);

    auto* noteBox = new QWidget(this);
    auto* noteLayout = new QVBoxLayout(noteBox);
    noteLayout->setContentsMargins(0, 0, 0, 0);
    noteLayout->setSpacing(2);
    noteLayout->addWidget(new QLabel(tr("Staff note"), noteBox));
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
        title_->setText(analysis_ && analysis_->incidents.empty() ? tr("No 502/504 incidents in these logs")
                                                                  : tr("Select an incident"));
        explanation_->clear();
        evidence_->setEvidence({}, {});
        loadingEvidence_ = false;
        return;
    }
    title_->setText(tr("#%1 %2 — %3 confidence")
                        .arg(incident->id)
                        .arg(causeTitle(incident->cause), percent(incident->confidence)));
    explanation_->setHtml(explanationHtml(*incident));
    QStringList paths;
    if (import_) {
        for (const SourceInfo& source : import_->sources)
            paths << source.path;
    }
    evidence_->setEvidence(incident->evidence, paths);
    loadEvidenceTexts(*incident);
}

QString IncidentDetailPanel::explanationHtml(const Incident& incident) const
{
    QString html = paragraph(causeExplanation(incident.cause));
    html += section(
        tr("What happened"),
        paragraph(incident.summary) +
            paragraph(tr("From %1 to %2").arg(formatTime_(incident.startMs), formatTime_(incident.endMs))));
    QString why = paragraph(incident.reasoning);
    if (!incident.features.empty()) {
        why += QStringLiteral(
            "<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse'>");
        why += QStringLiteral("<tr><th align='left'>%1</th><th align='left'>%2</th></tr>")
                   .arg(tr("Feature").toHtmlEscaped(), tr("Value").toHtmlEscaped());
        for (const Feature& feature : incident.features)
            why += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                       .arg(htmlText(feature.name), htmlText(feature.value));
        why += QStringLiteral("</table>");
    }
    html += section(tr("Why this cause"), why);
    if (!incident.alternatives.empty()) {
        QStringList alternatives;
        for (const CauseScore& score : incident.alternatives)
            alternatives << tr("%1 (%2) — %3")
                                .arg(causeTitle(score.cause), QString::fromLatin1(causeId(score.cause)),
                                     percent(score.confidence));
        html += section(tr("Other possible causes"), bulletList(alternatives));
    }
    if (!incident.advice.isEmpty())
        html += section(tr("What to do"), paragraph(incident.advice));
    if (!incident.urls.empty()) {
        QStringList urls;
        for (std::size_t i = 0; i < incident.urls.size() && i < kUrlsShown; ++i) {
            const UrlStat& url = incident.urls[i];
            urls << tr("%1%2 — %3 of %4 failed").arg(url.host, url.path).arg(url.failed).arg(url.requests);
        }
        if (incident.urls.size() > kUrlsShown)
            urls << tr("… and %n more", nullptr, static_cast<int>(incident.urls.size() - kUrlsShown));
        html += section(tr("Failing URLs"), bulletList(urls));
    }
    if (!incident.limits.isEmpty())
        html += section(tr("What these logs cannot show"), bulletList(incident.limits));
    if (!incident.collectNext.isEmpty())
        html += section(tr("Collect next"), bulletList(incident.collectNext));
    return html;
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
                texts << tr("(line not readable: %1)").arg(error);
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
    if (const Incident* incident = findIncident(incidentId_))
        explanation_->setHtml(explanationHtml(*incident));
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
