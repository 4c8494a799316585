#include "export/reportinputs.h"

#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "import/rawtext.h"

namespace gd {

ClientReport ReportInputs::build(const ClientReportOptions& options) const
{
    // The notes are a copy held by this value: the worker never reads the detail panel's.
    const StaffNotes& staffNotes = notes;
    return buildClientReport(*import, *analysis, reader.get(), options,
                             [&staffNotes](const Incident& incident) { return staffNotes.note(incident); });
}

} // namespace gd
