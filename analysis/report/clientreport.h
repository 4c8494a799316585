#pragma once

#include "report/incidentreport.h"
#include "time/offsettimeline.h"

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace gd {

/// What a client's report covers and hides: chosen by support staff in the export dialog or on the command
/// line (`gateway-doctor report`).
struct ClientReportOptions {
    /// Only these sites (host names, case-insensitive); empty: every site. On a shared server a client sees
    /// only its own sites: no other host's name, URL or line appears anywhere in the report.
    QStringList hosts;
    /// Only these incidents (ids of the analysis); empty: every incident in scope.
    std::vector<int> incidents;
    bool redactIps = false; ///< client addresses become stable pseudonyms ("client-1")
    bool maskTokens = true; ///< session ids and tokens in query strings become "[masked]"
    QString company;        ///< who prepared it (cover, PDF author)
    QString logoPath;       ///< company logo (PNG/JPEG), optional
    enum class Paper { A4, Letter };
    Paper paper = Paper::A4;
};

/// Requests per interval by outcome, and the incidents over them: the data of a chart, not a picture.
struct ReportChart {
    std::int64_t fromMs = 0; ///< UTC start of the first bin
    std::int64_t binMs = 60'000;
    enum Series { Ok, OtherErrors, Bad502, Timeout504, SeriesCount };
    std::vector<std::array<std::uint32_t, SeriesCount>> bins;
    struct Band {
        int incidentId = 0;
        std::int64_t fromMs = 0;
        std::int64_t toMs = 0;
        QString label; ///< "#1 PHP-FPM was down"
    };
    std::vector<Band> bands;
    int highlighted = 0; ///< the incident a zoomed chart is about; 0 for the overview
    std::int64_t toMs() const { return fromMs + binMs * static_cast<std::int64_t>(bins.size()); }
};

/// A source as the appendix lists it.
struct ReportSource {
    QString path;
    QString kind;
    std::int64_t firstMs = 0; ///< UTC; both 0 when no line is dated
    std::int64_t lastMs = 0;
    std::uint64_t lines = 0;
    std::uint64_t events = 0;
    std::uint64_t skipped = 0;
};

/// Everything a client's report says, scoped and redacted already: the PDF and CSV writers only lay it out.
/// Plain value, safe to hand to another thread.
struct ClientReport {
    ClientReportOptions options;
    QString title;     ///< "Gateway errors on example.com"
    QStringList sites; ///< the sites covered, most failures first
    std::int64_t periodFromMs = 0;
    std::int64_t periodToMs = 0;
    QString serverTimeZone;     ///< the zone times are shown in
    QString serverTimeZoneNote; ///< how it was learned
    OffsetTimeline serverOffsets;
    std::int64_t preparedMs = 0; ///< when the report was made (UTC)
    std::uint64_t requests = 0;  ///< requests of the sites covered
    std::uint64_t failures = 0;  ///< their 502/504 answers
    std::vector<IncidentReport> incidents;
    ReportChart overview;
    std::vector<ReportChart> incidentCharts; ///< one per incident, same order
    std::vector<ReportSource> sources;
    QStringList limits;      ///< what the logs could not show, over all incidents, each once
    int maskedAddresses = 0; ///< distinct client addresses replaced by pseudonyms
    int maskedTokens = 0;    ///< query-string values masked

    /// An instant in the server's zone: "2026-11-24 03:04:33".
    QString serverTime(std::int64_t utcMs) const;
    /// The same instant in UTC: "02:04:33 UTC".
    QString utcTime(std::int64_t utcMs) const;
};

/// Builds the report: scopes the analysis to `options.hosts` and `options.incidents`, redacts, and gathers
/// the charts from the timeline (no raw text is read except the evidence lines, through `rawText`, pinned
/// first).
ClientReport buildClientReport(const ImportResult& import, const AnalysisResult& analysis,
                               RawTextReader* rawText, const ClientReportOptions& options,
                               const std::function<QString(const Incident&)>& staffNote = {});

/// The incidents as CSV (RFC 4180, UTF-8, one row each, the columns of the report's summary table). Cells
/// that a spreadsheet would take for a formula are prefixed with an apostrophe.
QByteArray clientReportCsv(const ClientReport& report);

} // namespace gd
