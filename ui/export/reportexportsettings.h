#pragma once

#include "report/clientreport.h"

#include <QString>

class QLocale;

namespace gd {

/// The choices of the report dialog that carry over from one report to the next: how it is
/// redacted and laid out, who prepared it, and where the last one went. Which sites and
/// incidents it covers belongs to one analysis and is not kept.
struct ReportExportChoices {
    bool redactIps = true;
    bool maskTokens = true;
    ClientReportOptions::Paper paper = ClientReportOptions::Paper::A4;
    QString company;
    QString logoPath;
    bool writeCsv = false;
    QString lastFolder; ///< empty: the user's home folder

    bool operator==(const ReportExportChoices&) const = default;
};

/// Keeps ReportExportChoices in the workbench's QSettings, under "reportExport/".
class ReportExportSettings {
public:
    /// The choices made last time; the defaults (paper from `locale`) for what was never chosen.
    static ReportExportChoices load(const QLocale& locale);
    static void save(const ReportExportChoices& choices);
    /// Letter where it is the usual paper (the United States and Canada), A4 elsewhere.
    static ClientReportOptions::Paper defaultPaper(const QLocale& locale);
};

} // namespace gd
