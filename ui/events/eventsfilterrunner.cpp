#include "events/eventsfilterrunner.h"

#include "import/importresult.h"

#include <QElapsedTimer>

namespace gd {

EventsFilterRunner::EventsFilterRunner(QObject* parent)
    : QObject(parent)
    , job_(this)
{
}

EventsFilterRunner::~EventsFilterRunner() = default;

void EventsFilterRunner::run(const EventsFilter& filter, std::shared_ptr<const ImportResult> import)
{
    const std::size_t events = import && import->timeline ? import->timeline->size() : 0;
    if (filter.isEmpty() || !import || events <= inlineLimit_) {
        job_.cancel(); // supersedes anything still running in the background
        QElapsedTimer timer;
        timer.start();
        Rows rows;
        if (!filter.isEmpty() && import)
            rows = std::make_shared<const std::vector<std::uint32_t>>(filterEvents(filter, *import));
        deliver(std::move(rows), timer.elapsed());
        return;
    }
    busy_ = true;
    job_.start([this, filter, import](const LatestJob::Run& run) {
        QElapsedTimer timer;
        timer.start();
        auto rows = filterEvents(filter, *import, [&run] { return run.isCancelled(); });
        if (run.isCancelled())
            return;
        auto shared = std::make_shared<const std::vector<std::uint32_t>>(std::move(rows));
        const qint64 elapsed = timer.elapsed();
        run.deliver([this, shared, elapsed] { deliver(shared, elapsed); });
    });
}

void EventsFilterRunner::deliver(Rows rows, qint64 elapsedMs)
{
    busy_ = false;
    Q_EMIT finished(std::move(rows), elapsedMs);
}

} // namespace gd
