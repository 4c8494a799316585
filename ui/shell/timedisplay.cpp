#include "shell/timedisplay.h"

#include "time/civiltime.h"

#include <QCoreApplication>
#include <QDateTime>

namespace gd {

namespace {

QString datePart(const CivilFields& f)
{
    return QStringLiteral("%1-%2-%3")
        .arg(f.year, 4, 10, QChar(u'0'))
        .arg(f.month, 2, 10, QChar(u'0'))
        .arg(f.day, 2, 10, QChar(u'0'));
}

QString timePart(const CivilFields& f, bool withMillis)
{
    QString text = QStringLiteral("%1:%2:%3")
                       .arg(f.hour, 2, 10, QChar(u'0'))
                       .arg(f.minute, 2, 10, QChar(u'0'))
                       .arg(f.second, 2, 10, QChar(u'0'));
    if (withMillis)
        text += u'.' + QStringLiteral("%1").arg(f.millisecond, 3, 10, QChar(u'0'));
    return text;
}

} // namespace

TimeDisplay::TimeDisplay(Mode mode, ServerZone server)
    : mode_(mode)
    , server_(std::move(server))
{
}

std::int32_t TimeDisplay::offsetAtUtc(std::int64_t utcMs) const
{
    switch (mode_) {
    case Mode::ServerLocal:
        return server_.offsetAtUtc(utcMs);
    case Mode::Utc:
        return 0;
    case Mode::ThisComputer:
        return system_.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()));
    }
    return 0;
}

QString TimeDisplay::dateTime(std::int64_t utcMs, bool withMillis) const
{
    const CivilFields f = civilFields(utcMs + offsetAtUtc(utcMs) * 1000LL);
    return datePart(f) + u' ' + timePart(f, withMillis);
}

QString TimeDisplay::time(std::int64_t utcMs, bool withMillis) const
{
    return timePart(civilFields(utcMs + offsetAtUtc(utcMs) * 1000LL), withMillis);
}

QString TimeDisplay::span(std::int64_t firstUtcMs, std::int64_t lastUtcMs) const
{
    const CivilFields first = civilFields(firstUtcMs + offsetAtUtc(firstUtcMs) * 1000LL);
    const CivilFields last = civilFields(lastUtcMs + offsetAtUtc(lastUtcMs) * 1000LL);
    const bool sameDay = first.year == last.year && first.month == last.month && first.day == last.day;
    const QString end = sameDay ? timePart(last, false) : datePart(last) + u' ' + timePart(last, false);
    return datePart(first) + u' ' + timePart(first, false) + QStringLiteral(" – ") + end;
}

QString TimeDisplay::zoneLabel() const
{
    switch (mode_) {
    case Mode::ServerLocal:
        if (server_.severalZones())
            return QCoreApplication::translate("gd::TimeDisplay", "UTC (the servers run in different zones)");
        if (server_.isExact())
            return server_.text();
        if (server_.text().isEmpty())
            return QCoreApplication::translate("gd::TimeDisplay", "server local");
        return QCoreApplication::translate("gd::TimeDisplay", "UTC (server offsets %1: change time unknown)")
            .arg(server_.text());
    case Mode::Utc:
        return QStringLiteral("UTC");
    case Mode::ThisComputer:
        return QCoreApplication::translate("gd::TimeDisplay", "this computer (%1)")
            .arg(QString::fromUtf8(system_.id()));
    }
    return {};
}

QString TimeDisplay::modeKey(Mode mode)
{
    switch (mode) {
    case Mode::ServerLocal:
        return QStringLiteral("server");
    case Mode::Utc:
        return QStringLiteral("utc");
    case Mode::ThisComputer:
        return QStringLiteral("local");
    }
    return {};
}

std::optional<TimeDisplay::Mode> TimeDisplay::modeFromKey(const QString& key)
{
    for (Mode mode : {Mode::ServerLocal, Mode::Utc, Mode::ThisComputer}) {
        if (modeKey(mode) == key)
            return mode;
    }
    return std::nullopt;
}

} // namespace gd
