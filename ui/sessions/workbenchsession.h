#pragma once

#include "events/eventsfilter.h"
#include "model/diagnostic.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

namespace gd {

/// One thing the session had open: a file, folder or archive, or pasted log lines (kept as text,
/// because the pasted files live in a temporary folder that is gone when the workbench closes).
struct SessionInput {
    QString path;         ///< absolute, as opened; empty for pasted text
    QString relativePath; ///< relative to the session file's folder (set by load and save)
    QString pastedText;   ///< the pasted lines when path is empty
    QString pastedName;   ///< "pasted-1.log", for messages

    bool isPasted() const { return path.isEmpty(); }
    bool operator==(const SessionInput&) const = default;
};

/// An incident by its id and start: the start finds it again when re-analysis renumbers.
struct SessionIncident {
    int id = -1;
    std::int64_t startMs = 0;
    bool operator==(const SessionIncident&) const = default;
};

/// An event by where it was written, relative to the session's inputs so it survives a move and
/// the new temporary folder of pasted text.
struct SessionEvent {
    int input = -1;      ///< index in WorkbenchSession::inputs
    QString file;        ///< path of the file below that input ("" when the input is the file)
    QStringList members; ///< archive members inside that file, outermost first
    std::uint32_t line = 0;
    std::int64_t timeMs = 0; ///< UTC; a fallback when the exact line is not found
    bool operator==(const SessionEvent&) const = default;
};

struct SessionRange {
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
    bool operator==(const SessionRange&) const = default;
};

/// What a saved workbench session holds: the inputs, the staff notes and the view (selection,
/// time display, events filter, chart zoom). A plain value with its JSON form; QtCore only.
/// Reading opens what it can: unknown fields are ignored; a damaged part (an input, a note, a piece
/// of the view) is left out with a message naming the file and what is wrong. Only a file that is
/// not JSON, not a session or of a newer format is refused, with a message naming the file.
struct WorkbenchSession {
    static constexpr int kVersion = 1;
    static const QString& schemaId();  ///< "gateway-doctor-session"
    static const QString& extension(); ///< "gdsession" (no dot)
    /// Session files are refused above this size before they are read.
    static constexpr qint64 kMaxFileBytes = qint64{256} << 20;

    std::vector<SessionInput> inputs;
    QMap<QString, QString> notes; ///< StaffNotes::notes(): "<id>@<startMs>" -> text
    std::optional<SessionIncident> selectedIncident;
    std::optional<SessionEvent> selectedEvent;
    QString timeDisplay; ///< TimeDisplay::modeKey(); empty = leave as it is
    std::optional<EventsFilter> eventsFilter;
    std::optional<SessionRange> chartRange;
    /// Recovery files only: the session file the window had open (empty: none), so a restored
    /// session saves where it was saved before.
    QString savedAs;

    /// JSON of the session; input paths are also written relative to `sessionDir` when given.
    QByteArray toJson(const QString& sessionDir = {}) const;
    /// Parses `json`. A damaged part is left out and said in `problems` (each names `fileName`,
    /// the field and the entry). Refused (nothing, `error` naming `fileName` and for JSON errors
    /// the byte) when it is not JSON, not a session, or of a newer format.
    static std::optional<WorkbenchSession> fromJson(const QByteArray& json, const QString& fileName,
                                                    QString* error,
                                                    std::vector<Diagnostic>* problems = nullptr);

    /// Writes atomically (QSaveFile): an existing session is replaced only by a complete file.
    bool save(const QString& path, QString* error) const;
    /// Reads the session at `path` (refused above kMaxFileBytes); see fromJson().
    static std::optional<WorkbenchSession> load(const QString& path, QString* error,
                                                std::vector<Diagnostic>* problems = nullptr);

    /// True for a `.gdsession` file, or a small file whose start names the session schema.
    static bool looksLikeSession(const QString& path);
    /// Where input `input` is now: its absolute path when that exists, else its path relative to
    /// `sessionPath`'s folder when that exists (the folder was moved), else empty.
    static QString locate(const SessionInput& input, const QString& sessionPath);

    bool operator==(const WorkbenchSession&) const = default;
};

} // namespace gd
