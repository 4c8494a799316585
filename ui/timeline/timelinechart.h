#pragma once

#include "diagnose/analyzer.h"
#include "import/liverequestcounts.h"
#include "jobs/latestjob.h"
#include "model/histogram.h"
#include "shell/timedisplay.h"

#include <QWidget>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QAreaSeries;
class QCategoryAxis;
class QChart;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QToolButton;
class QValueAxis;

namespace gd {

class TimelineChartView;
struct ImportResult;

/// Requests over time by status class (502 and 504 at the bottom, in red and orange), PHP-FPM
/// markers (restarts, crashes, max_children, timeouts) on their own row, and the incidents as shaded,
/// labelled bands. Wheel and drag zoom, middle/Shift drag and arrow keys pan, Home resets; the bins
/// follow the zoom. A thin adapter over TimelineHistogram, which is built off the UI thread.
class TimelineChart : public QWidget {
    Q_OBJECT
public:
    explicit TimelineChart(QWidget* parent = nullptr);
    ~TimelineChart() override;

    void setImport(std::shared_ptr<const ImportResult> import);
    void setAnalysis(std::shared_ptr<const AnalysisResult> analysis);
    void setTimeDisplay(const TimeDisplay& display);
    /// While an import runs: draws the requests per minute counted so far over the time seen so far
    /// (no markers, no incident bands) until setImport()'s counts replace them.
    void showProvisional(std::shared_ptr<const std::vector<LiveMinute>> counts);
    /// The import was cancelled: back to what was shown before it.
    void clearProvisional();
    bool isProvisional() const { return provisional_ != nullptr; }

    /// Zooms to show incident `id` with some context and highlights its band (-1: none).
    void setSelectedIncident(int id);
    int highlightedIncident() const { return highlighted_; }
    /// Marks a time with a vertical line (what was clicked or selected elsewhere).
    void setSelectedTime(std::int64_t utcMs);
    std::optional<std::int64_t> selectedTime() const
    {
        return hasSelectedTime_ ? std::optional<std::int64_t>(selectedTime_) : std::nullopt;
    }

    void setVisibleRange(std::int64_t fromMs, std::int64_t toMs);
    std::int64_t visibleFrom() const { return from_; }
    std::int64_t visibleTo() const { return to_; }
    /// The whole bundle.
    void resetZoom();
    /// factor < 1 zooms in, around `anchorMs`.
    void zoomBy(double factor, std::int64_t anchorMs);
    void panBy(std::int64_t deltaMs);

    bool isReady() const { return histogram_ != nullptr; }
    std::int64_t binMs() const { return bins_.binMs; }
    const HistogramBins& bins() const { return bins_; }
    /// Time the last re-binning took (counting and series update), for latency reports.
    qint64 lastRebinMicros() const { return lastRebinMicros_; }
    /// The chart's tooltip at `utcMs`: the bin's time span, its requests by status class, the
    /// PHP-FPM markers in it and the incidents it belongs to. Empty outside the data.
    QString hoverText(std::int64_t utcMs) const;
    /// The band of the highlighted incident in chart coordinates (empty when none is shown).
    QRectF highlightedBandRect() const;
    /// The band labels drawn (incident id and the label's rectangle in chart coordinates).
    std::vector<std::pair<int, QRectF>> shownBandLabels() const;
    QChart* chart() const { return chart_; }
    TimelineChartView* view() const { return view_; }

Q_SIGNALS:
    void timeSelected(qint64 utcMs);
    void visibleRangeChanged(qint64 fromMs, qint64 toMs);
    /// The histogram of a new import is ready (the chart shows data).
    void ready();
    /// The series show provisional counts of a running import (after each update).
    void provisionalShown();

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Band {
        int id = 0;
        std::int64_t startMs = 0;
        std::int64_t endMs = 0;
        QString label;
        QGraphicsRectItem* rect = nullptr;
        QGraphicsSimpleTextItem* text = nullptr;
    };
    void createSeries();
    void applyHistogram(std::shared_ptr<const TimelineHistogram> histogram);
    void updateUndatedNote();
    void rebin();
    void drawProvisional();
    void fillSeries(std::int64_t binMs);
    void updateTicks();
    void updateOverlay();
    void updateColors();
    void clearBands();
    std::int64_t timeAtViewX(qreal viewX) const;
    qreal chartXOf(std::int64_t utcMs) const;
    std::int64_t dataFrom() const;
    std::int64_t dataTo() const;

    QChart* chart_;
    TimelineChartView* view_;
    QLabel* binLabel_;
    QLabel* statusLabel_;
    QLabel* undatedLabel_; ///< says how many lines carry no time, so are not on the chart
    QToolButton* resetButton_;
    QValueAxis* countAxis_;
    QValueAxis* markerAxis_;
    QCategoryAxis* timeAxis_;
    std::array<QLineSeries*, kRequestClassCount> uppers_{};
    std::array<QAreaSeries*, kRequestClassCount> areas_{};
    std::array<QScatterSeries*, kMarkerKindCount> markers_{};
    std::vector<Band> bands_;
    QGraphicsLineItem* selectedLine_ = nullptr;

    std::shared_ptr<const ImportResult> import_;
    std::shared_ptr<const AnalysisResult> analysis_;
    std::shared_ptr<const TimelineHistogram> histogram_;
    std::shared_ptr<const std::vector<LiveMinute>> provisional_;
    HistogramBins bins_;
    TimeDisplay display_;
    std::int64_t from_ = 0;
    std::int64_t to_ = 1;
    std::int64_t selectedTime_ = -1;
    bool hasSelectedTime_ = false;
    int highlighted_ = -1;
    bool pendingIncidentZoom_ = false;
    qint64 lastRebinMicros_ = 0;
    LatestJob job_; ///< last member: joined before the rest goes
};

} // namespace gd
