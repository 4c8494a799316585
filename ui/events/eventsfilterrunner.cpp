#include "events/eventsfilterrunner.h"

#include "import/importresult.h"

#include <QElapsedTimer>

namespace gd {

EventsFilterRunner::EventsFilterRunner(QObject* parent)
    : QObject(parent)
    , worker_(std::make_unique<LatestJobWorker>())
{
}

EventsFilterRunner::~EventsFilterRunner()
{
    worker_.reset(); // stops and joins the thread while this object is still whole
}

void EventsFilterRunner::run(const EventsFilter& filter, std::shared_ptr<const ImportResult> import)
{
    const std::size_t events = import && import->timeline ? import->timeline->size() : 0;
    if (filter.isEmpty() || !import || events <= inlineLimit_) {
        // Supersede anything still running in the background.
        const std::uint64_t ticket = worker_->post([](std::uint64_t) {});
        QElapsedTimer timer;
        timer.start();
        Rows rows;
        if (!filter.isEmpty() && import)
            rows = std::make_shared<const std::vector<std::uint32_t>>(filterEvents(filter, *import));
        busy_ = true;
        deliver(ticket, std::move(rows), timer.elapsed());
        return;
    }
    busy_ = true;
    LatestJobWorker* worker = worker_.get();
    worker_->post([this, worker, filter, import](std::uint64_t ticket) {
        QElapsedTimer timer;
        timer.start();
        auto rows = filterEvents(filter, *import, [worker, ticket] { return worker->isStale(ticket); });
        if (worker->isStale(ticket))
            return;
        auto shared = std::make_shared<const std::vector<std::uint32_t>>(std::move(rows));
        const qint64 elapsed = timer.elapsed();
        deliverTo(this, [this, ticket, shared, elapsed] { deliver(ticket, shared, elapsed); });
    });
}

void EventsFilterRunner::deliver(std::uint64_t ticket, Rows rows, qint64 elapsedMs)
{
    if (worker_->isStale(ticket))
        return;
    busy_ = false;
    Q_EMIT finished(std::move(rows), elapsedMs);
}

} // namespace gd
