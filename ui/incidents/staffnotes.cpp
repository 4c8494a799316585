#include "incidents/staffnotes.h"

#include "diagnose/incident.h"

namespace gd {

QString StaffNotes::key(const Incident& incident)
{
    return QStringLiteral("%1@%2").arg(incident.id).arg(incident.startMs);
}

void StaffNotes::setNote(const Incident& incident, const QString& text)
{
    if (text.trimmed().isEmpty())
        notes_.remove(key(incident));
    else
        notes_.insert(key(incident), text);
}

} // namespace gd
