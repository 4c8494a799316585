#pragma once

#include "export/reportexportsettings.h"
#include "export/reportinputs.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace gd {

class ReportExport;
class ReportPreview;
class ReportPreviewPane;
class ReportScopePicker;

/// File ▸ Export Report…: chooses what a client's report covers (sites, incidents), how it is
/// redacted and laid out, shows its pages as they will print, and writes the PDF (and a CSV of its
/// incidents) where the user says. The preview and the export run in workers: the window never
/// waits on them. The choices that are not about one analysis are remembered (ReportExportSettings).
class ReportExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReportExportDialog(ReportInputs inputs, QWidget* parent = nullptr);
    ~ReportExportDialog() override;

    /// The report as the dialog's choices make it.
    ClientReportOptions options() const;
    /// "gateway-report-www.example.com-2026-11-24.pdf": the first chosen site and today's date.
    QString suggestedFileName() const;
    /// Writes the PDF to `pdfPath` (and the CSV beside it when chosen) in the background; the
    /// dialog closes when both are written, or says which file could not be. exportFinished() follows.
    void exportTo(const QString& pdfPath);
    bool isExporting() const;
    /// The preview shows the current choices: nothing is waiting to be drawn.
    bool isPreviewCurrent() const;

    void done(int result) override;

Q_SIGNALS:
    /// `error` is empty when the report (and the CSV, when `csvPath` is not empty) was written.
    void exportFinished(const QString& pdfPath, const QString& csvPath, const QString& error);

protected:
    void showEvent(QShowEvent* event) override;
    void reject() override;

private:
    QWidget* createChoices();
    QWidget* createPrivacyGroup();
    QWidget* createLayoutGroup();
    QWidget* createButtonRow();
    void restoreChoices(const ReportExportChoices& choices);
    ReportExportChoices currentChoices() const;
    void choicesChanged();
    void requestPreview();
    void chooseLogo();
    void chooseFileAndExport();
    void exportEnded(const QString& pdfPath, const QString& csvPath, const QString& error);
    void setExporting(bool exporting);

    ReportInputs inputs_;
    QString lastFolder_;
    ReportScopePicker* scope_;
    QCheckBox* redactIps_;
    QCheckBox* maskTokens_;
    QLineEdit* company_;
    QLineEdit* logo_;
    QComboBox* paper_;
    QCheckBox* writeCsv_;
    ReportPreviewPane* previewPane_;
    QWidget* choices_;
    QProgressBar* busy_;
    QLabel* busyText_;
    QDialogButtonBox* buttons_;
    QPushButton* exportButton_;
    QTimer* previewDelay_;
    ReportPreview* preview_;
    ReportExport* export_;
};

} // namespace gd
