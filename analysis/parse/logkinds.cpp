#include "parse/logkinds.h"

#include "parse/parsers.h"

#include <QCoreApplication>

namespace gd {

namespace {

// One row per LogKind after Unknown, in enum order (checked below).
constexpr std::array kLogKindTable = {
    LogKindInfo{LogKind::NginxAccess,
                "nginx-access",
                QT_TRANSLATE_NOOP("gd::LogKind", "nginx access log"),
                {"access"},
                {},
                &makeAccessLogParser,
                "Gateway Doctor nginx access log"},
    LogKindInfo{LogKind::NginxError,
                "nginx-error",
                QT_TRANSLATE_NOOP("gd::LogKind", "nginx error log"),
                {"nginx", "error.log"},
                {},
                [](const ParserOptions&) { return makeNginxErrorParser(); },
                "Gateway Doctor nginx error log"},
    LogKindInfo{LogKind::FpmMaster,
                "php-fpm",
                QT_TRANSLATE_NOOP("gd::LogKind", "PHP-FPM log"),
                {"fpm"},
                "slow",
                [](const ParserOptions&) { return makeFpmMasterParser(); },
                "Gateway Doctor PHP-FPM log"},
    LogKindInfo{LogKind::FpmSlow,
                "php-fpm-slow",
                QT_TRANSLATE_NOOP("gd::LogKind", "PHP-FPM slowlog"),
                {"slow"},
                {},
                [](const ParserOptions&) { return makeFpmSlowParser(); },
                "Gateway Doctor PHP-FPM slowlog"},
    LogKindInfo{LogKind::PhpError,
                "php-error",
                QT_TRANSLATE_NOOP("gd::LogKind", "PHP error log"),
                {"error_log", "php"},
                {},
                [](const ParserOptions&) { return makePhpErrorParser(); },
                ""},
    LogKindInfo{LogKind::Syslog,
                "syslog",
                QT_TRANSLATE_NOOP("gd::LogKind", "syslog"),
                {"syslog", "kern", "messages", "iptables"},
                {},
                [](const ParserOptions&) { return makeSyslogParser(); },
                ""},
    LogKindInfo{LogKind::BoaMonitor,
                "boa-monitor",
                QT_TRANSLATE_NOOP("gd::LogKind", "BOA monitor log"),
                {"xdrago", "incident"},
                {},
                [](const ParserOptions&) { return makeBoaMonitorParser(); },
                ""},
    LogKindInfo{LogKind::Supervisord,
                "supervisord",
                QT_TRANSLATE_NOOP("gd::LogKind", "supervisord log"),
                {"supervisor"},
                {},
                [](const ParserOptions&) { return makeSupervisordParser(); },
                ""},
    LogKindInfo{LogKind::Text,
                "text",
                QT_TRANSLATE_NOOP("gd::LogKind", "other log lines"),
                {},
                {},
                [](const ParserOptions&) { return makeTextLineParser(); },
                "",
                false},
};

constexpr bool inEnumOrder()
{
    for (std::size_t i = 0; i < kLogKindTable.size(); ++i) {
        if (static_cast<std::size_t>(kLogKindTable[i].kind) != i + 1)
            return false;
    }
    return kLogKindTable.size() + 1 == kLogKindCount;
}
static_assert(inEnumOrder(), "kLogKindTable lists every LogKind after Unknown, in enum order");

} // namespace

std::span<const LogKindInfo> logKinds()
{
    return kLogKindTable;
}

const LogKindInfo* logKindInfo(LogKind kind)
{
    const auto index = static_cast<std::size_t>(kind);
    return index >= 1 && index <= kLogKindTable.size() ? &kLogKindTable[index - 1] : nullptr;
}

std::string_view logKindId(LogKind kind)
{
    const LogKindInfo* info = logKindInfo(kind);
    return info ? info->id : std::string_view("unknown");
}

std::optional<LogKind> logKindFromId(std::string_view id)
{
    if (id == "unknown")
        return LogKind::Unknown;
    for (const LogKindInfo& info : kLogKindTable) {
        if (info.id == id)
            return info.kind;
    }
    return std::nullopt;
}

QString logKindName(LogKind kind)
{
    const LogKindInfo* info = logKindInfo(kind);
    return info ? QCoreApplication::translate("gd::LogKind", info->displayName)
                : QCoreApplication::translate("gd::LogKind", "unknown");
}

bool nameHintsAt(const LogKindInfo& info, const QString& fileName)
{
    const QString lower = fileName.toLower();
    const auto contains = [&lower](std::string_view fragment) {
        return !fragment.empty() &&
               lower.contains(QLatin1String(fragment.data(), static_cast<qsizetype>(fragment.size())));
    };
    if (contains(info.nameHintVeto))
        return false;
    for (const std::string_view hint : info.nameHints) {
        if (contains(hint))
            return true;
    }
    return false;
}

} // namespace gd
