#include "export/reportexportsettings.h"

#include <QFileInfo>
#include <QLocale>
#include <QSettings>

namespace gd {

namespace {

const QString kRedactIps = QStringLiteral("reportExport/redactIps");
const QString kMaskTokens = QStringLiteral("reportExport/maskTokens");
const QString kPaper = QStringLiteral("reportExport/paper");
const QString kCompany = QStringLiteral("reportExport/company");
const QString kLogo = QStringLiteral("reportExport/logo");
const QString kWriteCsv = QStringLiteral("reportExport/writeCsv");
const QString kLastFolder = QStringLiteral("reportExport/lastFolder");

// Stable words in the settings file, not enum values.
const QString kA4 = QStringLiteral("a4");
const QString kLetter = QStringLiteral("letter");

} // namespace

ClientReportOptions::Paper ReportExportSettings::defaultPaper(const QLocale& locale)
{
    const QLocale::Territory territory = locale.territory();
    return territory == QLocale::UnitedStates || territory == QLocale::Canada
               ? ClientReportOptions::Paper::Letter
               : ClientReportOptions::Paper::A4;
}

ReportExportChoices ReportExportSettings::load(const QLocale& locale)
{
    const QSettings settings;
    ReportExportChoices choices;
    choices.redactIps = settings.value(kRedactIps, choices.redactIps).toBool();
    choices.maskTokens = settings.value(kMaskTokens, choices.maskTokens).toBool();
    const QString paper = settings.value(kPaper).toString();
    choices.paper = paper == kLetter ? ClientReportOptions::Paper::Letter
                    : paper == kA4   ? ClientReportOptions::Paper::A4
                                     : defaultPaper(locale);
    choices.company = settings.value(kCompany).toString();
    // A logo moved or deleted since is forgotten rather than failing every report.
    const QString logo = settings.value(kLogo).toString();
    if (!logo.isEmpty() && QFileInfo(logo).isFile())
        choices.logoPath = logo;
    choices.writeCsv = settings.value(kWriteCsv, choices.writeCsv).toBool();
    const QString folder = settings.value(kLastFolder).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        choices.lastFolder = folder;
    return choices;
}

void ReportExportSettings::save(const ReportExportChoices& choices)
{
    QSettings settings;
    settings.setValue(kRedactIps, choices.redactIps);
    settings.setValue(kMaskTokens, choices.maskTokens);
    settings.setValue(kPaper, choices.paper == ClientReportOptions::Paper::Letter ? kLetter : kA4);
    settings.setValue(kCompany, choices.company);
    settings.setValue(kLogo, choices.logoPath);
    settings.setValue(kWriteCsv, choices.writeCsv);
    settings.setValue(kLastFolder, choices.lastFolder);
}

} // namespace gd
