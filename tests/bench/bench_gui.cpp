// Workbench latency benchmark: runs the real MainWindow on the offscreen platform, opens a bundle
// the way a drop does (MainWindow::openInputs) and prints one table: time to the first chart with
// data, to the analysis shown, the longest event-loop stall meanwhile, then the latencies of the
// events filters, incident and evidence stepping, and chart zoom.
//
//   bench_gui [--repeat N] [--open-only] [--breakdown] INPUT...
//                                            measure (N: repetitions of each filter/zoom, default 3;
//                                            --open-only: only the open, e.g. for a profiler;
//                                            --breakdown: time each panel's part of the import finish)
//   bench_gui --screenshots DIR [BUNDLE]     render the window with incident 2 selected, light and
//                                            dark, into DIR/workbench-{light,dark}.png
//
// Definitions (all times are wall clock on the UI thread, measured from the call that starts them):
// * first provisional chart: TimelineChart::provisionalShown(), the first time the chart's series hold
//   the requests per minute counted so far while the import still runs (access lines with offsets).
// * final chart: TimelineChart::ready(), emitted once the histogram built on the worker thread has
//   been binned and the chart's series hold the counts; "painted" is the chart viewport's next paint.
// * analysis shown: IncidentWorkbench::analysisFinished(), emitted after the incidents table,
//   chart bands and detail got the result.
// * stall: the longest gap between ticks of a 5 ms precise timer, from just before openInputs()
//   until everything is shown and 500 ms have passed. With it, the CPU time the UI thread got
//   during the gap (CLOCK_THREAD_CPUTIME_ID): the difference is time spent waiting for a core,
//   which on a loaded 2-core machine with the import and analysis workers running can be most of it.
// * filter: EventsPanel::setFilter() → filterApplied() (rows set in the table model).
// * Next Incident: trigger() returning (chart zoomed and re-binned, detail filled, synchronous),
//   then until the events table is limited to the incident and the evidence texts are read.
// * Next Evidence: trigger() → LogViewer::linesShown().
// * zoom: TimelineChart::zoomBy()/resetZoom() (synchronous re-bin and series update).

#include "darkpalette.h"
#include "diagnose/analyzer.h"
#include "events/eventsfilter.h"
#include "events/eventspanel.h"
#include "import/importresult.h"
#include "import/rawtext.h"
#include "incidents/evidencemodel.h"
#include "incidents/incidentdetailpanel.h"
#include "incidents/incidentnavigator.h"
#include "incidents/incidentsmodel.h"
#include "incidents/incidentspanel.h"
#include "incidents/incidentworkbench.h"
#include "jobs/analysisjob.h"
#include "logviewer/logviewer.h"
#include "shell/mainwindow.h"
#include "shell/workspace.h"
#include "sources/sourcespanel.h"
#include "timeline/timelinechart.h"
#include "timeline/timelinechartview.h"
#include "windowparts.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileInfo>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

using namespace gd;

namespace {

constexpr int kTimeoutMs = 600'000;
constexpr qint64 kStallLimitMs = 100;
constexpr double kTargetFirstChartMs = 1000;
constexpr double kTargetInteractiveMs = 100;

double msSince(const QElapsedTimer& clock)
{
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

/// Runs the event loop until `done()` holds; false on timeout.
bool waitUntil(const std::function<bool()>& done, int timeoutMs = kTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QTimer wake; // keeps processEvents() from sleeping past the deadline
    wake.start(20);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

/// Lets the loop run for `ms` (paints, queued deliveries).
void settle(int ms)
{
    QElapsedTimer clock;
    clock.start();
    waitUntil([&] { return clock.elapsed() >= ms; });
}

/// The event loop's responsiveness: a 5 ms precise timer records the gaps between its ticks.
class StallMeter {
public:
    struct Gap {
        double startMs; ///< relative to the meter's origin
        double lengthMs;
        double cpuMs; ///< CPU time the UI thread got during the gap (the rest it waited for a core)
    };
    explicit StallMeter(const QElapsedTimer& origin)
        : origin_(origin)
    {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(5);
        QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
    }
    void start()
    {
        gaps_.clear();
        maxGapMs_ = 0;
        maxGapCpuMs_ = 0;
        last_ = msSince(origin_);
        lastCpu_ = threadCpuMs();
        timer_.start();
    }
    void stop()
    {
        tick();
        timer_.stop();
    }
    double maxGapMs() const { return maxGapMs_; }
    /// UI-thread CPU time during the longest gap.
    double maxGapCpuMs() const { return maxGapCpuMs_; }
    int gapsOver(double ms) const
    {
        return static_cast<int>(
            std::count_if(gaps_.begin(), gaps_.end(), [ms](const Gap& gap) { return gap.lengthMs > ms; }));
    }
    /// Gaps above 40 ms, longest first.
    std::vector<Gap> longGaps() const
    {
        std::vector<Gap> gaps = gaps_;
        std::sort(gaps.begin(), gaps.end(),
                  [](const Gap& a, const Gap& b) { return a.lengthMs > b.lengthMs; });
        return gaps;
    }

private:
    static double threadCpuMs()
    {
        timespec cpu{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        return static_cast<double>(cpu.tv_sec) * 1e3 + static_cast<double>(cpu.tv_nsec) / 1e6;
    }
    void tick()
    {
        const double now = msSince(origin_);
        const double cpu = threadCpuMs();
        const double gap = now - last_;
        if (gap > maxGapMs_) {
            maxGapMs_ = gap;
            maxGapCpuMs_ = cpu - lastCpu_;
        }
        if (gap > 40)
            gaps_.push_back({last_, gap, cpu - lastCpu_});
        last_ = now;
        lastCpu_ = cpu;
    }
    const QElapsedTimer& origin_;
    QTimer timer_;
    double last_ = 0;
    double lastCpu_ = 0;
    double maxGapMs_ = 0;
    double maxGapCpuMs_ = 0;
    std::vector<Gap> gaps_;
};

/// Records the time of the first paint of a widget after arm().
class PaintProbe : public QObject {
public:
    PaintProbe(QWidget* widget, const QElapsedTimer& origin)
        : origin_(origin)
    {
        widget->installEventFilter(this);
    }
    void arm()
    {
        paintedMs_ = -1;
        armed_ = true;
    }
    double paintedMs() const { return paintedMs_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (armed_ && event->type() == QEvent::Paint) {
            paintedMs_ = msSince(origin_);
            armed_ = false;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& origin_;
    double paintedMs_ = -1;
    bool armed_ = false;
};

/// Several samples of one latency.
struct Samples {
    std::vector<double> values;
    void add(double value) { values.push_back(value); }
    double median() const
    {
        if (values.empty())
            return -1;
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        return sorted[sorted.size() / 2];
    }
    double max() const { return values.empty() ? -1 : *std::max_element(values.begin(), values.end()); }
};

struct Row {
    std::string what;
    std::string value;
    std::string target;
    std::string verdict;
};

std::string format(const char* pattern, double a, double b = 0, double c = 0)
{
    char text[160];
    std::snprintf(text, sizeof text, pattern, a, b, c);
    return text;
}

class Report {
public:
    void add(std::string what, std::string value, std::string target = {}, int pass = -1)
    {
        rows_.push_back({std::move(what), std::move(value), std::move(target),
                         pass < 0 ? std::string()
                         : pass   ? std::string("ok")
                                  : std::string("MISSED")});
    }
    /// A latency sample set against a limit in ms: "median / max" over the samples.
    void addSamples(const std::string& what, const Samples& samples, double limitMs,
                    const std::string& extra = {})
    {
        std::string value = format("%.1f / %.1f ms", samples.median(), samples.max());
        if (!extra.empty())
            value += "  " + extra;
        add(what, value, format("< %.0f ms", limitMs), samples.max() < limitMs ? 1 : 0);
    }
    void print() const
    {
        std::size_t whatWidth = 10;
        std::size_t valueWidth = 10;
        for (const Row& row : rows_) {
            whatWidth = std::max(whatWidth, row.what.size());
            valueWidth = std::max(valueWidth, row.value.size());
        }
        std::printf("%-*s | %-*s | %-9s | %s\n", int(whatWidth), "measurement", int(valueWidth),
                    "value (median / max)", "target", "verdict");
        std::printf("%s\n", std::string(whatWidth + valueWidth + 30, '-').c_str());
        for (const Row& row : rows_)
            std::printf("%-*s | %-*s | %-9s | %s\n", int(whatWidth), row.what.c_str(), int(valueWidth),
                        row.value.c_str(), row.target.c_str(), row.verdict.c_str());
    }

private:
    std::vector<Row> rows_;
};

/// Opens `inputs` in `window` and waits for the chart and the analysis. Returns false on timeout.
bool openAndWait(MainWindow& window, const QStringList& inputs, Report* report)
{
    IncidentWorkbench* bench = gdtest::incidentsOf(window);
    TimelineChart* chart = bench->chart();
    QElapsedTimer clock;
    StallMeter stalls(clock);
    PaintProbe chartPaint(chart->view()->viewport(), clock);
    double importMs = -1, showImportEndMs = -1, chartMs = -1, analysisMs = -1, eventsMs = -1;
    double provisionalMs = -1, pinnedMs = -1;
    qint64 pinWorkMs = -1;
    int incidentRows = -1;
    qint64 analysisWorkMs = -1;
    QList<QMetaObject::Connection> connections;
    connections << QObject::connect(gdtest::workspaceOf(window), &Workspace::importFinished, [&] {
        // Connected after MainWindow's own slot, so this runs once showImport() returned.
        if (importMs < 0)
            showImportEndMs = msSince(clock);
    });
    connections << QObject::connect(chart, &TimelineChart::provisionalShown, [&] {
        if (provisionalMs < 0)
            provisionalMs = msSince(clock);
    });
    connections << QObject::connect(chart, &TimelineChart::ready, [&] {
        if (chartMs < 0) {
            chartMs = msSince(clock);
            chartPaint.arm();
        }
    });
    connections << QObject::connect(bench, &IncidentWorkbench::analysisFinished, [&](int, qint64 workMs) {
        analysisMs = msSince(clock);
        analysisWorkMs = workMs;
        incidentRows = bench->incidentsPanel()->model()->rowCount();
    });
    connections << QObject::connect(gdtest::eventsPanelOf(window), &EventsPanel::filterApplied, [&] {
        if (eventsMs < 0)
            eventsMs = msSince(clock);
    });
    connections << QObject::connect(bench->analysisJob(), &AnalysisJob::evidencePinned, [&](qint64 workMs) {
        pinnedMs = msSince(clock);
        pinWorkMs = workMs;
    });

    clock.start();
    stalls.start();
    window.openInputs(inputs);
    const double openCallMs = msSince(clock);
    const bool ok = waitUntil([&] {
        return chartMs >= 0 && analysisMs >= 0 && pinnedMs >= 0 && chartPaint.paintedMs() >= 0 &&
               !gdtest::eventsPanelOf(window)->isFiltering();
    });
    const double shownMs = msSince(clock);
    settle(500);
    stalls.stop();
    for (const auto& connection : connections)
        QObject::disconnect(connection);
    if (!ok) {
        std::fprintf(stderr, "timed out waiting for the import/analysis\n");
        return false;
    }
    importMs = showImportEndMs;
    const auto result = gdtest::workspaceOf(window)->result();
    if (!report)
        return true;

    std::printf("input: %s\n", qPrintable(inputs.join(QStringLiteral(" "))));
    std::printf("events %zu, sources %zu, incidents %d (analysis worker %lld ms)\n",
                result && result->timeline ? result->timeline->size() : 0,
                result ? result->sources.size() : 0, incidentRows, static_cast<long long>(analysisWorkMs));
    std::printf(
        "milestones (ms after openInputs): open call returned %.1f, import shown (showImport done) %.1f, "
        "provisional chart %.1f, chart series %.1f, chart painted %.1f, events table %.1f, "
        "analysis shown %.1f, all shown %.1f\n",
        openCallMs, importMs, provisionalMs, chartMs, chartPaint.paintedMs(), eventsMs, analysisMs, shownMs);
    std::printf("event-loop gaps > 40 ms (start+length/UI-thread CPU, ms after openInputs):");
    int listed = 0;
    for (const StallMeter::Gap& gap : stalls.longGaps()) {
        if (++listed > 12)
            break;
        std::printf(" %.0f+%.0f/%.0f", gap.startMs, gap.lengthMs, gap.cpuMs);
    }
    std::printf("%s\n\n", listed == 0 ? " none" : "");

    report->add("import (open -> showImport done)", format("%.0f ms", importMs));
    report->add("first provisional chart (open -> partial series populated)",
                provisionalMs < 0 ? std::string("none") : format("%.0f ms", provisionalMs), "< 1000 ms",
                provisionalMs >= 0 && provisionalMs < kTargetFirstChartMs ? 1 : 0);
    // The first chart with data is the provisional one; the final chart waits for the whole import.
    report->add("final chart (open -> complete series)",
                format("%.0f ms (painted %.0f ms)", chartMs, chartPaint.paintedMs()));
    report->add("analysis shown (open -> incidents table)",
                format("%.0f ms, %.0f incidents", analysisMs, incidentRows));
    report->add("evidence lines pinned (open -> all incidents' evidence +/- context in memory)",
                format("%.0f ms (worker %.0f ms after the analysis, %.1f MB)", pinnedMs, double(pinWorkMs),
                       gdtest::logViewerOf(window)->rawTextReader()
                           ? double(gdtest::logViewerOf(window)->rawTextReader()->pinnedBytes()) / 1e6
                           : 0.0));
    report->add("longest event-loop stall, import+analysis",
                format("%.0f ms (UI-thread CPU %.0f ms)", stalls.maxGapMs(), stalls.maxGapCpuMs()),
                "< 100 ms", stalls.maxGapMs() < kStallLimitMs ? 1 : 0);
    report->add("event-loop gaps > 100 ms", format("%.0f", stalls.gapsOver(kStallLimitMs)), "0",
                stalls.gapsOver(kStallLimitMs) == 0 ? 1 : 0);
    return true;
}

/// Applies `filter` and waits for the table; returns the latency (ms) and stores the rows shown.
double timeFilter(EventsPanel* panel, const EventsFilter& filter, int* rows, StallMeter& stalls,
                  double* worstStall)
{
    QElapsedTimer clock;
    double appliedMs = -1;
    const auto connection = QObject::connect(panel, &EventsPanel::filterApplied, [&](int shown, qint64) {
        appliedMs = msSince(clock);
        *rows = shown;
    });
    stalls.start();
    clock.start();
    panel->setFilter(filter);
    waitUntil([&] { return appliedMs >= 0; });
    settle(30); // the repaint of the table belongs to the stall
    stalls.stop();
    *worstStall = std::max(*worstStall, stalls.maxGapMs());
    QObject::disconnect(connection);
    return appliedMs;
}

void measureFilters(MainWindow& window, int repeat, Report& report)
{
    EventsPanel* panel = gdtest::eventsPanelOf(window);
    const auto result = gdtest::workspaceOf(window)->result();
    const auto analysis = gdtest::incidentsOf(window)->analysis();
    QElapsedTimer origin;
    origin.start();
    StallMeter stalls(origin);

    EventsFilter timeRange;
    std::int64_t anchor = result->timeline->size() ? result->timeline->events().timeMs.front() : 0;
    if (analysis && !analysis->incidents.empty())
        anchor = analysis->incidents.front().startMs - 1'800'000;
    timeRange.fromUtcMs = anchor;
    timeRange.toUtcMs = anchor + 3'600'000;
    EventsFilter status;
    status.statusClasses = Status502;
    EventsFilter host;
    host.hostText = QStringLiteral("books");
    EventsFilter text;
    text.text = QStringLiteral("wp-login");
    EventsFilter regex;
    regex.text = QStringLiteral("^/node/[0-9]+$");
    regex.textIsRegex = true;
    EventsFilter bareRegex; // nothing literal in it: every string goes through the expression
    bareRegex.text = QStringLiteral("[0-9]{5}");
    bareRegex.textIsRegex = true;

    const struct {
        const char* name;
        EventsFilter filter;
    } cases[] = {{"filter status 502", status},
                 {"filter host contains \"books\"", host},
                 {"filter text \"wp-login\"", text},
                 {"filter regex ^/node/[0-9]+$", regex},
                 {"filter regex [0-9]{5}", bareRegex},
                 {"filter time range 1 h", timeRange},
                 {"filter cleared (all events)", EventsFilter()}};
    for (const auto& item : cases) {
        // Each sample is a change: from a different filter (not measured) to the measured one.
        const EventsFilter before = item.filter == EventsFilter() ? status : EventsFilter();
        Samples samples;
        int rows = 0;
        int ignoredRows = 0;
        double worstStall = 0;
        double ignoredStall = 0;
        for (int i = 0; i < repeat; ++i) {
            timeFilter(panel, before, &ignoredRows, stalls, &ignoredStall);
            samples.add(timeFilter(panel, item.filter, &rows, stalls, &worstStall));
        }
        report.addSamples(item.name, samples, kTargetInteractiveMs,
                          format("%.0f rows, stall %.0f ms", rows, worstStall));
    }
}

/// The log viewer on lines of the biggest compressed member that are not evidence (a click in the
/// events table): the first one decodes the member, later ones find it cached when it fits.
void measureRandomLines(MainWindow& window, Report& report)
{
    const auto result = gdtest::workspaceOf(window)->result();
    LogViewer* viewer = gdtest::logViewerOf(window);
    int biggest = -1;
    for (std::size_t s = 0; s < result->sources.size(); ++s) {
        const SourceInfo& info = result->sources[s];
        if (!info.location.memberChain.isEmpty() &&
            (biggest < 0 || info.bytes > result->sources[static_cast<std::size_t>(biggest)].bytes))
            biggest = static_cast<int>(s);
    }
    if (biggest < 0)
        return;
    const SourceInfo& info = result->sources[static_cast<std::size_t>(biggest)];
    QElapsedTimer clock;
    double shownMs = -1;
    const auto connection =
        QObject::connect(viewer, &LogViewer::linesShown, [&] { shownMs = msSince(clock); });
    Samples first, later;
    for (int k = 1; k <= 5; ++k) {
        const auto line = static_cast<std::uint32_t>(info.lines * static_cast<std::uint64_t>(k) / 6 + 7);
        shownMs = -1;
        clock.start();
        viewer->showLine(static_cast<std::uint16_t>(biggest), line);
        waitUntil([&] { return shownMs >= 0; });
        (k == 1 ? first : later).add(shownMs);
    }
    QObject::disconnect(connection);
    const std::string what = format("%.0f MB member", double(info.bytes) / 1e6);
    report.addSamples("log viewer: line in the biggest member, first", first, kTargetInteractiveMs, what);
    report.addSamples("log viewer: line in the biggest member, later", later, kTargetInteractiveMs, what);
}

void measureStepping(MainWindow& window, Report& report)
{
    IncidentWorkbench* bench = gdtest::incidentsOf(window);
    IncidentNavigator* navigator = bench->navigator();
    IncidentDetailPanel* detail = bench->detailPanel();
    TimelineChart* chart = bench->chart();
    EventsPanel* events = gdtest::eventsPanelOf(window);
    LogViewer* viewer = gdtest::logViewerOf(window);
    QElapsedTimer clock;
    QElapsedTimer origin;
    origin.start();
    StallMeter stalls(origin);

    Samples sync, eventsLimited, evidenceRead, evidenceShown, rebin, stall;
    double filterApplied = -1, evidenceLoaded = -1, linesShown = -1;
    const auto c1 =
        QObject::connect(events, &EventsPanel::filterApplied, [&] { filterApplied = msSince(clock); });
    const auto c2 = QObject::connect(detail, &IncidentDetailPanel::evidenceLoaded,
                                     [&] { evidenceLoaded = msSince(clock); });
    const auto c3 = QObject::connect(viewer, &LogViewer::linesShown, [&] { linesShown = msSince(clock); });
    const auto idle = [&] {
        return !events->isFiltering() && !detail->isLoadingEvidence() && !viewer->isLoading();
    };
    waitUntil(idle);
    int steps = 0;
    while (navigator->nextIncident()->isEnabled()) {
        filterApplied = evidenceLoaded = -1;
        stalls.start();
        clock.start();
        navigator->nextIncident()->trigger();
        sync.add(msSince(clock));
        rebin.add(static_cast<double>(chart->lastRebinMicros()) / 1000);
        waitUntil(
            [&] { return filterApplied >= 0 && (evidenceLoaded >= 0 || !detail->isLoadingEvidence()); });
        eventsLimited.add(filterApplied);
        if (evidenceLoaded >= 0)
            evidenceRead.add(evidenceLoaded);
        waitUntil(idle);
        settle(30);
        stalls.stop();
        stall.add(stalls.maxGapMs());

        // The viewer shows no line again when the events table already led it there (the first
        // evidence is often the first event of the incident): nothing to measure then.
        const auto import = gdtest::workspaceOf(window)->result();
        const EvidenceLine* first =
            detail->evidenceCount() > 0 ? &detail->evidenceModel()->evidence().front() : nullptr;
        const bool alreadyShown = first && viewer->markedLine() == first->line &&
                                  viewer->headerText() == import->sources[first->source].path;
        if (navigator->nextEvidence()->isEnabled() && !alreadyShown) {
            linesShown = -1;
            clock.start();
            navigator->nextEvidence()->trigger();
            waitUntil([&] { return linesShown >= 0; });
            evidenceShown.add(linesShown);
            waitUntil(idle);
        }
        ++steps;
    }
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);
    const std::string count = format("%.0f steps", steps);
    report.addSamples("Next Incident: detail + chart (sync)", sync, kTargetInteractiveMs,
                      count + format(", re-bin %.1f/%.1f ms", rebin.median(), rebin.max()));
    report.addSamples("Next Incident: + events table limited", eventsLimited, kTargetInteractiveMs);
    report.addSamples("Next Incident: + evidence texts read", evidenceRead, kTargetInteractiveMs);
    report.addSamples("Next Incident: longest stall", stall, kTargetInteractiveMs);
    report.addSamples("Next Evidence -> log viewer line shown", evidenceShown, kTargetInteractiveMs);
}

void measureZoom(MainWindow& window, int repeat, Report& report)
{
    TimelineChart* chart = gdtest::incidentsOf(window)->chart();
    Samples zoom, zoomRebin, reset, resetRebin;
    QElapsedTimer clock;
    for (int i = 0; i < repeat; ++i) {
        chart->resetZoom();
        settle(20);
        // Halve the span down to the shortest one the chart allows, around the middle.
        for (int step = 0; step < 16; ++step) {
            const std::int64_t before = chart->visibleTo() - chart->visibleFrom();
            clock.start();
            chart->zoomBy(0.5, chart->visibleFrom() / 2 + chart->visibleTo() / 2);
            zoom.add(msSince(clock));
            zoomRebin.add(static_cast<double>(chart->lastRebinMicros()) / 1000);
            if (chart->visibleTo() - chart->visibleFrom() >= before)
                break;
        }
        settle(20);
        clock.start();
        chart->resetZoom();
        reset.add(msSince(clock));
        resetRebin.add(static_cast<double>(chart->lastRebinMicros()) / 1000);
        settle(20);
    }
    report.addSamples("chart zoom x0.5 (whole span -> 10 s)", zoom, kTargetInteractiveMs,
                      format("re-bin %.1f/%.1f ms", zoomRebin.median(), zoomRebin.max()));
    report.addSamples("chart reset zoom (whole bundle)", reset, kTargetInteractiveMs,
                      format("re-bin %.1f/%.1f ms", resetRebin.median(), resetRebin.max()));
}

/// Where the UI thread spends its time when an import and its analysis arrive: the panels' setters
/// called one by one on the finished results (a second time, so first-show costs are not included),
/// each followed by a full repaint of the window.
void printBreakdown(MainWindow& window)
{
    const auto import = gdtest::workspaceOf(window)->result();
    IncidentWorkbench* bench = gdtest::incidentsOf(window);
    const auto analysis = bench->analysis();
    QElapsedTimer clock;
    const auto time = [&](const char* what, const std::function<void()>& call) {
        settle(100);
        clock.start();
        call();
        const double callMs = msSince(clock);
        clock.start();
        window.repaint();
        std::printf("  %-44s %7.1f ms  (repaint after it %5.1f ms)\n", what, callMs, msSince(clock));
    };
    std::printf("UI-thread breakdown of showImport/showAnalysis (second application):\n");
    time("SourcesPanel::setImport", [&] { gdtest::sourcesPanelOf(window)->setImport(import); });
    time("EventsPanel::setImport", [&] { gdtest::eventsPanelOf(window)->setImport(import); });
    settle(500);
    time("LogViewer::setImport", [&] { gdtest::logViewerOf(window)->setImport(import); });
    time("TimelineChart::setImport (posts the histogram)", [&] { bench->chart()->setImport(import); });
    bool ready = false;
    const auto connection = QObject::connect(bench->chart(), &TimelineChart::ready, [&] { ready = true; });
    waitUntil([&] { return ready; });
    QObject::disconnect(connection);
    time("TimelineChart::resetZoom (re-bin, as on ready)", [&] { bench->chart()->resetZoom(); });
    time("TimelineChart::setAnalysis", [&] { bench->chart()->setAnalysis(analysis); });
    time("IncidentsPanel::setAnalysis", [&] { bench->incidentsPanel()->setAnalysis(analysis); });
    time("IncidentDetailPanel::setAnalysis", [&] {
        bench->detailPanel()->setAnalysis(import, analysis, gdtest::logViewerOf(window)->rawTextReader());
    });
    time("window repaint only", [] {});
    std::printf("\n");
}

int runBenchmark(const QStringList& inputs, int repeat, bool openOnly, bool breakdown)
{
    MainWindow window;
    window.resize(1400, 1000);
    window.show();
    if (!waitUntil(
            [&] { return window.isVisible() && window.windowHandle() && window.windowHandle()->isExposed(); },
            10'000))
        return 1;
    settle(200);
    Report report;
    if (!openAndWait(window, inputs, &report))
        return 1;
    if (breakdown)
        printBreakdown(window);
    if (!openOnly) {
        measureFilters(window, repeat, report);
        measureStepping(window, report);
        measureRandomLines(window, report);
        measureZoom(window, repeat, report);
    }
    report.print();
    return 0;
}

int renderScreenshots(const QString& dir, const QString& bundle)
{
    QDir().mkpath(dir);
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!waitUntil([&] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 10'000))
        return 1;
    if (!openAndWait(window, {bundle}, nullptr))
        return 1;
    IncidentWorkbench* bench = gdtest::incidentsOf(window);
    constexpr int kIncident = 2;
    bench->selectIncident(kIncident);
    if (bench->selectedIncident() != kIncident) {
        std::fprintf(stderr, "incident %d not found\n", kIncident);
        return 1;
    }
    IncidentDetailPanel* detail = bench->detailPanel();
    EventsPanel* events = gdtest::eventsPanelOf(window);
    LogViewer* viewer = gdtest::logViewerOf(window);
    waitUntil([&] { return !events->isFiltering() && !detail->isLoadingEvidence() && !viewer->isLoading(); });
    bool shown = false;
    const auto connection = QObject::connect(viewer, &LogViewer::linesShown, [&] { shown = true; });
    detail->activateEvidence(0);
    waitUntil([&] { return shown && !viewer->isLoading(); });
    QObject::disconnect(connection);
    settle(300);

    const QString light = QDir(dir).filePath(QStringLiteral("workbench-light.png"));
    const QString dark = QDir(dir).filePath(QStringLiteral("workbench-dark.png"));
    if (!window.grab().save(light))
        return 1;
    qApp->setPalette(gdtest::darkPalette());
    settle(300);
    if (!window.grab().save(dark))
        return 1;
    std::printf("%s\n%s\n", qPrintable(light), qPrintable(dark));
    return 0;
}

} // namespace

/// The offscreen platform warns about every window size hint; the rest goes through.
void quietMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.contains(QLatin1String("propagateSizeHints")))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

int main(int argc, char** argv)
{
    qInstallMessageHandler(quietMessages);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(QApplication::style()->standardPalette());

    // Settings of a throw-away profile: no recent files or window geometry of the user's.
    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("GatewayDoctorBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_gui"));

    QStringList args = QCoreApplication::arguments().mid(1);
    const auto usage = [] {
        std::fprintf(stderr, "usage: bench_gui [--repeat N] [--open-only] [--breakdown] INPUT...\n"
                             "       bench_gui --screenshots DIR [BUNDLE]\n");
        return 2;
    };
    if (args.value(0) == QLatin1String("--screenshots")) {
        if (args.size() < 2 || args.size() > 3)
            return usage();
        const QString bundle =
            args.size() == 3 ? args[2] : QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz");
        return renderScreenshots(args[1], QFileInfo(bundle).absoluteFilePath());
    }
    int repeat = 3;
    bool openOnly = false;
    bool breakdown = false;
    for (bool option = true; option;) {
        option = false;
        if (args.value(0) == QLatin1String("--repeat") && args.size() >= 2) {
            repeat = std::max(1, args[1].toInt());
            args = args.mid(2);
            option = true;
        } else if (args.value(0) == QLatin1String("--breakdown")) {
            breakdown = true;
            args = args.mid(1);
            option = true;
        } else if (args.value(0) == QLatin1String("--open-only")) {
            openOnly = true;
            args = args.mid(1);
            option = true;
        }
    }
    if (args.isEmpty())
        return usage();
    for (QString& path : args)
        path = QFileInfo(path).absoluteFilePath();
    return runBenchmark(args, repeat, openOnly, breakdown);
}
