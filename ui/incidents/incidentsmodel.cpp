#include "incidents/incidentsmodel.h"

#include "common/plaintext.h"
#include "report/reportwords.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace gd {

namespace {

QString durationText(std::int64_t ms)
{
    if (ms < 60'000)
        return IncidentsModel::tr("%1 s").arg(QLocale().toString(static_cast<double>(ms) / 1000.0, 'f', 1));
    const std::int64_t seconds = ms / 1000;
    if (seconds < 3600)
        return IncidentsModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return IncidentsModel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace

IncidentsModel::IncidentsModel(QObject* parent)
    : QAbstractTableModel(parent)
    , formatTime_([](std::int64_t utcMs) {
        return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()).toString(Qt::ISODate);
    })
{
}

void IncidentsModel::setServerNames(QStringList names)
{
    if (names == serverNames_)
        return;
    serverNames_ = std::move(names);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, ServerColumn), index(rowCount() - 1, ServerColumn));
}

void IncidentsModel::setAnalysis(std::shared_ptr<const AnalysisResult> analysis)
{
    beginResetModel();
    analysis_ = std::move(analysis);
    endResetModel();
}

void IncidentsModel::setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter)
{
    if (!formatter)
        return;
    formatTime_ = std::move(formatter);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, StartColumn), index(rowCount() - 1, StartColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

const Incident* IncidentsModel::incident(int row) const
{
    if (!analysis_ || row < 0 || row >= static_cast<int>(analysis_->incidents.size()))
        return nullptr;
    return &analysis_->incidents[static_cast<std::size_t>(row)];
}

int IncidentsModel::rowOf(int id) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (incident(row)->id == id)
            return row;
    }
    return -1;
}

int IncidentsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !analysis_)
        return 0;
    return static_cast<int>(analysis_->incidents.size());
}

int IncidentsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Incident* item = incident(index.row());
    if (!item)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*item, index.column());
    case Qt::ToolTipRole:
        return plainToolTip(toolTip(*item, index.column()));
    case Qt::TextAlignmentRole:
        if (index.column() == CauseColumn || index.column() == HostsColumn)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case IncidentIdRole:
        return item->id;
    case CauseIdRole:
        return QString::fromLatin1(causeId(item->cause));
    case CauseRole:
        return static_cast<int>(item->cause);
    case SortRole:
        return sortValue(*item, index.column());
    case SearchTextRole: {
        QStringList parts{causeTitle(item->cause), QString::fromLatin1(causeId(item->cause)), item->summary};
        parts << item->hosts;
        for (const UrlStat& url : item->urls)
            parts << url.host + url.path;
        return parts.join(QLatin1Char('\n'));
    }
    default:
        return {};
    }
}

QVariant IncidentsModel::display(const Incident& incident, int column) const
{
    const QLocale locale;
    switch (column) {
    case CauseColumn:
        return causeTitle(incident.cause);
    case StartColumn:
        return hasTime(incident.startMs) ? formatTime_(incident.startMs) : tr("no time");
    case DurationColumn:
        return hasTime(incident.startMs) ? durationText(incident.endMs - incident.startMs) : QString();
    case Bad502Column:
        return locale.toString(incident.count502);
    case Timeout504Column:
        return locale.toString(incident.count504);
    case HostsColumn:
        if (incident.hosts.size() <= 2)
            return incident.hosts.join(QStringLiteral(", "));
        return tr("%1, %2 and %n more", nullptr, static_cast<int>(incident.hosts.size() - 2))
            .arg(incident.hosts[0], incident.hosts[1]);
    case ConfidenceColumn:
        return tr("%1 %").arg(qRound(incident.confidence * 100));
    case ServerColumn:
        return serverNames_.value(incident.server);
    default:
        return {};
    }
}

QVariant IncidentsModel::sortValue(const Incident& incident, int column) const
{
    switch (column) {
    case CauseColumn:
        return causeTitle(incident.cause);
    case StartColumn:
        return static_cast<qlonglong>(incident.startMs);
    case DurationColumn:
        return static_cast<qlonglong>(incident.endMs - incident.startMs);
    case Bad502Column:
        return incident.count502;
    case Timeout504Column:
        return incident.count504;
    case HostsColumn:
        return static_cast<int>(incident.hosts.size());
    case ConfidenceColumn:
        return incident.confidence;
    case ServerColumn:
        return serverNames_.value(incident.server);
    default:
        return {};
    }
}

QString IncidentsModel::toolTip(const Incident& incident, int column) const
{
    switch (column) {
    case CauseColumn:
        return tr("%1 (%2)\n%3")
            .arg(causeTitle(incident.cause), QString::fromLatin1(causeId(incident.cause)), incident.summary);
    case StartColumn:
        if (!hasTime(incident.startMs))
            return tr("The lines carry no time");
        return tr("%1 to %2").arg(formatTime_(incident.startMs), formatTime_(incident.endMs));
    case HostsColumn:
        return incident.hosts.join(QLatin1Char('\n'));
    case ConfidenceColumn:
        return tr("How well the evidence fits this cause; other causes are listed in the detail");
    case ServerColumn:
        if (incident.sameTimeAs.empty())
            return {};
        return tr("Other servers failed at the same time: %1")
            .arg(reportwords::incidentList(incident.sameTimeAs));
    default:
        return {};
    }
}

QVariant IncidentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CauseColumn:
        return tr("Cause");
    case StartColumn:
        return tr("Start");
    case DurationColumn:
        return tr("Duration");
    case Bad502Column:
        return tr("502");
    case Timeout504Column:
        return tr("504");
    case HostsColumn:
        return tr("Hosts");
    case ConfidenceColumn:
        return tr("Confidence");
    case ServerColumn:
        return tr("Server");
    default:
        return {};
    }
}

IncidentsFilterModel::IncidentsFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(IncidentsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void IncidentsFilterModel::setCauseFilter(std::optional<Cause> cause)
{
    if (cause == cause_)
        return;
    cause_ = cause;
    invalidateRowsFilter();
}

void IncidentsFilterModel::setTextFilter(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == text_)
        return;
    text_ = trimmed;
    invalidateRowsFilter();
}

bool IncidentsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (cause_ && index.data(IncidentsModel::CauseRole).toInt() != static_cast<int>(*cause_))
        return false;
    if (text_.isEmpty())
        return true;
    return index.data(IncidentsModel::SearchTextRole).toString().contains(text_, Qt::CaseInsensitive);
}

} // namespace gd
