#include "reportchartobject.h"

#include "reportdocument.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace gd {

namespace {

constexpr double kLeftAxis = 34;
constexpr double kBottomAxis = 16;
constexpr double kTopStrip = 16;

/// A round maximum for the y axis: 1, 2, 5 × 10^n.
double niceMaximum(double value)
{
    if (value <= 1)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

QString axisTime(const ClientReport& report, std::int64_t utcMs, std::int64_t spanMs)
{
    const QString full = report.serverTime(utcMs); // "2026-11-24 03:04:33"
    if (spanMs > 2 * 86'400'000LL)
        return full.mid(5, 11); // "11-24 03:04"
    if (spanMs > 600'000)
        return full.mid(11, 5); // "03:04"
    return full.mid(11, 8);     // "03:04:33"
}

} // namespace

ReportChartObject::ReportChartObject(const std::vector<const ReportChart*>& charts,
                                     const ClientReport& report, QObject* parent)
    : QObject(parent)
    , charts_(charts)
    , report_(report)
{
}

QColor ReportChartObject::seriesColor(int series)
{
    switch (series) {
    case ReportChart::Ok:
        return {150, 174, 198};
    case ReportChart::OtherErrors:
        return {226, 172, 70};
    case ReportChart::Bad502:
        return {198, 40, 40};
    case ReportChart::Timeout504:
        return {106, 27, 154};
    default:
        return Qt::gray;
    }
}

QSizeF ReportChartObject::intrinsicSize(QTextDocument*, int, const QTextFormat& format)
{
    return {format.doubleProperty(ChartWidth), format.doubleProperty(ChartHeight)};
}

void ReportChartObject::drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int,
                                   const QTextFormat& format)
{
    const int index = format.intProperty(ChartIndex);
    if (index < 0 || index >= static_cast<int>(charts_.size()) || !charts_[std::size_t(index)])
        return;
    const ReportChart& chart = *charts_[std::size_t(index)];
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QRectF plot(rect.left() + kLeftAxis, rect.top() + kTopStrip, rect.width() - kLeftAxis,
                      rect.height() - kTopStrip - kBottomAxis);
    // The painter is scaled to points; a font's point size is taken at the device's resolution again.
    QFont small = reportFont(6.5 * 72.0 / painter->device()->logicalDpiY());
    painter->setFont(small);
    painter->fillRect(plot, QColor(250, 250, 250));

    if (chart.bins.empty()) {
        painter->setPen(QColor(110, 110, 110));
        painter->drawText(plot, Qt::AlignCenter, QStringLiteral("no dated requests of these sites"));
        painter->restore();
        return;
    }
    const std::int64_t span = chart.toMs() - chart.fromMs;
    const auto xOf = [&](std::int64_t ms) {
        return plot.left() +
               plot.width() * double(ms - chart.fromMs) / double(std::max<std::int64_t>(span, 1));
    };

    // Incidents behind the bars; the one a zoomed chart is about stands out.
    for (const ReportChart::Band& band : chart.bands) {
        const double x0 = std::clamp(xOf(band.fromMs), plot.left(), plot.right());
        const double x1 = std::clamp(xOf(band.toMs), plot.left(), plot.right());
        const bool strong = chart.highlighted == 0 || band.incidentId == chart.highlighted;
        const QRectF area(x0, plot.top(), std::max(x1 - x0, 1.5), plot.height());
        painter->fillRect(area, strong ? QColor(255, 183, 77, 110) : QColor(200, 200, 200, 90));
        painter->setPen(strong ? QColor(150, 80, 0) : QColor(120, 120, 120));
        // The label stays inside the chart, also for a band at its very edge.
        const double labelWidth = 40;
        const double labelLeft = std::clamp(area.center().x() - labelWidth / 2, rect.left() + kLeftAxis,
                                            rect.right() - labelWidth);
        painter->drawText(QRectF(labelLeft, rect.top(), labelWidth, kTopStrip - 2),
                          Qt::AlignHCenter | Qt::AlignBottom, QStringLiteral("#%1").arg(band.incidentId));
    }

    std::uint32_t highest = 0;
    for (const auto& bin : chart.bins) {
        std::uint32_t total = 0;
        for (const std::uint32_t count : bin)
            total += count;
        highest = std::max(highest, total);
    }
    const double top = niceMaximum(highest);
    const double barWidth = plot.width() / double(chart.bins.size());
    painter->setPen(Qt::NoPen);
    for (std::size_t b = 0; b < chart.bins.size(); ++b) {
        double y = plot.bottom();
        // Failures at the bottom, where the eye starts.
        for (const int series :
             {ReportChart::Bad502, ReportChart::Timeout504, ReportChart::OtherErrors, ReportChart::Ok}) {
            const std::uint32_t count = chart.bins[b][std::size_t(series)];
            if (count == 0)
                continue;
            const double height = plot.height() * double(count) / top;
            painter->fillRect(QRectF(plot.left() + double(b) * barWidth, y - height,
                                     std::max(barWidth * 0.85, 0.4), height),
                              seriesColor(series));
            y -= height;
        }
    }

    // Axes and labels.
    painter->setPen(QPen(QColor(90, 90, 90), 0.5));
    painter->drawLine(plot.bottomLeft(), plot.bottomRight());
    painter->drawLine(plot.bottomLeft(), plot.topLeft());
    painter->drawText(QRectF(rect.left(), plot.top() - 4, kLeftAxis - 3, 10), Qt::AlignRight | Qt::AlignTop,
                      QString::number(top, 'f', 0));
    painter->drawText(QRectF(rect.left(), plot.bottom() - 8, kLeftAxis - 3, 10),
                      Qt::AlignRight | Qt::AlignBottom, QStringLiteral("0"));
    constexpr int kTicks = 5;
    for (int t = 0; t <= kTicks; ++t) {
        const std::int64_t ms = chart.fromMs + span * t / kTicks;
        const double x = xOf(ms);
        painter->drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 2));
        const Qt::Alignment align = t == 0 ? Qt::AlignLeft : t == kTicks ? Qt::AlignRight : Qt::AlignHCenter;
        const double width = 70;
        const double left = t == 0 ? x : t == kTicks ? x - width : x - width / 2;
        painter->drawText(QRectF(left, plot.bottom() + 3, width, kBottomAxis - 3), align | Qt::AlignTop,
                          axisTime(report_, ms, span));
    }
    painter->restore();
}

} // namespace gd
