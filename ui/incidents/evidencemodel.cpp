#include "incidents/evidencemodel.h"

#include "model/eventcolumns.h"

#include "common/plaintext.h"

#include <QDateTime>
#include <QTimeZone>

namespace gd {

EvidenceModel::EvidenceModel(QObject* parent)
    : QAbstractTableModel(parent)
    , formatTime_([](std::int64_t utcMs) {
        return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()).toString(Qt::ISODate);
    })
{
}

void EvidenceModel::setEvidence(std::vector<EvidenceLine> evidence, QStringList sourcePaths)
{
    beginResetModel();
    evidence_ = std::move(evidence);
    sourcePaths_ = std::move(sourcePaths);
    texts_.clear();
    endResetModel();
}

void EvidenceModel::setTexts(const QStringList& texts)
{
    texts_ = texts;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TextColumn), index(rowCount() - 1, TextColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

void EvidenceModel::setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter)
{
    if (!formatter)
        return;
    formatTime_ = std::move(formatter);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), {Qt::DisplayRole});
}

QString EvidenceModel::sourcePath(std::uint16_t source) const
{
    return source < sourcePaths_.size() ? sourcePaths_[source] : tr("source %1").arg(source);
}

int EvidenceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(evidence_.size());
}

int EvidenceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvidenceModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EvidenceLine& line = evidence_[static_cast<std::size_t>(index.row())];
    const QString text = index.row() < texts_.size() ? texts_[index.row()] : QString();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RoleColumn:
            return line.role;
        case TimeColumn:
            return hasTime(line.timeMs) ? formatTime_(line.timeMs) : tr("no time");
        case LocationColumn: {
            // The member's file name is enough to recognise it; the tooltip has the whole path.
            const QString path = sourcePath(line.source);
            const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
            return QStringLiteral("%1:%2").arg(slash < 0 ? path : path.mid(slash + 1)).arg(line.line);
        }
        case TextColumn:
            return text;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == LocationColumn)
            return plainToolTip(QStringLiteral("%1:%2").arg(sourcePath(line.source)).arg(line.line));
        if (index.column() == TextColumn)
            return plainToolTip(text);
        return plainToolTip(line.role);
    case SourceRole:
        return line.source;
    case LineRole:
        return line.line;
    default:
        return {};
    }
}

QVariant EvidenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RoleColumn:
        return tr("Why it counts");
    case TimeColumn:
        return tr("Time");
    case LocationColumn:
        return tr("Where");
    case TextColumn:
        return tr("Line");
    default:
        return {};
    }
}

} // namespace gd
