#include "model/sourceinfo.h"

namespace gd {

QString SourceLocation::displayPath() const
{
    QString path = inputPath;
    for (const QString& member : memberChain) {
        if (!member.isEmpty())
            path += QStringLiteral("!/") + member;
    }
    return path;
}

QString SourceLocation::serverKey() const
{
    if (bundle != inputPath)
        return bundle; // a folder
    for (const QString& member : memberChain) {
        if (!member.isEmpty())
            return inputPath; // an archive
    }
    return QString(); // loose files, compressed or not
}

} // namespace gd
