#include "sessions/workbenchsession.h"

#include "common/atomicwrite.h"
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
#include <cmath>
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
const QString kSessionFile = QStringLiteral("sessionFile");

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

/// Why `value` is no input, or empty when it is one (then `input` is set).
QString readInput(const QJsonValue& value, SessionInput& input)
{
    if (!value.isObject())
        return tr("it is not an object");
    const QJsonObject json = value.toObject();
    const QJsonValue path = json.value(kPath);
    const QJsonValue pasted = json.value(kPasted);
    if (path.isString() && !path.toString().isEmpty()) {
        input.path = path.toString();
        input.relativePath = json.value(kRelativePath).toString();
        return {};
    }
    if (pasted.isString()) {
        input.pastedText = pasted.toString();
        input.pastedName = json.value(kName).toString();
        return {};
    }
    if (!path.isUndefined())
        return tr("its \"path\" is not a file name");
    if (!pasted.isUndefined())
        return tr("its \"pasted\" lines are not text");
    return tr("it names neither a file (\"path\") nor pasted text (\"pasted\")");
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
    if (!savedAs.isEmpty())
        json.insert(kSessionFile, savedAs);
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

std::optional<WorkbenchSession> WorkbenchSession::fromJson(const QByteArray& bytes, const QString& fileName,
                                                           QString* error, std::vector<Diagnostic>* problems)
{
    const auto fail = [&](const QString& message) -> std::optional<WorkbenchSession> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    // A damaged part is left out and said so; the rest of the session still opens.
    const auto leftOut = [&](const QString& message) {
        if (problems)
            problems->push_back({Diagnostic::Severity::Warning, fileName, 0, message});
    };
    const auto present = [](const QJsonValue& value) { return !value.isUndefined() && !value.isNull(); };

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray quotedSchema = '"' + schemaId().toLatin1() + '"';
        if (bytes.left(4096).contains(quotedSchema)) // a session, cut short or hand-edited
            return fail(tr("%1 is a damaged Gateway Doctor session and cannot be read: %2 at byte %3 of %4")
                            .arg(fileName, parseError.errorString())
                            .arg(parseError.offset)
                            .arg(bytes.size()));
        return fail(tr("%1 is not a Gateway Doctor session: %2 at byte %3")
                        .arg(fileName, parseError.errorString())
                        .arg(parseError.offset));
    }
    const QJsonObject json = document.object();
    if (!document.isObject() || json.value(kSchema).toString() != schemaId())
        return fail(
            tr("%1 is not a Gateway Doctor session (it does not name the session format)").arg(fileName));
    const QJsonValue versionValue = json.value(kVersionKey);
    const double version = versionValue.toDouble();
    const bool wholeVersion =
        versionValue.isDouble() && std::isfinite(version) && std::trunc(version) == version;
    if (wholeVersion && version > kVersion)
        return fail(tr("%1 was saved by a newer Gateway Doctor (session format %2; this version reads up to "
                       "format %3). Update Gateway Doctor to open it.")
                        .arg(fileName, QString::number(version))
                        .arg(kVersion));
    if (!wholeVersion || version < 1)
        leftOut(tr("it has no valid session format version (\"version\"); it was read as format %1")
                    .arg(kVersion));

    WorkbenchSession session;
    std::vector<int> inputIndex; // the file's input i is session.inputs[inputIndex[i]]; -1: left out
    const QJsonValue inputs = json.value(kInputs);
    if (!inputs.isArray()) {
        leftOut(present(inputs)
                    ? tr("its inputs (\"inputs\") are not a list: no logs can be opened from it")
                    : tr("it does not list its inputs (\"inputs\"): no logs can be opened from it"));
    } else {
        const QJsonArray inputArray = inputs.toArray();
        for (qsizetype i = 0; i < inputArray.size(); ++i) {
            SessionInput input;
            const QString why = readInput(inputArray.at(i), input);
            if (!why.isEmpty()) {
                leftOut(tr("input %1 was left out: %2").arg(i + 1).arg(why));
                inputIndex.push_back(-1);
                continue;
            }
            inputIndex.push_back(static_cast<int>(session.inputs.size()));
            session.inputs.push_back(input);
        }
    }
    const QJsonValue notes = json.value(kNotes);
    if (present(notes) && !notes.isObject()) {
        leftOut(tr("its staff notes (\"notes\") are not readable (not an object): no notes were opened"));
    } else {
        const QJsonObject noteObject = notes.toObject();
        for (auto it = noteObject.constBegin(); it != noteObject.constEnd(); ++it) {
            if (it.value().isString())
                session.notes.insert(it.key(), it.value().toString());
            else
                leftOut(tr("the staff note of %1 was left out: it is not text").arg(it.key()));
        }
    }

    // The view: a damaged part falls back to the window's own.
    const QJsonValue incident = json.value(kSelectedIncident);
    session.selectedIncident = incidentFromJson(incident);
    if (present(incident) && !session.selectedIncident)
        leftOut(tr("the selected incident (\"selectedIncident\") was left out: it needs a whole \"id\" and "
                   "\"startMs\""));
    const QJsonValue event = json.value(kSelectedEvent);
    session.selectedEvent = eventFromJson(event, inputIndex.size());
    if (present(event) && !session.selectedEvent) {
        leftOut(tr("the selected event (\"selectedEvent\") was left out: it needs the number of one of the "
                   "session's inputs (\"input\") and a \"line\""));
    } else if (session.selectedEvent) {
        const int input = inputIndex[static_cast<std::size_t>(session.selectedEvent->input)];
        if (input < 0) {
            leftOut(tr("the selected event was left out: it is in input %1, which was left out")
                        .arg(session.selectedEvent->input + 1));
            session.selectedEvent.reset();
        } else {
            session.selectedEvent->input = input;
        }
    }
    const QJsonValue mode = json.value(kTimeDisplay);
    if (TimeDisplay::modeFromKey(mode.toString()))
        session.timeDisplay = mode.toString();
    else if (present(mode))
        leftOut(tr("the time display (\"timeDisplay\") is not one this version knows; the window's own was "
                   "kept"));
    const QJsonValue filter = json.value(kEventsFilter);
    if (filter.isObject())
        session.eventsFilter = eventsFilterFromJson(filter.toObject());
    else if (present(filter))
        leftOut(tr("the events filter (\"eventsFilter\") was left out: it is not an object"));
    const QJsonValue range = json.value(kChartRange);
    session.chartRange = rangeFromJson(range);
    if (present(range) && !session.chartRange)
        leftOut(
            tr("the chart's zoom (\"chartRange\") was left out: it needs whole \"fromMs\" before \"toMs\""));
    const QJsonValue sessionFile = json.value(kSessionFile);
    if (sessionFile.isString())
        session.savedAs = sessionFile.toString();
    return session;
}

bool WorkbenchSession::save(const QString& path, QString* error) const
{
    const QString reason = saveAtomically(path, toJson(QFileInfo(path).absolutePath()));
    if (!reason.isEmpty() && error)
        *error = tr("Cannot save the session to %1: %2").arg(path, reason);
    return reason.isEmpty();
}

std::optional<WorkbenchSession> WorkbenchSession::load(const QString& path, QString* error,
                                                       std::vector<Diagnostic>* problems)
{
    const auto tooBig = [&]() -> std::optional<WorkbenchSession> {
        if (error)
            *error = tr("%1 is too big to be a Gateway Doctor session (sessions are at most %2 MiB)")
                         .arg(path)
                         .arg(kMaxFileBytes >> 20);
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot open the session %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxFileBytes)
        return tooBig();
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes) // a device whose size() lied (pipe, /proc)
        return tooBig();
    return fromJson(bytes, path, error, problems);
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
