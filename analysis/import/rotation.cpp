#include "import/rotation.h"

#include <QRegularExpression>

namespace gd {

RotationName rotationName(const QString& displayPath)
{
    static const QRegularExpression compression(QStringLiteral("\\.(gz|bz2|xz|zst|zstd)$"));
    static const QRegularExpression numbered(QStringLiteral("^(.*)\\.(\\d{1,4})$"));
    static const QRegularExpression dated(QStringLiteral("^(.*)-(\\d{8})$"));
    QString name = displayPath;
    name.remove(compression);
    RotationName result;
    if (const auto match = numbered.match(name); match.hasMatch()) {
        result.family = match.captured(1);
        result.index = match.captured(2).toInt();
    } else if (const auto dateMatch = dated.match(name); dateMatch.hasMatch()) {
        result.family = dateMatch.captured(1);
        result.dateKey = dateMatch.captured(2).toLongLong();
        result.index = 1; // some copy older than the live file; dateKey orders the copies
    } else {
        result.family = name;
    }
    return result;
}

} // namespace gd
