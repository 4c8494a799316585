#include "report/inspectreport.h"

#include "parse/logkinds.h"
#include "time/civiltime.h"

#include <QJsonArray>

namespace gd {

namespace {

QString isoOrEmpty(const SourceInfo& info, bool first)
{
    if (!info.hasDatedEvents())
        return {};
    return QString::fromStdString(formatIsoUtc(first ? info.firstUtcMs : info.lastUtcMs));
}

QString severityId(Diagnostic::Severity severity)
{
    switch (severity) {
    case Diagnostic::Severity::Info:
        return QStringLiteral("info");
    case Diagnostic::Severity::Warning:
        return QStringLiteral("warning");
    case Diagnostic::Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

} // namespace

QJsonArray sourcesJson(const ImportResult& result)
{
    QJsonArray sources;
    for (const SourceInfo& info : result.sources) {
        QJsonArray reasons;
        for (const SkipReason& reason : info.skipReasons) {
            reasons.append(
                QJsonObject{{QStringLiteral("reason"), QString::fromStdString(reason.reason)},
                            {QStringLiteral("count"), static_cast<qint64>(reason.count)},
                            {QStringLiteral("first_line"), static_cast<qint64>(reason.firstLine)}});
        }
        QJsonObject source{
            {QStringLiteral("path"), info.path},
            {QStringLiteral("kind"),
             QString::fromLatin1(logKindId(info.kind).data(),
                                 static_cast<qsizetype>(logKindId(info.kind).size()))},
            {QStringLiteral("bytes"), static_cast<qint64>(info.bytes)},
            {QStringLiteral("lines"), static_cast<qint64>(info.lines)},
            {QStringLiteral("events"), static_cast<qint64>(info.events)},
            {QStringLiteral("skipped"), static_cast<qint64>(info.skippedLines)},
            {QStringLiteral("skip_reasons"), reasons},
            {QStringLiteral("duplicates"), static_cast<qint64>(info.duplicateEvents)},
            {QStringLiteral("first"), isoOrEmpty(info, true)},
            {QStringLiteral("last"), isoOrEmpty(info, false)},
            {QStringLiteral("time_zone"), info.timeZoneNote},
        };
        // Only where they say something, so plain bundles read as before.
        if (!info.stream.isEmpty())
            source.insert(QStringLiteral("stream"), info.stream);
        if (info.undatedEvents > 0)
            source.insert(QStringLiteral("undated_events"), static_cast<qint64>(info.undatedEvents));
        if (result.servers.size() > 1)
            source.insert(QStringLiteral("server"), result.servers[info.server].name);
        sources.append(source);
    }
    return sources;
}

QJsonObject inspectJson(const ImportResult& result)
{
    qint64 lines = 0;
    qint64 events = 0;
    qint64 skippedLines = 0;
    for (const SourceInfo& info : result.sources) {
        lines += static_cast<qint64>(info.lines);
        events += static_cast<qint64>(info.events);
        skippedLines += static_cast<qint64>(info.skippedLines);
    }
    QJsonArray skipped;
    for (const SkippedFile& file : result.skipped)
        skipped.append(
            QJsonObject{{QStringLiteral("path"), file.path}, {QStringLiteral("reason"), file.reason}});
    QJsonArray configs;
    for (const ConfigFile& config : result.configs)
        configs.append(config.path);
    QJsonArray diagnostics;
    for (const Diagnostic& d : result.diagnostics) {
        diagnostics.append(QJsonObject{{QStringLiteral("severity"), severityId(d.severity)},
                                       {QStringLiteral("path"), d.path},
                                       {QStringLiteral("line"), static_cast<qint64>(d.line)},
                                       {QStringLiteral("message"), d.message}});
    }
    QJsonObject totals{{QStringLiteral("sources"), static_cast<qint64>(result.sources.size())},
                       {QStringLiteral("lines"), lines},
                       {QStringLiteral("events"), events},
                       {QStringLiteral("skipped"), skippedLines}};
    if (result.timeline && result.timeline->size() > result.timeline->undatedCount()) {
        const std::size_t firstDated = result.timeline->undatedCount();
        totals.insert(QStringLiteral("first"),
                      QString::fromStdString(formatIsoUtc(result.timeline->events().timeMs[firstDated])));
        totals.insert(QStringLiteral("last"),
                      QString::fromStdString(formatIsoUtc(result.timeline->events().timeMs.back())));
    }
    QJsonObject document{{QStringLiteral("schema"), QStringLiteral("gateway-doctor/inspect/1")},
                         {QStringLiteral("inputs"), sourcesJson(result)},
                         {QStringLiteral("totals"), totals},
                         {QStringLiteral("server_timezone"), result.serverTimeZone},
                         {QStringLiteral("server_timezone_source"), result.serverTimeZoneNote},
                         {QStringLiteral("skipped_files"), skipped},
                         {QStringLiteral("config_files"), configs},
                         {QStringLiteral("diagnostics"), diagnostics},
                         {QStringLiteral("cancelled"), result.cancelled}};
    if (result.memoryBudgetReached)
        document.insert(QStringLiteral("memory_budget_reached"), true);
    if (result.servers.size() > 1) {
        QJsonArray servers;
        for (const ServerInfo& server : result.servers) {
            servers.append(QJsonObject{{QStringLiteral("name"), server.name},
                                       {QStringLiteral("timezone"), server.timeZone},
                                       {QStringLiteral("timezone_source"), server.timeZoneNote}});
        }
        document.insert(QStringLiteral("servers"), servers);
    }
    return document;
}

QString inspectText(const ImportResult& result)
{
    QString out;
    qint64 lines = 0;
    qint64 events = 0;
    for (const SourceInfo& info : result.sources) {
        lines += static_cast<qint64>(info.lines);
        events += static_cast<qint64>(info.events);
        const std::string_view kind = logKindId(info.kind);
        const QString stream = info.stream.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(info.stream);
        out +=
            QStringLiteral("%1\n  kind %2%3, %4 lines, %5 events, %6 skipped")
                .arg(info.path, QString::fromLatin1(kind.data(), static_cast<qsizetype>(kind.size())), stream)
                .arg(info.lines)
                .arg(info.events)
                .arg(info.skippedLines);
        if (info.undatedEvents > 0)
            out += QStringLiteral(", %1 without a time").arg(info.undatedEvents);
        if (info.duplicateEvents > 0)
            out += QStringLiteral(", %1 duplicates of a rotated copy dropped").arg(info.duplicateEvents);
        out += u'\n';
        if (info.hasDatedEvents())
            out += QStringLiteral("  %1 .. %2 UTC (%3)\n")
                       .arg(isoOrEmpty(info, true), isoOrEmpty(info, false), info.timeZoneNote);
        for (const SkipReason& reason : info.skipReasons) {
            out += QStringLiteral("  skipped: %1 (%2 lines, first at line %3)\n")
                       .arg(QString::fromStdString(reason.reason))
                       .arg(reason.count)
                       .arg(reason.firstLine);
        }
    }
    for (const SkippedFile& file : result.skipped)
        out += QStringLiteral("%1\n  not read: %2\n").arg(file.path, file.reason);
    for (const ConfigFile& config : result.configs)
        out += QStringLiteral("%1\n  configuration kept for the analysis\n").arg(config.path);
    if (result.servers.size() > 1) {
        out += QStringLiteral("total: %1 sources, %2 lines, %3 events; %4 servers\n")
                   .arg(result.sources.size())
                   .arg(lines)
                   .arg(events)
                   .arg(result.servers.size());
        for (const ServerInfo& server : result.servers)
            out += QStringLiteral("  server %1: time zone %2\n").arg(server.name, server.timeZoneNote);
        return out;
    }
    out += QStringLiteral("total: %1 sources, %2 lines, %3 events; server time zone %4\n")
               .arg(result.sources.size())
               .arg(lines)
               .arg(events)
               .arg(result.serverTimeZoneNote);
    return out;
}

} // namespace gd
