#pragma once

#include <QMap>
#include <QString>

namespace gd {

struct Incident;

/// Free-text notes of the support staff, one per incident. Keyed by the incident's id and start time
/// ("3@1764012726999"), so a note stays with its incident when the same bundle is analysed again,
/// and does not jump to another incident when adding files renumbers them. Plain value: sessions
/// and reports read and write it through notes()/setNotes().
class StaffNotes {
public:
    static QString key(const Incident& incident);

    QString note(const Incident& incident) const { return notes_.value(key(incident)); }
    /// Sets (or, when blank, removes) the note of `incident`.
    void setNote(const Incident& incident, const QString& text);

    const QMap<QString, QString>& notes() const { return notes_; }
    void setNotes(const QMap<QString, QString>& notes) { notes_ = notes; }
    bool isEmpty() const { return notes_.isEmpty(); }

    bool operator==(const StaffNotes& other) const { return notes_ == other.notes_; }

private:
    QMap<QString, QString> notes_;
};

} // namespace gd
