#include "shell/serverzone.h"

#include "time/offsettimeline.h"

#include "import/importresult.h"

#include <QDateTime>
#include <algorithm>
#include <cstdlib>

namespace gd {

ServerZone ServerZone::fromImport(const ImportResult& result)
{
    const bool differ =
        std::any_of(result.servers.begin(), result.servers.end(),
                    [&result](const ServerInfo& s) { return s.timeZone != result.servers.front().timeZone; });
    if (differ) {
        ServerZone several;
        several.severalZones_ = true;
        return several;
    }
    ServerZone server = fromText(result.serverTimeZone);
    // Offsets learned from access logs come with the times they changed (DST): use those spans.
    if (!server.zone_.isValid() && !result.serverOffsets.isEmpty())
        server.offsets_ = result.serverOffsets;
    return server;
}

ServerZone ServerZone::fromText(const QString& text)
{
    ServerZone server;
    server.text_ = text.trimmed();
    if (server.text_.isEmpty())
        return server;
    // Offsets are ours to parse: newer Qt (6.8, not 6.4) also takes "UTC-05:30" or "UTC+1" as zone ids, which
    // would drop the learned offsets and accept forms the import never writes.
    const bool offsets =
        server.text_.startsWith(QStringLiteral("UTC+")) || server.text_.startsWith(QStringLiteral("UTC-"));
    const QByteArray id = server.text_.toUtf8();
    if (!offsets && QTimeZone::isTimeZoneIdAvailable(id)) {
        server.zone_ = QTimeZone(id);
        return server;
    }
    const QStringList parts = server.text_.split(QStringLiteral(" then "));
    for (const QString& part : parts) {
        std::int32_t offset = 0;
        if (!parseOffset(part.trimmed(), &offset)) {
            server.learnedOffsets_.clear();
            return server;
        }
        server.learnedOffsets_.push_back(offset);
    }
    // One offset is a fixed zone; several need the change times, which the import does not carry.
    if (server.learnedOffsets_.size() == 1)
        server.zone_ = QTimeZone(server.learnedOffsets_.front());
    return server;
}

std::int32_t ServerZone::offsetAtUtc(std::int64_t utcMs) const
{
    if (!zone_.isValid())
        return offsets_.isEmpty() ? 0 : offsets_.offsetAtUtc(utcMs);
    return zone_.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()));
}

QString ServerZone::formatOffset(std::int32_t offsetSec)
{
    return formatUtcOffset(offsetSec);
}

bool ServerZone::parseOffset(const QString& text, std::int32_t* offsetSec)
{
    if (text == QStringLiteral("UTC")) {
        *offsetSec = 0;
        return true;
    }
    // "UTC+hh:mm"
    if (text.size() != 9 || !text.startsWith(QStringLiteral("UTC")) || text.at(6) != u':')
        return false;
    const QChar sign = text.at(3);
    if (sign != u'+' && sign != u'-')
        return false;
    bool hoursOk = false;
    bool minutesOk = false;
    const int hours = text.mid(4, 2).toInt(&hoursOk);
    const int minutes = text.mid(7, 2).toInt(&minutesOk);
    if (!hoursOk || !minutesOk || hours > 14 || minutes > 59)
        return false;
    const int total = (hours * 60 + minutes) * 60;
    *offsetSec = sign == u'-' ? -total : total;
    return true;
}

} // namespace gd
