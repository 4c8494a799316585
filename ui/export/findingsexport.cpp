#include "export/findingsexport.h"

#include "common/atomicwrite.h"
#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "import/rawtext.h"
#include "report/analysisjson.h"
#include "report/incidentreport.h"

#include <QJsonDocument>

namespace gd {

FindingsExport::FindingsExport(QObject* parent)
    : QObject(parent)
    , job_(this)
{
}

FindingsExport::~FindingsExport() = default;

void FindingsExport::start(const QString& path, std::shared_ptr<const ImportResult> import,
                           std::shared_ptr<const AnalysisResult> analysis,
                           std::shared_ptr<RawTextReader> reader, const StaffNotes& notes)
{
    if (!import || !analysis || !reader) {
        Q_EMIT finished(path, tr("Nothing is analysed yet"));
        return;
    }
    running_ = true;
    job_.start([this, path, import, analysis, reader, notes](const LatestJob::Run& run) {
        // Evidence lines are pinned after the analysis, so their text costs no decoding here.
        const QJsonObject document = analysisJson(
            *import, analysisReport(*import, *analysis, reader.get(),
                                    [&notes](const Incident& incident) { return notes.note(incident); }));
        const QString error = saveAtomically(path, QJsonDocument(document).toJson(QJsonDocument::Indented));
        run.deliver([this, path, error] {
            running_ = false;
            Q_EMIT finished(path, error);
        });
    });
}

} // namespace gd
