#include "timeline/timelinechartstyle.h"

#include <QCoreApplication>
#include <QPalette>

namespace gd {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor statusColor(RequestClass status, bool dark)
{
    switch (status) {
    case RequestClass::BadGateway:
        return dark ? QColor(255, 92, 92) : QColor(208, 32, 32);
    case RequestClass::GatewayTimeout:
        return dark ? QColor(255, 160, 60) : QColor(232, 112, 0);
    case RequestClass::OtherServerError:
        return dark ? QColor(200, 140, 230) : QColor(150, 80, 180);
    case RequestClass::ClientError:
        return dark ? QColor(150, 140, 95) : QColor(210, 200, 140);
    case RequestClass::Success:
        return dark ? QColor(80, 110, 140) : QColor(170, 195, 220);
    }
    return {};
}

QColor markerColor(MarkerKind kind, bool dark)
{
    switch (kind) {
    case MarkerKind::Restart:
        return dark ? QColor(110, 170, 255) : QColor(30, 90, 200);
    case MarkerKind::Crash:
        return dark ? QColor(255, 110, 200) : QColor(190, 0, 130);
    case MarkerKind::MaxChildren:
        return dark ? QColor(240, 200, 80) : QColor(170, 120, 0);
    case MarkerKind::Timeout:
        return dark ? QColor(90, 220, 200) : QColor(0, 130, 120);
    }
    return {};
}

QString statusName(RequestClass status)
{
    switch (status) {
    case RequestClass::BadGateway:
        return QCoreApplication::translate("gd::TimelineChart", "502");
    case RequestClass::GatewayTimeout:
        return QCoreApplication::translate("gd::TimelineChart", "504");
    case RequestClass::OtherServerError:
        return QCoreApplication::translate("gd::TimelineChart", "other 5xx");
    case RequestClass::ClientError:
        return QCoreApplication::translate("gd::TimelineChart", "4xx");
    case RequestClass::Success:
        return QCoreApplication::translate("gd::TimelineChart", "2xx/3xx");
    }
    return {};
}

QString markerName(MarkerKind kind)
{
    switch (kind) {
    case MarkerKind::Restart:
        return QCoreApplication::translate("gd::TimelineChart", "FPM restart/reload");
    case MarkerKind::Crash:
        return QCoreApplication::translate("gd::TimelineChart", "crash/segfault");
    case MarkerKind::MaxChildren:
        return QCoreApplication::translate("gd::TimelineChart", "max_children");
    case MarkerKind::Timeout:
        return QCoreApplication::translate("gd::TimelineChart", "FPM/PHP timeout");
    }
    return {};
}

QScatterSeries::MarkerShape markerShape(MarkerKind kind)
{
    switch (kind) {
    case MarkerKind::Restart:
        return QScatterSeries::MarkerShapeTriangle;
    case MarkerKind::Crash:
        return QScatterSeries::MarkerShapeStar;
    case MarkerKind::MaxChildren:
        return QScatterSeries::MarkerShapeRectangle;
    case MarkerKind::Timeout:
        return QScatterSeries::MarkerShapeRotatedRectangle;
    }
    return QScatterSeries::MarkerShapeCircle;
}

QString binLengthText(std::int64_t binMs)
{
    const char* context = "gd::TimelineChart";
    if (binMs % 86'400'000 == 0)
        return binMs == 86'400'000 ? QCoreApplication::translate(context, "1 day")
                                   : QCoreApplication::translate(context, "%1 days").arg(binMs / 86'400'000);
    if (binMs % 3'600'000 == 0)
        return QCoreApplication::translate(context, "%n h", nullptr, static_cast<int>(binMs / 3'600'000));
    if (binMs % 60'000 == 0)
        return QCoreApplication::translate(context, "%n min", nullptr, static_cast<int>(binMs / 60'000));
    return QCoreApplication::translate(context, "%n s", nullptr, static_cast<int>(binMs / 1000));
}

} // namespace gd
