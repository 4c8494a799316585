#include "export/reportexportdialog.h"

#include "export/reportexport.h"
#include "export/reportpreview.h"
#include "export/reportpreviewpane.h"
#include "export/reportscopepicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

namespace gd {

namespace {

/// Quiet time after the last change before the preview is redrawn: typing a company name redraws once.
constexpr int kPreviewDelayMs = 300;

QString fileNamePart(const QString& text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    return QString(text).replace(unsafe, QStringLiteral("-"));
}

} // namespace

ReportExportDialog::ReportExportDialog(ReportInputs inputs, QWidget* parent)
    : QDialog(parent)
    , inputs_(std::move(inputs))
    , scope_(new ReportScopePicker(this))
    , redactIps_(new QCheckBox(tr("Mask client IP addresses"), this))
    , maskTokens_(new QCheckBox(tr("Mask session ids and tokens in URLs"), this))
    , company_(new QLineEdit(this))
    , logo_(new QLineEdit(this))
    , paper_(new QComboBox(this))
    , writeCsv_(new QCheckBox(tr("Also write a CSV of the incidents"), this))
    , previewPane_(new ReportPreviewPane(this))
    , busy_(new QProgressBar(this))
    , busyText_(new QLabel(tr("Writing the report…"), this))
    , previewDelay_(new QTimer(this))
    , preview_(new ReportPreview(this))
    , export_(new ReportExport(this))
{
    setWindowTitle(tr("Export Report"));
    scope_->setObjectName(QStringLiteral("reportScope"));
    redactIps_->setObjectName(QStringLiteral("reportRedactIps"));
    maskTokens_->setObjectName(QStringLiteral("reportMaskTokens"));
    company_->setObjectName(QStringLiteral("reportCompany"));
    logo_->setObjectName(QStringLiteral("reportLogo"));
    paper_->setObjectName(QStringLiteral("reportPaper"));
    writeCsv_->setObjectName(QStringLiteral("reportWriteCsv"));
    previewPane_->setObjectName(QStringLiteral("reportPreview"));
    busy_->setObjectName(QStringLiteral("reportBusy"));

    auto* intro = new QLabel(tr("A report for the client: the chosen incidents in plain words, with their "
                                "evidence and what to do. Nothing about the sites left out appears in it."),
                             this);
    intro->setWordWrap(true);

    auto* previewGroup = new QGroupBox(tr("Preview"), this);
    auto* previewLayout = new QVBoxLayout(previewGroup);
    previewLayout->addWidget(previewPane_);

    choices_ = createChoices();
    auto* columns = new QHBoxLayout;
    columns->addWidget(choices_);
    columns->addWidget(previewGroup, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(columns, 1);
    layout->addWidget(createButtonRow());

    if (inputs_.isValid())
        scope_->setAnalysis(*inputs_.import, *inputs_.analysis);
    restoreChoices(ReportExportSettings::load(QLocale()));

    previewDelay_->setSingleShot(true);
    previewDelay_->setInterval(kPreviewDelayMs);
    connect(previewDelay_, &QTimer::timeout, this, &ReportExportDialog::requestPreview);
    connect(preview_, &ReportPreview::pageCountKnown, previewPane_, &ReportPreviewPane::setPageCount);
    connect(preview_, &ReportPreview::pageReady, previewPane_, &ReportPreviewPane::setPage);
    connect(preview_, &ReportPreview::finished, this, [this] { previewPane_->setUpdating(false); });
    connect(export_, &ReportExport::finished, this, &ReportExportDialog::exportEnded);

    connect(scope_, &ReportScopePicker::changed, this, &ReportExportDialog::choicesChanged);
    for (QCheckBox* box : {redactIps_, maskTokens_})
        connect(box, &QCheckBox::toggled, this, &ReportExportDialog::choicesChanged);
    connect(company_, &QLineEdit::textChanged, this, &ReportExportDialog::choicesChanged);
    connect(logo_, &QLineEdit::textChanged, this, &ReportExportDialog::choicesChanged);
    connect(paper_, &QComboBox::currentIndexChanged, this, &ReportExportDialog::choicesChanged);

    resize(1040, 760);
    choicesChanged();
    if (previewDelay_->isActive())
        previewDelay_->start(0); // the first preview need not wait
}

ReportExportDialog::~ReportExportDialog() = default;

QWidget* ReportExportDialog::createChoices()
{
    auto* column = new QWidget(this);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scope_, 1);
    layout->addWidget(createPrivacyGroup());
    layout->addWidget(createLayoutGroup());
    // Wide enough for an incident's line ("#4 Update Manager timeout — 2026-11-24 14:32, 2 failed").
    column->setMinimumWidth(440);
    column->setMaximumWidth(520);
    return column;
}

QWidget* ReportExportDialog::createPrivacyGroup()
{
    auto* group = new QGroupBox(tr("Privacy"), this);
    redactIps_->setToolTip(tr("Client addresses become client-1, client-2, … in the evidence lines"));
    maskTokens_->setToolTip(tr("Values of session ids, tokens and keys in query strings become [masked]"));
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(redactIps_);
    layout->addWidget(maskTokens_);
    return group;
}

QWidget* ReportExportDialog::createLayoutGroup()
{
    auto* group = new QGroupBox(tr("Document"), this);
    company_->setPlaceholderText(tr("Shown on the cover as the author"));
    company_->setClearButtonEnabled(true);
    logo_->setPlaceholderText(tr("No logo"));
    logo_->setClearButtonEnabled(true);
    auto* chooseLogo = new QPushButton(tr("Choose…"), group);
    chooseLogo->setObjectName(QStringLiteral("reportChooseLogo"));
    chooseLogo->setToolTip(tr("A PNG or JPEG image for the cover"));
    connect(chooseLogo, &QPushButton::clicked, this, &ReportExportDialog::chooseLogo);
    auto* logoRow = new QHBoxLayout;
    logoRow->addWidget(logo_, 1);
    logoRow->addWidget(chooseLogo);

    paper_->addItem(tr("A4 (210 × 297 mm)"), static_cast<int>(ClientReportOptions::Paper::A4));
    paper_->addItem(tr("Letter (8.5 × 11 in)"), static_cast<int>(ClientReportOptions::Paper::Letter));
    writeCsv_->setToolTip(tr("One row per incident, beside the PDF with the same name"));

    auto* form = new QFormLayout(group);
    form->addRow(tr("Company:"), company_);
    form->addRow(tr("Logo:"), logoRow);
    form->addRow(tr("Paper:"), paper_);
    form->addRow(writeCsv_);
    return group;
}

QWidget* ReportExportDialog::createButtonRow()
{
    auto* row = new QWidget(this);
    busy_->setRange(0, 0); // no measure of progress: it only says that work goes on
    busy_->setMaximumWidth(120);
    busy_->setTextVisible(false);
    busy_->hide();
    busyText_->hide();
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Close, row);
    exportButton_ = buttons_->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
    exportButton_->setObjectName(QStringLiteral("reportExportButton"));
    exportButton_->setDefault(true);
    // Not accepted() (nothing listens to it): exporting means choosing a file first, and the dialog
    // closes only once the report is written.
    connect(exportButton_, &QPushButton::clicked, this, &ReportExportDialog::chooseFileAndExport);
    connect(buttons_, &QDialogButtonBox::rejected, this, &ReportExportDialog::reject);

    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(busy_);
    layout->addWidget(busyText_);
    layout->addStretch();
    layout->addWidget(buttons_);
    return row;
}

void ReportExportDialog::restoreChoices(const ReportExportChoices& choices)
{
    redactIps_->setChecked(choices.redactIps);
    maskTokens_->setChecked(choices.maskTokens);
    paper_->setCurrentIndex(paper_->findData(static_cast<int>(choices.paper)));
    company_->setText(choices.company);
    logo_->setText(choices.logoPath);
    writeCsv_->setChecked(choices.writeCsv);
    lastFolder_ = choices.lastFolder;
}

ReportExportChoices ReportExportDialog::currentChoices() const
{
    ReportExportChoices choices;
    choices.redactIps = redactIps_->isChecked();
    choices.maskTokens = maskTokens_->isChecked();
    choices.paper = static_cast<ClientReportOptions::Paper>(paper_->currentData().toInt());
    choices.company = company_->text().trimmed();
    choices.logoPath = logo_->text().trimmed();
    choices.writeCsv = writeCsv_->isChecked();
    choices.lastFolder = lastFolder_;
    return choices;
}

ClientReportOptions ReportExportDialog::options() const
{
    const ReportExportChoices choices = currentChoices();
    ClientReportOptions options;
    // Every site chosen: the whole server, as the analysis saw it (empty means every site).
    if (!scope_->allSitesChosen())
        options.hosts = scope_->chosenSites();
    options.incidents = scope_->chosenIncidents();
    options.redactIps = choices.redactIps;
    options.maskTokens = choices.maskTokens;
    options.company = choices.company;
    options.logoPath = choices.logoPath;
    options.paper = choices.paper;
    return options;
}

QString ReportExportDialog::suggestedFileName() const
{
    const QStringList sites = scope_->chosenSites();
    const QString site = sites.isEmpty() ? QStringLiteral("server") : fileNamePart(sites.front());
    return QStringLiteral("gateway-report-%1-%2.pdf").arg(site, QDate::currentDate().toString(Qt::ISODate));
}

bool ReportExportDialog::isExporting() const
{
    return export_->isRunning();
}

bool ReportExportDialog::isPreviewCurrent() const
{
    return !previewDelay_->isActive() && !preview_->isRunning();
}

void ReportExportDialog::choicesChanged()
{
    const bool canReport = inputs_.isValid() && scope_->hasChoice();
    exportButton_->setEnabled(canReport && !isExporting());
    if (!canReport) {
        previewDelay_->stop();
        preview_->cancel();
        previewPane_->setUpdating(false);
        previewPane_->showMessage(tr("Choose at least one site and one incident"));
        return;
    }
    previewPane_->setUpdating(true);
    previewDelay_->start(kPreviewDelayMs);
}

void ReportExportDialog::requestPreview()
{
    preview_->request(inputs_, options(), previewPane_->thumbnailWidth(), devicePixelRatioF());
}

void ReportExportDialog::chooseLogo()
{
    const QString start = logo_->text().isEmpty() ? lastFolder_ : QFileInfo(logo_->text()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose Logo"), start, tr("Images (*.png *.jpg *.jpeg)"));
    if (!path.isEmpty())
        logo_->setText(path);
}

void ReportExportDialog::chooseFileAndExport()
{
    const QString folder = lastFolder_.isEmpty() ? QDir::homePath() : lastFolder_;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Report"), QDir(folder).filePath(suggestedFileName()), tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    exportTo(path);
}

void ReportExportDialog::exportTo(const QString& pdfPath)
{
    if (isExporting() || !scope_->hasChoice())
        return;
    lastFolder_ = QFileInfo(pdfPath).absolutePath();
    ReportExportSettings::save(currentChoices());
    setExporting(true);
    export_->start(inputs_, options(), pdfPath,
                   writeCsv_->isChecked() ? ReportExport::csvPathFor(pdfPath) : QString());
}

void ReportExportDialog::exportEnded(const QString& pdfPath, const QString& csvPath, const QString& error)
{
    setExporting(false);
    Q_EMIT exportFinished(pdfPath, csvPath, error);
    if (error.isEmpty()) {
        accept();
        return;
    }
    // open(), not exec(): the event loop (and the window behind) keeps running.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Export Report"), error, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("reportExportError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ReportExportDialog::setExporting(bool exporting)
{
    choices_->setEnabled(!exporting);
    exportButton_->setEnabled(!exporting && scope_->hasChoice());
    buttons_->button(QDialogButtonBox::Close)->setEnabled(!exporting);
    busy_->setVisible(exporting);
    busyText_->setVisible(exporting);
}

void ReportExportDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    // Export, not the sites list: a focused list marks its first site as if it were picked out.
    exportButton_->setFocus();
}

void ReportExportDialog::reject()
{
    if (!isExporting()) // closing now would wait for the writer; it takes a moment, then closes itself
        QDialog::reject();
}

void ReportExportDialog::done(int result)
{
    ReportExportSettings::save(currentChoices());
    QDialog::done(result);
}

} // namespace gd
