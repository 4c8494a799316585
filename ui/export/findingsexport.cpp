#include "export/findingsexport.h"

#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "import/rawtext.h"
#include "jobs/latestjobworker.h"
#include "report/analysisjson.h"
#include "report/incidentreport.h"

#include <QJsonDocument>
#include <QSaveFile>

namespace gd {

FindingsExport::FindingsExport(QObject* parent)
    : QObject(parent)
    , worker_(std::make_unique<LatestJobWorker>())
{
}

FindingsExport::~FindingsExport()
{
    worker_.reset(); // no delivery may start once this object is gone
}

void FindingsExport::start(const QString& path, std::shared_ptr<const ImportResult> import,
                           std::shared_ptr<const AnalysisResult> analysis,
                           std::shared_ptr<RawTextReader> reader, const StaffNotes& notes)
{
    if (!import || !analysis || !reader) {
        Q_EMIT finished(path, tr("Nothing is analysed yet"));
        return;
    }
    running_ = true;
    worker_->post([this, path, import, analysis, reader, notes](std::uint64_t) {
        // Evidence lines are pinned after the analysis, so their text costs no decoding here.
        const QJsonObject document = analysisJson(
            *import, analysisReport(*import, *analysis, reader.get(),
                                    [&notes](const Incident& incident) { return notes.note(incident); }));
        QSaveFile file(path);
        QString error;
        if (!file.open(QIODevice::WriteOnly))
            error = file.errorString();
        else if (file.write(QJsonDocument(document).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
            error = file.errorString();
        deliverTo(this, [this, path, error] {
            running_ = false;
            Q_EMIT finished(path, error);
        });
    });
}

} // namespace gd
