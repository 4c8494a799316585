#include "events/eventsfilterjson.h"

#include "common/jsoninteger.h"
#include "parse/logkinds.h"

#include <QJsonArray>
#include <limits>

namespace gd {

namespace {

QString idText(std::string_view id)
{
    return QString::fromLatin1(id.data(), static_cast<qsizetype>(id.size()));
}

std::optional<LogKind> kindFromId(const QString& id)
{
    return logKindFromId(id.toStdString());
}

std::optional<Level> levelFromId(const QString& id)
{
    for (int l = static_cast<int>(Level::None); l <= static_cast<int>(Level::Emergency); ++l) {
        if (idText(levelId(static_cast<Level>(l))) == id)
            return static_cast<Level>(l);
    }
    return std::nullopt;
}

std::optional<MessageCode> codeFromId(const QString& id)
{
    for (std::size_t c = 0; c < kMessageCodeCount; ++c) {
        if (idText(messageCodeId(static_cast<MessageCode>(c))) == id)
            return static_cast<MessageCode>(c);
    }
    return std::nullopt;
}

} // namespace

QJsonObject eventsFilterToJson(const EventsFilter& filter)
{
    QJsonObject json;
    if (filter.kinds != 0) {
        QJsonArray kinds;
        const auto addIfSet = [&](LogKind kind) {
            if (filter.kinds & EventsFilter::kindBit(kind))
                kinds.append(idText(logKindId(kind)));
        };
        addIfSet(LogKind::Unknown);
        for (const LogKindInfo& info : logKinds())
            addIfSet(info.kind);
        json.insert(QStringLiteral("kinds"), kinds);
    }
    if (filter.servers != 0) {
        // Server indices: the same inputs reopen as the same servers in the same order.
        QJsonArray servers;
        for (std::size_t server = 0; server < 32; ++server) {
            if (filter.servers & EventsFilter::serverBit(server))
                servers.append(static_cast<int>(server));
        }
        json.insert(QStringLiteral("servers"), servers);
    }
    if (filter.minLevel != Level::None)
        json.insert(QStringLiteral("minLevel"), idText(levelId(filter.minLevel)));
    if (filter.statusClasses != 0)
        json.insert(QStringLiteral("statusClasses"), int(filter.statusClasses));
    if (!filter.codes.empty()) {
        QJsonArray codes;
        for (const MessageCode code : filter.codes)
            codes.append(idText(messageCodeId(code)));
        json.insert(QStringLiteral("codes"), codes);
    }
    if (!filter.hostText.isEmpty())
        json.insert(QStringLiteral("host"), filter.hostText);
    if (!filter.text.isEmpty())
        json.insert(QStringLiteral("text"), filter.text);
    if (filter.textIsRegex)
        json.insert(QStringLiteral("textIsRegex"), true);
    // The open ends (int64 min/max) are left out: JSON numbers cannot carry them exactly.
    if (filter.fromUtcMs != std::numeric_limits<std::int64_t>::min())
        json.insert(QStringLiteral("fromMs"), static_cast<double>(filter.fromUtcMs));
    if (filter.toUtcMs != std::numeric_limits<std::int64_t>::max())
        json.insert(QStringLiteral("toMs"), static_cast<double>(filter.toUtcMs));
    return json;
}

EventsFilter eventsFilterFromJson(const QJsonObject& json)
{
    EventsFilter filter;
    for (const QJsonValue& kind : json.value(QStringLiteral("kinds")).toArray()) {
        if (const auto k = kindFromId(kind.toString()))
            filter.kinds |= EventsFilter::kindBit(*k);
    }
    for (const QJsonValue& server : json.value(QStringLiteral("servers")).toArray()) {
        if (const auto index = jsonInteger(server); index && *index >= 0 && *index < 32)
            filter.servers |= EventsFilter::serverBit(static_cast<std::size_t>(*index));
    }
    if (const auto level = levelFromId(json.value(QStringLiteral("minLevel")).toString()))
        filter.minLevel = *level;
    if (const auto status = jsonInteger(json.value(QStringLiteral("statusClasses"))))
        filter.statusClasses = static_cast<std::uint8_t>(*status & 0x3F); // known StatusClass bits only
    for (const QJsonValue& code : json.value(QStringLiteral("codes")).toArray()) {
        if (const auto c = codeFromId(code.toString()))
            filter.codes.push_back(*c);
    }
    filter.hostText = json.value(QStringLiteral("host")).toString();
    filter.text = json.value(QStringLiteral("text")).toString();
    filter.textIsRegex = json.value(QStringLiteral("textIsRegex")).toBool();
    if (const auto from = jsonInteger(json.value(QStringLiteral("fromMs"))))
        filter.fromUtcMs = *from;
    if (const auto to = jsonInteger(json.value(QStringLiteral("toMs"))))
        filter.toUtcMs = *to;
    if (filter.fromUtcMs > filter.toUtcMs)
        std::swap(filter.fromUtcMs, filter.toUtcMs);
    return filter;
}

} // namespace gd
