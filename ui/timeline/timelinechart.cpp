#include "timeline/timelinechart.h"

#include "import/importresult.h"
#include "timeline/timelinechartstyle.h"
#include "timeline/timelinechartview.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QElapsedTimer>
#include <QEvent>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace gd {

namespace {

constexpr std::int64_t kMinSpanMs = 10'000;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr int kPixelsPerBin = 4;
constexpr int kPixelsPerTick = 120;
/// The requests use the lower part of the plot; the marker rows sit above them, and the incident
/// labels above those (so a label never hides a marker).
constexpr double kRequestShare = 0.65;
constexpr double kMarkerRowsBottom = 0.67; ///< share of the plot height where the marker rows start
constexpr double kMarkerRowsTop = 0.85;
constexpr double kMarkerRows = kMarkerKindCount;
constexpr double kMarkerAxisSpan = kMarkerRows / (kMarkerRowsTop - kMarkerRowsBottom);
constexpr double kMarkerAxisMin = -kMarkerRowsBottom * kMarkerAxisSpan;
constexpr double kMarkerAxisMax = kMarkerAxisMin + kMarkerAxisSpan;

// Stacking order, bottom first: the failures sit on the baseline where they stay readable.
constexpr std::array<RequestClass, kRequestClassCount> kStackOrder = {
    RequestClass::BadGateway, RequestClass::GatewayTimeout, RequestClass::OtherServerError,
    RequestClass::ClientError, RequestClass::Success};

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

double niceCeiling(double value)
{
    if (value <= 1)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= value)
            return step * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

TimelineChart::TimelineChart(QWidget* parent)
    : QWidget(parent)
    , chart_(new QChart())
    , view_(new TimelineChartView(chart_, this))
    , binLabel_(new QLabel(this))
    , statusLabel_(new QLabel(this))
    , undatedLabel_(new QLabel(this))
    , resetButton_(new QToolButton(this))
    , countAxis_(new QValueAxis(this))
    , markerAxis_(new QValueAxis(this))
    , timeAxis_(new QCategoryAxis(this))
    , job_(this)
{
    setObjectName(QStringLiteral("timelineChart"));
    setMinimumHeight(200);
    view_->setObjectName(QStringLiteral("timelineChartView"));
    chart_->setMargins(QMargins(4, 4, 4, 4));
    chart_->setAnimationOptions(QChart::NoAnimation);
    chart_->legend()->setAlignment(Qt::AlignTop);
    chart_->legend()->setShowToolTips(true);
    createSeries();

    binLabel_->setTextFormat(Qt::PlainText);
    statusLabel_->setTextFormat(Qt::PlainText);
    undatedLabel_->setTextFormat(Qt::PlainText);
    undatedLabel_->setObjectName(QStringLiteral("timelineUndatedNote"));
    undatedLabel_->setToolTip(tr("Lines pasted without their date (or written without one) have no place on "
                                 "a time axis: they are listed in the events table with \"no time\"."));
    undatedLabel_->hide();
    resetButton_->setText(tr("Reset Zoom"));
    resetButton_->setToolTip(tr("Show the whole bundle (Home). Wheel zooms, drag selects a range to zoom "
                                "to, middle or Shift drag and the arrow keys pan, a click selects a time."));
    connect(resetButton_, &QToolButton::clicked, this, &TimelineChart::resetZoom);

    auto* bar = new QHBoxLayout();
    bar->setContentsMargins(2, 0, 2, 0);
    bar->setSpacing(12);
    bar->addWidget(statusLabel_, 1);
    bar->addWidget(undatedLabel_);
    bar->addWidget(binLabel_);
    bar->addWidget(resetButton_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);

    connect(view_, &TimelineChartView::zoomRequested, this,
            [this](double factor, qreal viewX) { zoomBy(factor, timeAtViewX(viewX)); });
    connect(view_, &TimelineChartView::panRequested, this, [this](qreal dx) {
        const qreal width = std::max<qreal>(1, chart_->plotArea().width());
        panBy(static_cast<std::int64_t>(dx / width * static_cast<double>(to_ - from_)));
    });
    connect(view_, &TimelineChartView::panFractionRequested, this, [this](double fraction) {
        panBy(static_cast<std::int64_t>(fraction * static_cast<double>(to_ - from_)));
    });
    connect(view_, &TimelineChartView::rangeDragged, this,
            [this](qreal x0, qreal x1) { setVisibleRange(timeAtViewX(x0), timeAtViewX(x1)); });
    connect(view_, &TimelineChartView::clicked, this, [this](qreal x) {
        if (!histogram_)
            return;
        const std::int64_t time = timeAtViewX(x);
        setSelectedTime(time);
        Q_EMIT timeSelected(time);
    });
    connect(view_, &TimelineChartView::resetRequested, this, &TimelineChart::resetZoom);
    view_->setToolTipText([this](qreal x) { return hoverText(timeAtViewX(x)); });
    connect(chart_, &QChart::plotAreaChanged, this, [this] { updateOverlay(); });

    statusLabel_->setText(tr("Open logs to see requests over time"));
    updateColors();
}

TimelineChart::~TimelineChart() = default;

void TimelineChart::createSeries()
{
    timeAxis_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart_->addAxis(timeAxis_, Qt::AlignBottom);
    chart_->addAxis(countAxis_, Qt::AlignLeft);
    countAxis_->setLabelFormat(QStringLiteral("%g"));
    markerAxis_->setRange(kMarkerAxisMin, kMarkerAxisMax);
    markerAxis_->setVisible(false);
    chart_->addAxis(markerAxis_, Qt::AlignRight);

    for (std::size_t level = 0; level < kStackOrder.size(); ++level) {
        uppers_[level] = new QLineSeries(this);
        areas_[level] = new QAreaSeries(uppers_[level], level == 0 ? nullptr : uppers_[level - 1]);
        areas_[level]->setName(statusName(kStackOrder[level]));
        chart_->addSeries(areas_[level]);
        areas_[level]->attachAxis(timeAxis_);
        areas_[level]->attachAxis(countAxis_);
    }
    for (int kind = 0; kind < kMarkerKindCount; ++kind) {
        auto* series = new QScatterSeries();
        series->setName(markerName(static_cast<MarkerKind>(kind)));
        series->setMarkerShape(markerShape(static_cast<MarkerKind>(kind)));
        series->setMarkerSize(11);
        chart_->addSeries(series);
        series->attachAxis(timeAxis_);
        series->attachAxis(markerAxis_);
        markers_[static_cast<std::size_t>(kind)] = series;
    }
    selectedLine_ = new QGraphicsLineItem(chart_);
    selectedLine_->setZValue(1000);
    selectedLine_->hide();
}

void TimelineChart::setImport(std::shared_ptr<const ImportResult> import)
{
    import_ = std::move(import);
    histogram_.reset();
    hasSelectedTime_ = false;
    statusLabel_->setText(tr("Counting requests…"));
    if (!import_ || !import_->timeline) {
        job_.cancel(); // a previous import's counts must not arrive after this
        applyHistogram(nullptr);
        return;
    }
    job_.start([this, timeline = import_->timeline](const LatestJob::Run& run) {
        // One owner keeps the timeline alive as long as the histogram that refers to it.
        struct Owner {
            std::shared_ptr<const Timeline> timeline;
            TimelineHistogram histogram;
        };
        auto owner = std::make_shared<Owner>(Owner{timeline, TimelineHistogram(*timeline)});
        std::shared_ptr<const TimelineHistogram> histogram(owner, &owner->histogram);
        run.deliver([this, histogram] { applyHistogram(histogram); });
    });
}

void TimelineChart::applyHistogram(std::shared_ptr<const TimelineHistogram> histogram)
{
    histogram_ = std::move(histogram);
    provisional_.reset(); // the final counts replace the provisional ones
    updateUndatedNote();
    if (!histogram_ || histogram_->isEmpty()) {
        const bool allUndated = histogram_ && import_ && import_->timeline && import_->timeline->size() > 0;
        statusLabel_->setText(!histogram_  ? tr("Open logs to see requests over time")
                              : allUndated ? tr("No event carries a time: see the events table")
                                           : tr("No events"));
        bins_ = {};
        for (QLineSeries* series : uppers_)
            series->clear();
        for (QScatterSeries* series : markers_)
            series->clear();
        updateOverlay();
        return;
    }
    statusLabel_->clear();
    const int pending = highlighted_;
    resetZoom();
    if (pendingIncidentZoom_ && pending >= 0)
        setSelectedIncident(pending);
    Q_EMIT ready();
}

void TimelineChart::updateUndatedNote()
{
    const std::size_t undated = import_ && import_->timeline ? import_->timeline->undatedCount() : 0;
    undatedLabel_->setVisible(undated > 0);
    undatedLabel_->setText(undated == 1 ? tr("1 event without a time is not on the chart")
                                        : tr("%1 events without a time are not on the chart").arg(undated));
}

void TimelineChart::showProvisional(std::shared_ptr<const std::vector<LiveMinute>> counts)
{
    if (!counts || counts->empty())
        return;
    provisional_ = std::move(counts);
    drawProvisional();
    Q_EMIT provisionalShown();
}

void TimelineChart::clearProvisional()
{
    if (!provisional_)
        return;
    provisional_.reset();
    if (histogram_ && !histogram_->isEmpty()) {
        statusLabel_->clear();
        resetZoom();
    } else {
        applyHistogram(histogram_);
    }
}

void TimelineChart::drawProvisional()
{
    const std::vector<LiveMinute>& minutes = *provisional_;
    const std::int64_t first = minutes.front().startMs();
    const std::int64_t last = minutes.back().startMs() + kMinuteMs;
    const std::int64_t margin = std::max<std::int64_t>((last - first) / 50, 1000);
    from_ = first - margin;
    to_ = last + margin;
    const int plotWidth = std::max(200, static_cast<int>(chart_->plotArea().width()));
    const std::int64_t maxBins = std::max(50, plotWidth / kPixelsPerBin);
    // Bins of whole minutes (what the counts have), as few as the plot has room for.
    std::int64_t binMs = TimelineHistogram::niceStepsMs().back();
    for (const std::int64_t step : TimelineHistogram::niceStepsMs()) {
        if (step % kMinuteMs == 0 && (to_ - from_) / step <= maxBins) {
            binMs = step;
            break;
        }
    }
    bins_ = {};
    bins_.binMs = binMs;
    bins_.startMs = floorDiv(first, binMs) * binMs;
    const auto binCount = static_cast<std::size_t>((last - 1 - bins_.startMs) / binMs + 1);
    bins_.requests.assign(binCount, {});
    bins_.markers.assign(binCount, {});
    std::uint64_t total = 0;
    for (const LiveMinute& minute : minutes) {
        auto& bin = bins_.requests[static_cast<std::size_t>((minute.startMs() - bins_.startMs) / binMs)];
        for (std::size_t i = 0; i < bin.size(); ++i) {
            bin[i] += minute.counts[i];
            total += minute.counts[i];
        }
    }
    fillSeries(binMs);
    statusLabel_->setText(tr("Importing… %1 requests so far (access logs)")
                              .arg(QLocale().toString(static_cast<qulonglong>(total))));
    updateTicks();
    updateOverlay();
}

void TimelineChart::setAnalysis(std::shared_ptr<const AnalysisResult> analysis)
{
    analysis_ = std::move(analysis);
    clearBands();
    if (analysis_) {
        for (const Incident& incident : analysis_->incidents) {
            if (!hasTime(incident.startMs))
                continue; // lines without a time have no place on the time axis
            Band band;
            band.id = incident.id;
            band.startMs = incident.startMs;
            band.endMs = std::max(incident.endMs, incident.startMs + 1);
            band.label = causeTitle(incident.cause);
            band.rect = new QGraphicsRectItem(chart_);
            band.rect->setZValue(900);
            band.text = new QGraphicsSimpleTextItem(band.label, chart_);
            band.text->setZValue(901);
            bands_.push_back(band);
        }
    }
    if (highlighted_ >= 0 && std::none_of(bands_.begin(), bands_.end(),
                                          [this](const Band& band) { return band.id == highlighted_; }))
        highlighted_ = -1;
    updateColors();
    updateOverlay();
}

void TimelineChart::clearBands()
{
    for (Band& band : bands_) {
        delete band.rect;
        delete band.text;
    }
    bands_.clear();
}

void TimelineChart::setTimeDisplay(const TimeDisplay& display)
{
    display_ = display;
    updateTicks();
}

void TimelineChart::setSelectedIncident(int id)
{
    highlighted_ = id;
    const auto band = std::find_if(bands_.begin(), bands_.end(), [id](const Band& b) { return b.id == id; });
    if (band == bands_.end()) {
        highlighted_ = -1;
        updateOverlay();
        return;
    }
    if (!histogram_) {
        pendingIncidentZoom_ = true; // zoom once the counts are there
        updateOverlay();
        return;
    }
    pendingIncidentZoom_ = false;
    // The incident in the middle third, with at least two minutes around it for context.
    const std::int64_t length = band->endMs - band->startMs;
    const std::int64_t margin = std::max<std::int64_t>(length, 60'000);
    setVisibleRange(band->startMs - margin, band->endMs + margin);
}

void TimelineChart::setSelectedTime(std::int64_t utcMs)
{
    selectedTime_ = utcMs;
    hasSelectedTime_ = true;
    updateOverlay();
}

std::int64_t TimelineChart::dataFrom() const
{
    return histogram_ && !histogram_->isEmpty() ? histogram_->firstMs() : 0;
}

std::int64_t TimelineChart::dataTo() const
{
    return histogram_ && !histogram_->isEmpty() ? histogram_->lastMs() + 1 : 1;
}

void TimelineChart::resetZoom()
{
    const std::int64_t span = dataTo() - dataFrom();
    const std::int64_t margin = std::max<std::int64_t>(span / 50, 1000);
    setVisibleRange(dataFrom() - margin, dataTo() + margin);
}

void TimelineChart::setVisibleRange(std::int64_t fromMs, std::int64_t toMs)
{
    if (toMs < fromMs)
        std::swap(fromMs, toMs);
    // Keep the view near the data: at most the whole bundle plus a margin, at least kMinSpanMs.
    const std::int64_t dataSpan = dataTo() - dataFrom();
    const std::int64_t limitFrom = dataFrom() - std::max<std::int64_t>(dataSpan / 4, kMinSpanMs);
    const std::int64_t limitTo = dataTo() + std::max<std::int64_t>(dataSpan / 4, kMinSpanMs);
    std::int64_t span = std::clamp(toMs - fromMs, kMinSpanMs, limitTo - limitFrom);
    const std::int64_t center = fromMs / 2 + toMs / 2;
    fromMs = std::clamp(center - span / 2, limitFrom, limitTo - span);
    toMs = fromMs + span;
    from_ = fromMs;
    to_ = toMs;
    timeAxis_->setRange(static_cast<qreal>(from_), static_cast<qreal>(to_));
    rebin();
    updateTicks();
    updateOverlay();
    Q_EMIT visibleRangeChanged(from_, to_);
}

void TimelineChart::zoomBy(double factor, std::int64_t anchorMs)
{
    if (!histogram_ || provisional_)
        return;
    const double span = static_cast<double>(to_ - from_) * factor;
    const double anchorShare = static_cast<double>(anchorMs - from_) / static_cast<double>(to_ - from_);
    const auto from = anchorMs - static_cast<std::int64_t>(span * anchorShare);
    setVisibleRange(from, from + static_cast<std::int64_t>(span));
}

void TimelineChart::panBy(std::int64_t deltaMs)
{
    if (histogram_ && !provisional_ && deltaMs != 0)
        setVisibleRange(from_ + deltaMs, to_ + deltaMs);
}

void TimelineChart::rebin()
{
    if (!histogram_ || provisional_)
        return;
    QElapsedTimer clock;
    clock.start();
    const int plotWidth = std::max(200, static_cast<int>(chart_->plotArea().width()));
    const std::int64_t binMs = histogram_->binSizeFor(to_ - from_, std::max(50, plotWidth / kPixelsPerBin));
    bins_ = histogram_->bins(from_, to_, binMs);
    fillSeries(binMs);
    lastRebinMicros_ = clock.nsecsElapsed() / 1000;
}

/// Puts bins_ into the series and pins the axes.
void TimelineChart::fillSeries(std::int64_t binMs)
{
    std::array<QList<QPointF>, kRequestClassCount> levels;
    std::array<QList<QPointF>, kMarkerKindCount> points;
    for (auto& level : levels)
        level.reserve(static_cast<qsizetype>(bins_.size() * 2));
    for (std::size_t bin = 0; bin < bins_.size(); ++bin) {
        const auto start = static_cast<qreal>(bins_.binStart(bin));
        const auto end = static_cast<qreal>(bins_.binStart(bin) + binMs);
        std::uint32_t cumulative = 0;
        for (std::size_t level = 0; level < kStackOrder.size(); ++level) {
            cumulative += bins_.requests[bin][static_cast<std::size_t>(kStackOrder[level])];
            levels[level].append({start, static_cast<qreal>(cumulative)});
            levels[level].append({end, static_cast<qreal>(cumulative)});
        }
        for (int kind = 0; kind < kMarkerKindCount; ++kind) {
            if (bins_.markers[bin][static_cast<std::size_t>(kind)] > 0)
                points[static_cast<std::size_t>(kind)].append({(start + end) / 2, kMarkerRows - kind - 0.5});
        }
    }
    for (std::size_t level = 0; level < kStackOrder.size(); ++level)
        uppers_[level]->replace(levels[level]);
    for (std::size_t kind = 0; kind < markers_.size(); ++kind) {
        markers_[kind]->clear();
        markers_[kind]->append(points[kind]);
    }
    // Replacing points may rescale the axes to the data: pin them to what the chart means.
    markerAxis_->setRange(kMarkerAxisMin, kMarkerAxisMax);
    timeAxis_->setRange(static_cast<qreal>(from_), static_cast<qreal>(to_));
    const double most = bins_.maxRequestTotal();
    countAxis_->setRange(0, niceCeiling(std::max(4.0, most) / kRequestShare));
    countAxis_->setTickCount(5);
    binLabel_->setText(tr("Bins of %1").arg(binLengthText(binMs)));
}

void TimelineChart::updateTicks()
{
    for (const QString& label : timeAxis_->categoriesLabels())
        timeAxis_->remove(label);
    timeAxis_->setStartValue(static_cast<qreal>(from_));
    if (!histogram_ && !provisional_)
        return;
    const int plotWidth = std::max(200, static_cast<int>(chart_->plotArea().width()));
    const std::int64_t span = to_ - from_;
    std::int64_t step = TimelineHistogram::niceStepsMs().back();
    for (const std::int64_t candidate : TimelineHistogram::niceStepsMs()) {
        if (span / candidate <= std::max(2, plotWidth / kPixelsPerTick)) {
            step = candidate;
            break;
        }
    }
    const bool withDate = span > 20 * 3'600'000LL || step >= 86'400'000;
    // Ticks on round times of the displayed zone, not of UTC.
    const std::int64_t offsetMs = static_cast<std::int64_t>(display_.offsetAtUtc(from_)) * 1000;
    std::int64_t local = from_ + offsetMs;
    local = (local / step + (local % step > 0 ? 1 : 0)) * step;
    QStringList used;
    for (std::int64_t tick = local - offsetMs; tick < to_; tick += step) {
        QString label = display_.dateTime(tick); // "2026-11-24 10:51:32"
        if (step >= 86'400'000)
            label = label.left(10);
        else if (withDate)
            label = label.mid(5, step >= 60'000 ? 11 : 14);
        else
            label = label.mid(11, step >= 60'000 ? 5 : 8);
        // Category labels must be unique (a repeated hour when clocks go back).
        while (used.contains(label))
            label += QChar(0x200B);
        used << label;
        timeAxis_->append(label, static_cast<qreal>(tick));
    }
}

qreal TimelineChart::chartXOf(std::int64_t utcMs) const
{
    const QRectF plot = chart_->plotArea();
    const double share =
        static_cast<double>(utcMs - from_) / static_cast<double>(std::max<std::int64_t>(1, to_ - from_));
    return plot.left() + share * plot.width();
}

std::int64_t TimelineChart::timeAtViewX(qreal viewX) const
{
    const QPointF scene = view_->mapToScene(QPoint(static_cast<int>(viewX), 0));
    const QPointF inChart = chart_->mapFromScene(scene);
    const QRectF plot = chart_->plotArea();
    const double share = (inChart.x() - plot.left()) / std::max<qreal>(1, plot.width());
    return from_ + static_cast<std::int64_t>(share * static_cast<double>(to_ - from_));
}

QString TimelineChart::hoverText(std::int64_t utcMs) const
{
    if ((!histogram_ && !provisional_) || bins_.size() == 0 || utcMs < from_ || utcMs >= to_)
        return {};
    const std::int64_t index = floorDiv(utcMs - bins_.startMs, bins_.binMs);
    if (index < 0 || index >= static_cast<std::int64_t>(bins_.size()))
        return {};
    const auto bin = static_cast<std::size_t>(index);
    const std::int64_t start = bins_.binStart(bin);
    const QLocale locale;
    QStringList lines;
    lines << tr("%1 – %2 %3 (%4 bin)")
                 .arg(display_.dateTime(start), display_.time(start + bins_.binMs), display_.zoneLabel(),
                      binLengthText(bins_.binMs));
    QStringList counts;
    for (const RequestClass status : kStackOrder) {
        const std::uint32_t count = bins_.requests[bin][static_cast<std::size_t>(status)];
        if (count > 0)
            counts << QStringLiteral("%1 %2").arg(statusName(status), locale.toString(count));
    }
    const auto total = static_cast<int>(bins_.requestTotal(bin));
    lines << (total == 1 ? tr("1 request") : tr("%1 requests").arg(locale.toString(total))) +
                 (counts.isEmpty() ? QString() : QStringLiteral(": ") + counts.join(QStringLiteral(" · ")));
    if (bin < bins_.markers.size()) {
        QStringList markers;
        for (int kind = 0; kind < kMarkerKindCount; ++kind) {
            const std::uint32_t count = bins_.markers[bin][static_cast<std::size_t>(kind)];
            if (count > 0)
                markers << QStringLiteral("%1 × %2").arg(locale.toString(count),
                                                         markerName(static_cast<MarkerKind>(kind)));
        }
        if (!markers.isEmpty())
            lines << tr("PHP-FPM: %1").arg(markers.join(QStringLiteral(" · ")));
    }
    for (const Band& band : bands_) {
        if (band.startMs < start + bins_.binMs && band.endMs >= start)
            lines << tr("Incident #%1: %2").arg(band.id).arg(band.label);
    }
    if (provisional_)
        lines << tr("Counted so far: the import is still running");
    return lines.join(QLatin1Char('\n'));
}

std::vector<std::pair<int, QRectF>> TimelineChart::shownBandLabels() const
{
    std::vector<std::pair<int, QRectF>> labels;
    for (const Band& band : bands_) {
        if (band.text->isVisible())
            labels.emplace_back(band.id, band.text->mapRectToParent(band.text->boundingRect()));
    }
    return labels;
}

QRectF TimelineChart::highlightedBandRect() const
{
    for (const Band& band : bands_) {
        if (band.id == highlighted_ && band.rect->isVisible())
            return band.rect->rect();
    }
    return {};
}

void TimelineChart::updateOverlay()
{
    const QRectF plot = chart_->plotArea();
    const QFontMetricsF metrics(font());
    // Bands come in impact order, so the labels of the worst incidents claim their room first (the
    // highlighted one before all); a label that would overlap one already placed tries the second row and is
    // otherwise left out: the band and its tooltip remain.
    constexpr std::size_t kLabelRows = 2;
    constexpr qreal kLabelGap = 6;
    std::array<std::vector<std::pair<qreal, qreal>>, kLabelRows> taken;
    const auto placeLabel = [&](Band& band, qreal left) {
        const qreal width = metrics.horizontalAdvance(band.label);
        const qreal x = std::max(plot.left(), std::min(left + 2, plot.right() - width));
        for (std::size_t row = 0; row < kLabelRows; ++row) {
            const bool overlaps = std::any_of(taken[row].begin(), taken[row].end(), [&](const auto& span) {
                return x < span.second + kLabelGap && x + width + kLabelGap > span.first;
            });
            if (overlaps)
                continue;
            band.text->setPos(x, plot.top() + 2 + static_cast<qreal>(row) * metrics.height());
            band.text->setVisible(true);
            taken[row].emplace_back(x, x + width);
            return;
        }
    };
    std::vector<std::pair<Band*, qreal>> labelled; // band and its left edge, in placing order
    for (Band& band : bands_) {
        const bool shown = histogram_ && !provisional_ && band.endMs >= from_ && band.startMs <= to_;
        band.rect->setVisible(shown);
        band.text->setVisible(false);
        if (!shown)
            continue;
        qreal left = std::max(plot.left(), chartXOf(band.startMs));
        qreal right = std::min(plot.right(), chartXOf(band.endMs));
        if (right - left < 3) { // a band must stay visible at any zoom
            const qreal middle = (left + right) / 2;
            left = std::max(plot.left(), middle - 1.5);
            right = std::min(plot.right(), middle + 1.5);
        }
        band.rect->setRect(QRectF(left, plot.top(), right - left, plot.height()));
        if (band.id == highlighted_)
            labelled.emplace(labelled.begin(), &band, left);
        else
            labelled.emplace_back(&band, left);
    }
    for (const auto& [band, left] : labelled)
        placeLabel(*band, left);
    const bool lineShown =
        histogram_ && !provisional_ && hasSelectedTime_ && selectedTime_ >= from_ && selectedTime_ <= to_;
    selectedLine_->setVisible(lineShown);
    if (lineShown) {
        const qreal x = chartXOf(selectedTime_);
        selectedLine_->setLine(x, plot.top(), x, plot.bottom());
    }
    updateColors();
}

void TimelineChart::updateColors()
{
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    chart_->setBackgroundBrush(pal.color(QPalette::Base));
    chart_->setBackgroundPen(Qt::NoPen);
    chart_->setPlotAreaBackgroundVisible(false);
    chart_->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(timeAxis_), static_cast<QAbstractAxis*>(countAxis_)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setLinePenColor(pal.color(QPalette::Mid));
        axis->setGridLineColor(dark ? pal.color(QPalette::Mid).darker(130) : pal.color(QPalette::Midlight));
    }
    for (std::size_t level = 0; level < kStackOrder.size(); ++level) {
        const QColor color = statusColor(kStackOrder[level], dark);
        areas_[level]->setBrush(color);
        areas_[level]->setPen(QPen(color.darker(dark ? 80 : 115), 1));
    }
    for (std::size_t kind = 0; kind < markers_.size(); ++kind) {
        const QColor color = markerColor(static_cast<MarkerKind>(kind), dark);
        markers_[kind]->setColor(color);
        markers_[kind]->setBorderColor(pal.color(QPalette::Base));
    }
    QColor highlight = pal.color(QPalette::Highlight);
    for (Band& band : bands_) {
        const bool selected = band.id == highlighted_;
        QColor fill = highlight;
        fill.setAlpha(selected ? 90 : 40);
        band.rect->setBrush(fill);
        band.rect->setPen(selected ? QPen(highlight, 2) : QPen(Qt::NoPen));
        band.text->setBrush(pal.color(QPalette::Text));
        QFont labelFont = font();
        labelFont.setBold(selected);
        band.text->setFont(labelFont);
    }
    selectedLine_->setPen(QPen(pal.color(QPalette::Text), 1, Qt::DashLine));
}

void TimelineChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColors();
    QWidget::changeEvent(event);
}

void TimelineChart::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (provisional_) {
        drawProvisional();
    } else if (histogram_) {
        rebin();
        updateTicks();
    }
}

} // namespace gd
