#pragma once

#include "events/eventsfilter.h"
#include "jobs/latestjob.h"

#include <QObject>
#include <memory>
#include <vector>

namespace gd {

struct ImportResult;

/// Evaluates EventsFilter off the UI thread for big timelines (inline for small ones, so the
/// table updates without flicker). Only the latest request is delivered: a filter edited while
/// the previous one still runs cancels it.
class EventsFilterRunner : public QObject {
    Q_OBJECT
public:
    using Rows = std::shared_ptr<const std::vector<std::uint32_t>>;

    explicit EventsFilterRunner(QObject* parent = nullptr);
    ~EventsFilterRunner() override;

    /// Timelines up to this many events are filtered synchronously inside run().
    void setInlineLimit(std::size_t events) { inlineLimit_ = events; }

    /// Starts filtering; finished() follows (possibly before run() returns).
    void run(const EventsFilter& filter, std::shared_ptr<const ImportResult> import);
    bool isBusy() const { return busy_; }

Q_SIGNALS:
    /// `rows` is null when the filter is empty (every event shown).
    void finished(gd::EventsFilterRunner::Rows rows, qint64 elapsedMs);

private:
    void deliver(Rows rows, qint64 elapsedMs);

    std::size_t inlineLimit_ = 200000;
    bool busy_ = false;
    LatestJob job_; ///< last member: joined before the rest goes
};

} // namespace gd
