#include "shell/workspace.h"

#include "jobs/importjob.h"

namespace gd {

Workspace::Workspace(QObject* parent)
    : QObject(parent)
    , job_(new ImportJob(this))
{
    connect(job_, &ImportJob::progressChanged, this, &Workspace::importProgress);
    connect(job_, &ImportJob::partialRequestCounts, this, &Workspace::importPartialCounts);
    connect(job_, &ImportJob::finished, this, &Workspace::onFinished);
}

Workspace::~Workspace() = default;

bool Workspace::open(const QStringList& paths)
{
    return openPaths(paths, true);
}

bool Workspace::openPaths(const QStringList& paths, bool remember)
{
    const QStringList added = pending_.add(paths);
    if (added.isEmpty())
        return false;
    if (remember)
        Q_EMIT inputsOpened(added);
    job_->start(pending_.paths(), options_);
    Q_EMIT importStarted(pending_.paths());
    return true;
}

bool Workspace::openPastedText(const QString& text, QString* error)
{
    const QString path = pastes_.write(text, error);
    return !path.isEmpty() && openPaths({path}, false);
}

bool Workspace::replaceInputs(const QStringList& paths)
{
    pending_ = OpenInputs();
    if (openPaths(paths, false))
        return true;
    pending_ = loaded_;
    return false;
}

bool Workspace::isPasted(const QString& path) const
{
    const QString folder = pastes_.folder();
    return !folder.isEmpty() &&
           OpenInputs::normalized(path).startsWith(OpenInputs::normalized(folder) + u'/');
}

void Workspace::cancelImport()
{
    job_->cancel();
}

bool Workspace::isImporting() const
{
    return job_->isRunning();
}

void Workspace::onFinished(std::shared_ptr<const ImportResult> result)
{
    if (result->cancelled) {
        pending_ = loaded_;
        Q_EMIT importCancelled();
        return;
    }
    loaded_ = pending_;
    result_ = std::move(result);
    Q_EMIT importFinished(result_);
}

} // namespace gd
