#pragma once

#include "incidents/staffnotes.h"
#include "report/clientreport.h"

#include <memory>

namespace gd {

class RawTextReader;
struct AnalysisResult;
struct ImportResult;

/// What a client report is made from: the analysis shown in the workbench, its import, the reader
/// of its evidence lines and the staff notes. Shared pointers and values, so workers take copies
/// and a new import in the window cannot change a report being made.
struct ReportInputs {
    std::shared_ptr<const ImportResult> import;
    std::shared_ptr<const AnalysisResult> analysis;
    std::shared_ptr<RawTextReader> reader;
    StaffNotes notes;

    bool isValid() const { return import && analysis && reader; }
    /// The report scoped and redacted by `options`, with each incident's staff note. Runs on any
    /// thread; reads the evidence lines through `reader`.
    ClientReport build(const ClientReportOptions& options) const;
};

} // namespace gd
