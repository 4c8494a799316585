#include "sessions/workbenchsession.h"

#include "common/jsoninteger.h"
#include "events/eventsfilterjson.h"
#include "shell/timedisplay.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <limits>

namespace gd {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("gd::WorkbenchSession", text);
}

const QString kSchema = QStringLiteral("schema");
const QString kVersionKey = QStringLiteral("version");
const QString kInputs = QStringLiteral("inputs");
const QString kPath = QStringLiteral("path");
const QString kRelativePath = QStringLiteral("relativePath");
const QString kPasted = QStringLiteral("pasted");
const QString kName = QStringLiteral("name");
const QString kNotes = QStringLiteral("notes");
const QString kSelectedIncident = QStringLiteral("selectedIncident");
const QString kSelectedEvent = QStringLiteral("selectedEvent");
const QString kTimeDisplay = QStringLiteral("timeDisplay");
const QString kEventsFilter = QStringLiteral("eventsFilter");
const QString kChartRange = QStringLiteral("chartRange");

QJsonValue msValue(std::int64_t ms)
{
    return static_cast<double>(ms);
}

QJsonObject inputToJson(const SessionInput& input, const QString& sessionDir)
{
    QJsonObject json;
    if (input.isPasted()) {
        json.insert(kPasted, input.pastedText);
        json.insert(kName, input.pastedName);
        return json;
    }
    json.insert(kPath, input.path);
    const QString relative =
        sessionDir.isEmpty() ? input.relativePath : QDir(sessionDir).relativeFilePath(input.path);
    if (!relative.isEmpty())
        json.insert(kRelativePath, relative);
    return json;
}

std::optional<SessionInput> inputFromJson(const QJsonValue& value)
{
    const QJsonObject json = value.toObject();
    SessionInput input;
    if (json.value(kPath).isString() && !json.value(kPath).toString().isEmpty()) {
        input.path = json.value(kPath).toString();
        input.relativePath = json.value(kRelativePath).toString();
        return input;
    }
    if (json.value(kPasted).isString()) {
        input.pastedText = json.value(kPasted).toString();
        input.pastedName = json.value(kName).toString();
        return input;
    }
    return std::nullopt;
}

QJsonObject eventToJson(const SessionEvent& event)
{
    QJsonObject json;
    json.insert(QStringLiteral("input"), event.input);
    if (!event.file.isEmpty())
        json.insert(QStringLiteral("file"), event.file);
    if (!event.members.isEmpty())
        json.insert(QStringLiteral("members"), QJsonArray::fromStringList(event.members));
    json.insert(QStringLiteral("line"), static_cast<double>(event.line));
    json.insert(QStringLiteral("timeMs"), msValue(event.timeMs));
    return json;
}

/// View state: anything damaged is dropped (the session still opens, with that part at its default).
std::optional<SessionEvent> eventFromJson(const QJsonValue& value, std::size_t inputCount)
{
    const QJsonObject json = value.toObject();
    const auto input = jsonInteger(json.value(QStringLiteral("input")));
    const auto line = jsonInteger(json.value(QStringLiteral("line")));
    const auto time = jsonInteger(json.value(QStringLiteral("timeMs")));
    if (!input || *input < 0 || static_cast<std::uint64_t>(*input) >= inputCount || !line || *line <= 0 ||
        *line > std::numeric_limits<std::uint32_t>::max())
        return std::nullopt;
    SessionEvent event;
    event.input = static_cast<int>(*input);
    event.line = static_cast<std::uint32_t>(*line);
    event.timeMs = time.value_or(0);
    event.file = json.value(QStringLiteral("file")).toString();
    for (const QJsonValue& member : json.value(QStringLiteral("members")).toArray()) {
        if (!member.isString())
            return std::nullopt;
        event.members << member.toString();
    }
    return event;
}

std::optional<SessionIncident> incidentFromJson(const QJsonValue& value)
{
    const QJsonObject json = value.toObject();
    const auto id = jsonInteger(json.value(QStringLiteral("id")));
    const auto start = jsonInteger(json.value(QStringLiteral("startMs")));
    if (!id || *id < 0 || *id > std::numeric_limits<int>::max() || !start)
        return std::nullopt;
    return SessionIncident{static_cast<int>(*id), *start};
}

std::optional<SessionRange> rangeFromJson(const QJsonValue& value)
{
    const QJsonObject json = value.toObject();
    const auto from = jsonInteger(json.value(QStringLiteral("fromMs")));
    const auto to = jsonInteger(json.value(QStringLiteral("toMs")));
    if (!from || !to || *from >= *to)
        return std::nullopt;
    return SessionRange{*from, *to};
}

} // namespace

const QString& WorkbenchSession::schemaId()
{
    static const QString id = QStringLiteral("gateway-doctor-session");
    return id;
}

const QString& WorkbenchSession::extension()
{
    static const QString ext = QStringLiteral("gdsession");
    return ext;
}

QByteArray WorkbenchSession::toJson(const QString& sessionDir) const
{
    QJsonObject json;
    json.insert(kSchema, schemaId());
    json.insert(kVersionKey, kVersion);
    const QString app = QCoreApplication::applicationName();
    if (!app.isEmpty())
        json.insert(QStringLiteral("savedBy"),
                    QStringLiteral("%1 %2").arg(app, QCoreApplication::applicationVersion()).trimmed());
    QJsonArray inputArray;
    for (const SessionInput& input : inputs)
        inputArray.append(inputToJson(input, sessionDir));
    json.insert(kInputs, inputArray);
    QJsonObject noteObject;
    for (auto it = notes.cbegin(); it != notes.cend(); ++it)
        noteObject.insert(it.key(), it.value());
    json.insert(kNotes, noteObject);
    if (selectedIncident)
        json.insert(kSelectedIncident,
                    QJsonObject{{QStringLiteral("id"), selectedIncident->id},
                                {QStringLiteral("startMs"), msValue(selectedIncident->startMs)}});
    if (selectedEvent)
        json.insert(kSelectedEvent, eventToJson(*selectedEvent));
    if (!timeDisplay.isEmpty())
        json.insert(kTimeDisplay, timeDisplay);
    if (eventsFilter)
        json.insert(kEventsFilter, eventsFilterToJson(*eventsFilter));
    if (chartRange)
        json.insert(kChartRange, QJsonObject{{QStringLiteral("fromMs"), msValue(chartRange->fromMs)},
                                             {QStringLiteral("toMs"), msValue(chartRange->toMs)}});
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

std::optional<WorkbenchSession> WorkbenchSession::fromJson(const QByteArray& bytes, const QString& fileName,
                                                           QString* error)
{
    const auto fail = [&](const QString& message) -> std::optional<WorkbenchSession> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("%1 is not a Gateway Doctor session: %2 at byte %3")
                        .arg(fileName, parseError.errorString())
                        .arg(parseError.offset));
    const QJsonObject json = document.object();
    if (!document.isObject() || json.value(kSchema).toString() != schemaId())
        return fail(
            tr("%1 is not a Gateway Doctor session (it does not name the session format)").arg(fileName));
    const auto version = jsonInteger(json.value(kVersionKey));
    if (!version || *version < 1)
        return fail(tr("%1 is damaged: it has no valid session format version").arg(fileName));
    if (*version > kVersion)
        return fail(tr("%1 was saved by a newer Gateway Doctor (session format %2; this version reads up to "
                       "format %3). Update Gateway Doctor to open it.")
                        .arg(fileName)
                        .arg(*version)
                        .arg(kVersion));

    WorkbenchSession session;
    const QJsonValue inputs = json.value(kInputs);
    if (!inputs.isArray())
        return fail(tr("%1 is damaged: it does not list its inputs").arg(fileName));
    const QJsonArray inputArray = inputs.toArray();
    for (qsizetype i = 0; i < inputArray.size(); ++i) {
        const auto input = inputFromJson(inputArray.at(i));
        if (!input)
            return fail(
                tr("%1 is damaged: input %2 names neither a file nor pasted text").arg(fileName).arg(i + 1));
        session.inputs.push_back(*input);
    }
    const QJsonValue notes = json.value(kNotes);
    if (!notes.isUndefined() && !notes.isNull()) {
        if (!notes.isObject())
            return fail(tr("%1 is damaged: its staff notes are not readable").arg(fileName));
        const QJsonObject noteObject = notes.toObject();
        for (auto it = noteObject.constBegin(); it != noteObject.constEnd(); ++it) {
            if (!it.value().isString())
                return fail(tr("%1 is damaged: the staff note of %2 is not text").arg(fileName, it.key()));
            session.notes.insert(it.key(), it.value().toString());
        }
    }
    session.selectedIncident = incidentFromJson(json.value(kSelectedIncident));
    session.selectedEvent = eventFromJson(json.value(kSelectedEvent), session.inputs.size());
    const QString mode = json.value(kTimeDisplay).toString();
    if (TimeDisplay::modeFromKey(mode))
        session.timeDisplay = mode;
    if (json.value(kEventsFilter).isObject())
        session.eventsFilter = eventsFilterFromJson(json.value(kEventsFilter).toObject());
    session.chartRange = rangeFromJson(json.value(kChartRange));
    return session;
}

bool WorkbenchSession::save(const QString& path, QString* error) const
{
    const QByteArray bytes = toJson(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot save the session to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<WorkbenchSession> WorkbenchSession::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot open the session %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxFileBytes) {
        if (error)
            *error = tr("%1 is too big to be a Gateway Doctor session").arg(path);
        return std::nullopt;
    }
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes) { // a device whose size() lied (pipe, /proc)
        if (error)
            *error = tr("%1 is too big to be a Gateway Doctor session").arg(path);
        return std::nullopt;
    }
    return fromJson(bytes, path, error);
}

bool WorkbenchSession::looksLikeSession(const QString& path)
{
    const QFileInfo info(path);
    if (info.suffix().compare(extension(), Qt::CaseInsensitive) == 0)
        return true;
    if (!info.isFile())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4096).trimmed();
    const QByteArray quotedSchema = '"' + schemaId().toLatin1() + '"';
    return head.startsWith('{') && head.contains(quotedSchema);
}

QString WorkbenchSession::locate(const SessionInput& input, const QString& sessionPath)
{
    if (input.isPasted())
        return {};
    if (QFileInfo(input.path).isAbsolute() && QFileInfo::exists(input.path))
        return QDir::cleanPath(input.path);
    if (!input.relativePath.isEmpty()) {
        const QString moved =
            QDir::cleanPath(QDir(QFileInfo(sessionPath).absolutePath()).filePath(input.relativePath));
        if (QFileInfo::exists(moved))
            return moved;
    }
    return {};
}

} // namespace gd
