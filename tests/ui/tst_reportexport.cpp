// File ▸ Export Report end to end on the offscreen platform: the demo bundle is analysed in a window, the
// dialog lists its sites and incidents, narrowing the sites narrows the incidents, the live preview draws
// real pages, and the export writes a PDF that names only the chosen site and a CSV with one row per
// chosen incident. The choices that are not about one analysis come back in the next dialog.

#include "darkpalette.h"
#include "diagnose/analyzer.h"
#include "export/reportexportdialog.h"
#include "export/reportexportsettings.h"
#include "export/reportpreviewpane.h"
#include "shell/mainwindow.h"
#include "uitestutil.h"
#include "windowparts.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace gd;
using namespace gdtest;

namespace {

constexpr int kTimeoutMs = 60000;

template <typename T> T* dialogPart(const QWidget& dialog, const char* name)
{
    T* part = dialog.findChild<T*>(QString::fromLatin1(name));
    if (!part)
        qFatal("the report dialog has no %s called %s", T::staticMetaObject.className(), name);
    return part;
}

/// The rows of an RFC 4180 document (quoted cells may hold commas, quotes and line breaks).
QList<QStringList> csvRows(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                cell += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << std::exchange(cell, QString());
        } else if (c == QLatin1Char('\n')) {
            row << std::exchange(cell, QString());
            rows << std::exchange(row, QStringList());
        } else if (c != QLatin1Char('\r')) {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty())
        rows << (row << cell);
    return rows;
}

bool hasInk(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            if (qGray(line[x]) < 200)
                return true;
        }
    }
    return false;
}

/// The incidents listed (not hidden) in the dialog, by id.
std::vector<int> listedIncidents(const QListWidget& list)
{
    std::vector<int> ids;
    for (int row = 0; row < list.count(); ++row) {
        if (!list.item(row)->isHidden())
            ids.push_back(list.item(row)->data(Qt::UserRole).toInt());
    }
    return ids;
}

} // namespace

class TestReportExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(settingsDir_.isValid());
        QVERIFY(outputDir_.isValid());
        useTestSettings(settingsDir_.path(), QStringLiteral("tst_reportexport"));
        QSettings().clear();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

        window_ = std::make_unique<MainWindow>();
        window_->resize(1400, 1000);
        QAction* action = actionsOf(*window_)->exportReport();
        QVERIFY(!action->isEnabled()); // nothing analysed yet
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        QSignalSpy analysed(incidentsOf(*window_), &IncidentWorkbench::analysisFinished);
        window_->openInputs({demoBundle()});
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
        analysis_ = incidentsOf(*window_)->analysis();
        QVERIFY(analysis_ && analysis_->incidents.size() >= 2);
    }

    void cleanupTestCase() { window_.reset(); }

    void actionSitsBesideFindingsExport()
    {
        const WorkbenchActions& actions = *actionsOf(*window_);
        QAction* action = actions.exportReport();
        QCOMPARE(action->text(), QStringLiteral("Export &Report…"));
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        QCOMPARE(action->statusTip(),
                 QStringLiteral("Write a PDF report for the client, and a CSV of its incidents"));
        QVERIFY(action->isEnabled());
        QCOMPARE(action->isEnabled(), actions.exportFindings()->isEnabled());
        const QList<QAction*> file = window_->menuBar()->actions().constFirst()->menu()->actions();
        const qsizetype findings = file.indexOf(actions.exportFindings());
        QVERIFY(findings >= 0);
        QCOMPARE(file.value(findings + 1), action);
    }

    void paperFollowsTheLocale()
    {
        using Paper = ClientReportOptions::Paper;
        QCOMPARE(ReportExportSettings::defaultPaper(QLocale(QLocale::English, QLocale::UnitedStates)),
                 Paper::Letter);
        QCOMPARE(ReportExportSettings::defaultPaper(QLocale(QLocale::French, QLocale::Canada)),
                 Paper::Letter);
        QCOMPARE(ReportExportSettings::defaultPaper(QLocale(QLocale::German, QLocale::Germany)), Paper::A4);
        QCOMPARE(ReportExportSettings::defaultPaper(QLocale(QLocale::English, QLocale::UnitedKingdom)),
                 Paper::A4);
    }

    void chooseSitePreviewAndExport()
    {
        ReportExportDialog* dialog = openDialog();
        QVERIFY(dialog);
        auto* sites = dialogPart<QListWidget>(*dialog, "reportSites");
        auto* incidents = dialogPart<QListWidget>(*dialog, "reportIncidents");
        auto* pane = dialogPart<ReportPreviewPane>(*dialog, "reportPreview");

        // Every site the incidents failed on, and every incident, all chosen.
        QStringList expectedSites;
        for (const Incident& incident : analysis_->incidents) {
            for (const QString& host : incident.hosts) {
                if (!expectedSites.contains(host, Qt::CaseInsensitive))
                    expectedSites << host;
            }
        }
        QStringList listedSites;
        for (int row = 0; row < sites->count(); ++row) {
            listedSites << sites->item(row)->text();
            QCOMPARE(sites->item(row)->checkState(), Qt::Checked);
        }
        QCOMPARE(QSet<QString>(listedSites.begin(), listedSites.end()),
                 QSet<QString>(expectedSites.begin(), expectedSites.end()));
        QCOMPARE(incidents->count(), int(analysis_->incidents.size()));
        for (int row = 0; row < incidents->count(); ++row) {
            const Incident& incident = analysis_->incidents[std::size_t(row)];
            const QString text = incidents->item(row)->text();
            QVERIFY2(
                text.startsWith(QStringLiteral("#%1 %2 — ").arg(incident.id).arg(causeTitle(incident.cause))),
                qPrintable(text));
            if (incident.count502 + incident.count504 > 0)
                QVERIFY2(
                    text.endsWith(QStringLiteral(", %1 failed").arg(incident.count502 + incident.count504)),
                    qPrintable(text));
            QVERIFY(!incidents->item(row)->isHidden());
            QCOMPARE(incidents->item(row)->checkState(), Qt::Checked);
        }
        QVERIFY(
            dialog->suggestedFileName().startsWith(QStringLiteral("gateway-report-") + listedSites.front()));
        QVERIFY(dialog->suggestedFileName().endsWith(QDate::currentDate().toString(Qt::ISODate) +
                                                     QStringLiteral(".pdf")));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isPreviewCurrent(), kTimeoutMs);
        QVERIFY(pane->pageCount() >= 1);

        // One site only: the one with the fewest failures, listed last. "None", then check it.
        const QString chosen = listedSites.back();
        const QString unchosen = listedSites.front();
        dialogPart<QPushButton>(*dialog, "reportSitesNone")->click();
        QCOMPARE(listedIncidents(*incidents).size(), std::size_t(0));
        QVERIFY(!dialogPart<QPushButton>(*dialog, "reportExportButton")->isEnabled());
        sites->item(sites->count() - 1)->setCheckState(Qt::Checked);
        std::vector<int> expectedIncidents;
        for (const Incident& incident : analysis_->incidents) {
            if (incident.hosts.contains(chosen, Qt::CaseInsensitive))
                expectedIncidents.push_back(incident.id);
        }
        QVERIFY(!expectedIncidents.empty());
        QVERIFY(expectedIncidents.size() < analysis_->incidents.size()); // the choice narrows
        QCOMPARE(listedIncidents(*incidents), expectedIncidents);
        QVERIFY(dialogPart<QPushButton>(*dialog, "reportExportButton")->isEnabled());

        // Choices that are remembered, all away from their defaults.
        const QString logo = outputDir_.filePath(QStringLiteral("logo.png"));
        QImage logoImage(160, 48, QImage::Format_RGB32);
        logoImage.fill(QColor(0x1d, 0x4e, 0x89));
        QVERIFY(logoImage.save(logo));
        dialogPart<QCheckBox>(*dialog, "reportRedactIps")->setChecked(false);
        dialogPart<QLineEdit>(*dialog, "reportCompany")->setText(QStringLiteral("Example Hosting Ltd"));
        dialogPart<QLineEdit>(*dialog, "reportLogo")->setText(logo);
        auto* paper = dialogPart<QComboBox>(*dialog, "reportPaper");
        paper->setCurrentIndex(paper->findData(static_cast<int>(ClientReportOptions::Paper::Letter)));
        dialogPart<QCheckBox>(*dialog, "reportWriteCsv")->setChecked(true);

        const ClientReportOptions options = dialog->options();
        QCOMPARE(options.hosts, QStringList{chosen});
        QCOMPARE(options.incidents, expectedIncidents);
        QVERIFY(!options.redactIps);
        QVERIFY(options.maskTokens);
        QCOMPARE(options.company, QStringLiteral("Example Hosting Ltd"));
        QCOMPARE(options.logoPath, logo);
        QCOMPARE(options.paper, ClientReportOptions::Paper::Letter);

        // The preview follows the choices, drawn in a worker: pages with something on them.
        QVERIFY(!dialog->isPreviewCurrent()); // waiting for the typing to stop
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isPreviewCurrent(), kTimeoutMs);
        const QList<QImage> pages = pane->pageImages();
        QVERIFY(!pages.isEmpty());
        QVERIFY(std::all_of(pages.begin(), pages.end(), [](const QImage& page) { return !page.isNull(); }));
        QVERIFY(std::any_of(pages.begin(), pages.end(), hasInk));
        const QString pageCount = dialogPart<QLabel>(*dialog, "reportPageCount")->text();
        QCOMPARE(pageCount,
                 pages.size() == 1 ? QStringLiteral("1 page") : QStringLiteral("%1 pages").arg(pages.size()));
        std::printf("preview: %s\n", qPrintable(pageCount));

        // What it looks like, for people reviewing the change.
        const QString shot =
            QCoreApplication::applicationDirPath() + QStringLiteral("/report-export-dialog.png");
        QVERIFY(dialog->grab().save(shot));
        std::printf("screenshot: %s\n", qPrintable(shot));
        // In a dark desktop the dialog follows the palette; the pages stay white paper, as the PDF is.
        const QPalette before = dialog->palette();
        dialog->setPalette(gdtest::darkPalette());
        const QString darkShot =
            QCoreApplication::applicationDirPath() + QStringLiteral("/report-export-dialog-dark.png");
        QVERIFY(dialog->grab().save(darkShot));
        std::printf("screenshot: %s\n", qPrintable(darkShot));
        for (const QImage& page : pane->pageImages())
            QCOMPARE(page.pixelColor(2, 2), QColor(Qt::white));
        dialog->setPalette(before);

        // Export: in a worker, with a busy indicator, the window responsive; then the dialog closes.
        const QString pdf = outputDir_.filePath(QStringLiteral("client report.pdf"));
        const QString csv = outputDir_.filePath(QStringLiteral("client report.csv"));
        QSignalSpy finished(dialog, &ReportExportDialog::exportFinished);
        QPointer<ReportExportDialog> watched(dialog);
        LoopGapMeter gaps;
        dialog->exportTo(pdf);
        QVERIFY(dialog->isExporting());
        QVERIFY(dialogPart<QProgressBar>(*dialog, "reportBusy")->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        std::printf("longest event loop pause while exporting: %lld ms\n",
                    static_cast<long long>(gaps.maxGapMs()));
        QVERIFY(gaps.maxGapMs() < 2000);
        QCOMPARE(finished.at(0).at(0).toString(), pdf);
        QCOMPARE(finished.at(0).at(1).toString(), csv);
        QCOMPARE(finished.at(0).at(2).toString(), QString());
        QTRY_VERIFY(watched.isNull()); // closed and deleted once written
        QVERIFY(window_->statusBar()->currentMessage().contains(QStringLiteral("Report written to")));

        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5).startsWith("%PDF"));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = csvRows(QString::fromUtf8(csvFile.readAll()));
        QCOMPARE(rows.size(), qsizetype(1 + expectedIncidents.size())); // header, then one per incident
        QVERIFY(rows.front().size() > 1);
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), rows.front().size());

        // The text of the PDF names the chosen site and never the others.
        QProcess pdftotext;
        pdftotext.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY2(pdftotext.waitForFinished(kTimeoutMs), "pdftotext (poppler-utils) did not run");
        QCOMPARE(pdftotext.exitCode(), 0);
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
        QVERIFY2(text.contains(chosen), qPrintable(chosen));
        QVERIFY2(!text.contains(unchosen), qPrintable(unchosen));
        QVERIFY(text.contains(QStringLiteral("Example Hosting Ltd")));
    }

    void choicesComeBack()
    {
        // After chooseSitePreviewAndExport: the choices made there, but every site chosen again.
        ReportExportDialog* dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(!dialogPart<QCheckBox>(*dialog, "reportRedactIps")->isChecked());
        QVERIFY(dialogPart<QCheckBox>(*dialog, "reportMaskTokens")->isChecked());
        QCOMPARE(dialogPart<QLineEdit>(*dialog, "reportCompany")->text(),
                 QStringLiteral("Example Hosting Ltd"));
        QCOMPARE(dialogPart<QLineEdit>(*dialog, "reportLogo")->text(),
                 outputDir_.filePath(QStringLiteral("logo.png")));
        QCOMPARE(dialogPart<QComboBox>(*dialog, "reportPaper")->currentData().toInt(),
                 static_cast<int>(ClientReportOptions::Paper::Letter));
        QVERIFY(dialogPart<QCheckBox>(*dialog, "reportWriteCsv")->isChecked());
        QCOMPARE(QSettings().value(QStringLiteral("reportExport/lastFolder")).toString(), outputDir_.path());
        auto* sites = dialogPart<QListWidget>(*dialog, "reportSites");
        for (int row = 0; row < sites->count(); ++row)
            QCOMPARE(sites->item(row)->checkState(), Qt::Checked);
        QVERIFY(dialog->options().hosts.isEmpty()); // every site: the whole server

        // A folder that does not exist: the dialog stays and the message names the file.
        QSignalSpy finished(dialog, &ReportExportDialog::exportFinished);
        const QString nowhere = outputDir_.filePath(QStringLiteral("missing/report.pdf"));
        dialog->exportTo(nowhere);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QVERIFY(!finished.at(0).at(2).toString().isEmpty());
        QVERIFY(!QFileInfo::exists(nowhere));
        QVERIFY(!QFileInfo::exists(outputDir_.filePath(QStringLiteral("missing/report.csv"))));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = dialog->findChild<QMessageBox*>(QStringLiteral("reportExportError"))) &&
                    box->isVisible());
        QVERIFY2(box->text().contains(QDir::toNativeSeparators(nowhere)), qPrintable(box->text()));
        QVERIFY(dialog->isVisible());
        box->close();
        dialog->close();
    }

private:
    ReportExportDialog* openDialog()
    {
        actionsOf(*window_)->exportReport()->trigger();
        auto* dialog = window_->findChild<ReportExportDialog*>(QStringLiteral("reportExportDialog"));
        if (dialog && !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        return dialog;
    }

    QTemporaryDir settingsDir_;
    QTemporaryDir outputDir_;
    std::unique_ptr<MainWindow> window_;
    std::shared_ptr<const AnalysisResult> analysis_;
};

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
