#pragma once

#include "diagnose/analyzer.h"
#include "import/importresult.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace gd {

class RawTextReader;

/// An evidence line as a report quotes it.
struct ReportEvidence {
    QString role;                    ///< why the line counts, in the analyzer's words
    QString source;                  ///< the log's path inside the bundle
    LogKind kind = LogKind::Unknown; ///< how the line was read (its highlighting)
    std::uint32_t line = 0;
    std::int64_t timeMs = 0; ///< UTC instant: the writer chooses the zone
    QString text;            ///< the raw line; empty when the report was built without a reader
};

/// Another cause the incident could have, with its score.
struct ReportAlternative {
    QString causeId;
    QString causeTitle;
    double confidence = 0.0;
};

/// One incident as every report tells it — terminal, JSON, the workbench's detail panel, a client's
/// PDF or CSV — built once from the analysis, so that writers only lay it out and none of them
/// looks anything up or words anything differently (the words are in reportwords.h).
struct IncidentReport {
    // Heading.
    int id = 0;
    QString server;              ///< the server's name when the import has several, else empty
    std::vector<int> sameTimeAs; ///< incidents of other servers that overlap this one
    QString causeId;             ///< stable id (JSON, CSV)
    QString causeTitle;
    QString causeExplanation; ///< the cause in plain words, for clients
    double confidence = 0.0;  ///< 0..1
    /// What kind of finding: failures seen in nginx's logs, an episode only PHP-FPM's or the system's logs
    /// show, or isolated failures listed together.
    enum class Finding { Incident, FpmSide, Sporadic };
    Finding finding = Finding::Incident;
    std::uint32_t occurrences = 1; ///< the isolated failures a sporadic finding lists

    // When and how much.
    std::int64_t startMs = 0; ///< UTC instants: the writer chooses the zone
    std::int64_t endMs = 0;
    std::uint32_t count502 = 0;
    std::uint32_t count504 = 0;
    std::uint32_t requests = 0; ///< all requests in the window
    QStringList hosts;          ///< failing hosts, most failures first
    std::vector<UrlStat> urls;  ///< failing URLs, most failures first
    QString summary;            ///< one sentence: what happened

    // Why, and what else it could be.
    QString reasoning;
    std::vector<Feature> features; ///< what was measured and decided
    std::vector<ReportAlternative> alternatives;
    std::optional<SegfaultAttribution> segfault;

    // What to do, and what the logs leave open.
    QString advice;
    QStringList limits;      ///< what these logs cannot show
    QStringList collectNext; ///< logs that would decide

    std::vector<ReportEvidence> evidence;
    QString staffNote; ///< support staff's note; empty when none
};

/// A whole analysis as reports tell it: the totals and every incident.
struct AnalysisReport {
    QString serverTimeZone; ///< the server's zone; "name: zone; ..." when there are several
    BundleFacts facts;
    std::uint64_t requests = 0;
    std::uint64_t failures = 0;
    std::vector<IncidentReport> incidents;
};

/// The report of one incident of `import`. The evidence texts are read through `rawText` when given
/// (pin them first: pinEvidence()), else left empty.
IncidentReport incidentReport(const Incident& incident, const ImportResult& import,
                              RawTextReader* rawText = nullptr, const QString& staffNote = {});

/// The report of a whole analysis; `staffNote` (optional) gives the note on an incident.
AnalysisReport analysisReport(const ImportResult& import, const AnalysisResult& analysis,
                              RawTextReader* rawText = nullptr,
                              const std::function<QString(const Incident&)>& staffNote = {});

} // namespace gd
