#include "shell/openinputs.h"

#include <QDir>
#include <QFileInfo>

namespace gd {

QString OpenInputs::normalized(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QStringList OpenInputs::add(const QStringList& paths)
{
    QStringList added;
    for (const QString& path : paths) {
        if (path.isEmpty())
            continue;
        const QString clean = normalized(path);
        if (contains(clean))
            continue;
        paths_ << clean;
        added << clean;
    }
    return added;
}

bool OpenInputs::contains(const QString& path) const
{
    return paths_.contains(normalized(path));
}

} // namespace gd
