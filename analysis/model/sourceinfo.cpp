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

} // namespace gd
