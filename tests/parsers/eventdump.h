#pragma once

// One text line per parsed log line, shared by the golden files and the table-driven parser tests:
// "event code=... level=... time=... value=...", "cont ...", "ignored" or "rejected reason=[...]". Empty and
// zero fields are left out; "time=none" marks an event whose line carries no time.

#include "model/event.h"
#include "parse/logparser.h"
#include "time/civiltime.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace gd::testdump {

inline QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

inline QByteArray civilText(CivilMs ms)
{
    const CivilFields f = civilFields(ms);
    return QString::asprintf("%04d-%02d-%02d %02d:%02d:%02d.%03d", f.year, f.month, f.day, f.hour, f.minute,
                             f.second, f.millisecond)
        .toLatin1();
}

inline void addField(QByteArray& out, const char* key, std::string_view value)
{
    if (!value.empty())
        out += ' ' + QByteArray(key) + "=[" + bytes(value) + ']';
}

inline QByteArray dumpEvent(const ParsedEvent& e)
{
    QByteArray out;
    if (e.code != MessageCode::None)
        out += " code=" + bytes(messageCodeId(e.code));
    if (e.level != Level::None)
        out += " level=" + bytes(levelId(e.level));
    if (!e.hasTime)
        out += " time=none";
    if (e.time != 0) {
        out += " time=" + civilText(e.time);
        if (!e.hasYear)
            out += "(no-year)";
        if (e.hasOffset)
            out += QString::asprintf("%+05d", (e.utcOffsetSec / 3600) * 100 + (e.utcOffsetSec / 60) % 60)
                       .toLatin1();
    }
    if (e.method != HttpMethod::None)
        out += " method=" + bytes(httpMethodText(e.method));
    if (e.value != 0)
        out += " value=" + QByteArray::number(e.value);
    if (e.durationMs != 0)
        out += " durationMs=" + QByteArray::number(e.durationMs);
    if (e.pid != 0)
        out += " pid=" + QByteArray::number(e.pid);
    addField(out, "host", e.host);
    addField(out, "target", e.target);
    addField(out, "client", e.client);
    addField(out, "group", e.group);
    addField(out, "frameFunction", e.frameFunction);
    addField(out, "frameFile", e.frameFile);
    if (e.frameLine != 0)
        out += " frameLine=" + QByteArray::number(e.frameLine);
    return out;
}

/// What `parser` makes of one line, without the line number.
inline QByteArray dumpLine(LogParser& parser, QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    ParsedEvent event;
    const LineResult result = parser.parseLine(std::string_view(line.constData(), line.size()), event);
    switch (result.status) {
    case LineStatus::Event:
        return "event" + dumpEvent(event);
    case LineStatus::Continuation:
        return "cont" + dumpEvent(event);
    case LineStatus::Ignored:
        return "ignored";
    case LineStatus::Rejected:
        break;
    }
    return "rejected reason=[" + bytes(result.reason) + ']';
}

/// Every line of `content` through one parser of `kind`, numbered from 1, one dump line each.
inline QByteArray dumpFile(LogKind kind, const QByteArray& content, const ParserOptions& options = {})
{
    auto parser = makeParser(kind, options);
    QByteArray out;
    const QList<QByteArray> lines = content.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i == lines.size() - 1 && lines[i].isEmpty())
            break; // the final newline
        out += QByteArray::number(i + 1) + ' ' + dumpLine(*parser, lines[i]) + '\n';
    }
    return out;
}

} // namespace gd::testdump
