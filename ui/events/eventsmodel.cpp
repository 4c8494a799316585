#include "events/eventsmodel.h"

#include "events/eventstext.h"
#include "import/importresult.h"
#include "logviewer/logviewertext.h"
#include "parse/logkinds.h"
#include "time/civiltime.h"

#include <QFont>
#include <QGuiApplication>
#include <algorithm>

namespace gd {

namespace {

// Cells are one line; long URLs are cut for display (the tooltip and the raw line have all).
constexpr qsizetype kMaxCellChars = 2000;

QString defaultTime(std::int64_t utcMs)
{
    const CivilFields f = civilFields(utcMs);
    return QStringLiteral("%1-%2-%3 %4:%5:%6.%7")
        .arg(f.year, 4, 10, QChar(u'0'))
        .arg(f.month, 2, 10, QChar(u'0'))
        .arg(f.day, 2, 10, QChar(u'0'))
        .arg(f.hour, 2, 10, QChar(u'0'))
        .arg(f.minute, 2, 10, QChar(u'0'))
        .arg(f.second, 2, 10, QChar(u'0'))
        .arg(f.millisecond, 3, 10, QChar(u'0'));
}

QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

QString seconds(std::uint32_t ms)
{
    return QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 3);
}

bool isNumericColumn(int column)
{
    return column == EventsModel::ValueColumn || column == EventsModel::DurationColumn;
}

} // namespace

EventsModel::EventsModel(QObject* parent)
    : QAbstractTableModel(parent)
    , timeFormatter_(defaultTime)
    , colors_(LogColors::fromPalette(QGuiApplication::palette()))
{
}

void EventsModel::setImport(std::shared_ptr<const ImportResult> import)
{
    beginResetModel();
    import_ = std::move(import);
    rows_.reset();
    windowStart_ = 0;
    sourceNames_.clear();
    if (import_) {
        const bool severalServers = import_->servers.size() > 1;
        for (const SourceInfo& source : import_->sources) {
            const qsizetype slash = source.path.lastIndexOf(u'/');
            QString name = slash < 0 ? source.path : source.path.mid(slash + 1);
            if (!source.stream.isEmpty())
                name += QStringLiteral(" (%1)").arg(source.stream);
            if (severalServers && source.server < import_->servers.size())
                name = import_->servers[source.server].name + QStringLiteral(": ") + name;
            sourceNames_ << name;
        }
    }
    endResetModel();
}

void EventsModel::setRows(Rows rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    windowStart_ = 0;
    endResetModel();
}

void EventsModel::setWindowRows(std::size_t rows)
{
    beginResetModel();
    windowRows_ = std::max<std::size_t>(rows, 1);
    windowStart_ = 0;
    endResetModel();
}

bool EventsModel::moveWindowTo(std::size_t shownRow, std::size_t margin)
{
    const std::size_t shown = shownRows();
    if (shown <= windowRows_)
        return false;
    const bool lowOk = shownRow >= windowStart_ + margin || windowStart_ == 0;
    const bool highOk = shownRow + margin < windowStart_ + windowRows_ || windowStart_ + windowRows_ >= shown;
    if (shownRow >= windowStart_ && shownRow < windowStart_ + windowRows_ && lowOk && highOk)
        return false;
    const std::size_t centred = shownRow > windowRows_ / 2 ? shownRow - windowRows_ / 2 : 0;
    const std::size_t start = std::min(centred, shown - windowRows_);
    if (start == windowStart_)
        return false;
    beginResetModel();
    windowStart_ = start;
    endResetModel();
    return true;
}

std::size_t EventsModel::shownRows() const
{
    return rows_ ? rows_->size() : totalEvents();
}

void EventsModel::setTimeFormatter(TimeFormatter formatter)
{
    timeFormatter_ = formatter ? std::move(formatter) : TimeFormatter(defaultTime);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), {Qt::DisplayRole});
}

void EventsModel::setColors(const LogColors& colors)
{
    colors_ = colors;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

std::size_t EventsModel::totalEvents() const
{
    return import_ && import_->timeline ? import_->timeline->size() : 0;
}

int EventsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    const std::size_t shown = shownRows();
    return static_cast<int>(std::min(shown - std::min(shown, windowStart_), windowRows_));
}

int EventsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::uint32_t EventsModel::eventAt(int row) const
{
    const std::size_t shown = windowStart_ + static_cast<std::size_t>(row);
    return rows_ ? (*rows_)[shown] : static_cast<std::uint32_t>(shown);
}

std::int64_t EventsModel::shownRowOfEvent(std::uint32_t event) const
{
    if (!rows_)
        return event < totalEvents() ? std::int64_t(event) : -1;
    const auto it = std::lower_bound(rows_->begin(), rows_->end(), event);
    return it != rows_->end() && *it == event ? std::int64_t(it - rows_->begin()) : -1;
}

int EventsModel::rowOfEvent(std::uint32_t event) const
{
    const std::int64_t shown = shownRowOfEvent(event);
    const auto start = static_cast<std::int64_t>(windowStart_);
    if (shown < start || shown >= start + rowCount())
        return -1;
    return static_cast<int>(shown - start);
}

std::size_t EventsModel::firstShownRowAtOrAfter(std::int64_t utcMs) const
{
    if (!import_ || !import_->timeline)
        return 0;
    const Timeline& timeline = *import_->timeline;
    if (!rows_)
        return timeline.lowerBound(utcMs);
    const auto& times = timeline.events().timeMs;
    const auto it =
        std::lower_bound(rows_->begin(), rows_->end(), utcMs,
                         [&times](std::uint32_t event, std::int64_t t) { return times[event] < t; });
    return static_cast<std::size_t>(it - rows_->begin());
}

QString EventsModel::poolText(int column, std::uint32_t event) const
{
    const Timeline& timeline = *import_->timeline;
    const EventColumns& ev = timeline.events();
    std::string_view text;
    switch (column) {
    case HostColumn:
        text = timeline.hosts().view(ev.host[event]);
        break;
    case ClientColumn:
        text = timeline.clients().view(ev.client[event]);
        break;
    case TargetColumn:
        text = timeline.targets().view(ev.target[event]);
        break;
    case GroupColumn:
        text = timeline.groups().view(ev.group[event]);
        break;
    default:
        break;
    }
    return safeDisplayText(text, kMaxCellChars);
}

QString EventsModel::displayText(std::uint32_t event, int column) const
{
    const EventColumns& ev = import_->timeline->events();
    const MessageCode code = ev.code[event];
    switch (column) {
    case TimeColumn:
        return hasTime(ev.timeMs[event]) ? timeFormatter_(ev.timeMs[event]) : tr("no time");
    case SourceColumn:
        return ev.source[event] < sourceNames_.size() ? sourceNames_[ev.source[event]] : QString();
    case KindColumn:
        return ev.source[event] < import_->sources.size()
                   ? logKindName(import_->sources[ev.source[event]].kind)
                   : QString();
    case LevelColumn:
        return levelText(ev.level(event));
    case CodeColumn:
        return eventCodeText(code);
    case ValueColumn:
        return code == MessageCode::Request || ev.value[event] != 0 ? QString::number(ev.value[event])
                                                                    : QString();
    case DurationColumn:
        return code == MessageCode::Request || ev.durationMs[event] != 0 ? seconds(ev.durationMs[event])
                                                                         : QString();
    case TargetColumn: {
        const HttpMethod method = ev.method(event);
        const QString target = poolText(column, event);
        return method == HttpMethod::None ? target : latin1(httpMethodText(method)) + u' ' + target;
    }
    case HostColumn:
    case ClientColumn:
    case GroupColumn:
        return poolText(column, event);
    default:
        return {};
    }
}

QVariant EventsModel::rawValue(std::uint32_t event, int column) const
{
    const EventColumns& ev = import_->timeline->events();
    switch (column) {
    case TimeColumn:
        return QVariant::fromValue<qint64>(ev.timeMs[event]);
    case SourceColumn:
        return static_cast<uint>(ev.source[event]);
    case KindColumn:
        return ev.source[event] < import_->sources.size()
                   ? static_cast<uint>(import_->sources[ev.source[event]].kind)
                   : 0U;
    case LevelColumn:
        return static_cast<uint>(ev.level(event));
    case CodeColumn:
        return static_cast<uint>(ev.code[event]);
    case HostColumn:
        return ev.host[event];
    case ValueColumn:
        return static_cast<uint>(ev.value[event]);
    case DurationColumn:
        return ev.durationMs[event];
    case ClientColumn:
        return ev.client[event];
    case TargetColumn:
        return ev.target[event];
    case GroupColumn:
        return static_cast<uint>(ev.group[event]);
    default:
        return {};
    }
}

QVariant EventsModel::foreground(std::uint32_t event, int column) const
{
    const EventColumns& ev = import_->timeline->events();
    if (column == ValueColumn && ev.code[event] == MessageCode::Request) {
        const std::uint16_t status = ev.value[event];
        if (status >= 500)
            return colors_.error;
        if (status >= 400)
            return colors_.warning;
        return {};
    }
    if (column == LevelColumn || column == CodeColumn) {
        const Level level = ev.level(event);
        if (level >= Level::Error)
            return colors_.error;
        if (level == Level::Warning)
            return colors_.warning;
    }
    return {};
}

QVariant EventsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !import_ ||
        !import_->timeline)
        return {};
    const std::uint32_t event = eventAt(index.row());
    const int column = index.column();
    const EventColumns& ev = import_->timeline->events();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(event, column);
    case Qt::ToolTipRole:
        if (column == TimeColumn && !hasTime(ev.timeMs[event]))
            return tr("The line carries no time (pasted without its date, or written so): it keeps its place "
                      "among the lines of its file, and no time is made up for it.");
        if (column == SourceColumn && ev.source[event] < import_->sources.size())
            return QString(import_->sources[ev.source[event]].path.toHtmlEscaped() + u':' +
                           QString::number(ev.line[event]));
        if (column == TargetColumn || column == HostColumn || column == ClientColumn || column == GroupColumn)
            // Escaped: a tooltip would otherwise render hostile text as rich text.
            return QString(QStringLiteral("<p style='white-space:pre-wrap'>") +
                           displayText(event, column).toHtmlEscaped() + QStringLiteral("</p>"));
        return {};
    case Qt::TextAlignmentRole:
        return isNumericColumn(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                       : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return foreground(event, column);
    case Qt::FontRole:
        if (column == ValueColumn && ev.code[event] == MessageCode::Request &&
            (ev.value[event] == 502 || ev.value[event] == 504)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case RawValueRole:
        return rawValue(event, column);
    case EventIndexRole:
        return event;
    case SourceRole:
        return static_cast<uint>(ev.source[event]);
    case LineRole:
        return ev.line[event];
    case TimeRole:
        return QVariant::fromValue<qint64>(ev.timeMs[event]);
    default:
        return {};
    }
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("Source");
    case KindColumn:
        return tr("Kind");
    case LevelColumn:
        return tr("Level");
    case CodeColumn:
        return tr("Message");
    case HostColumn:
        return tr("Host");
    case ValueColumn:
        return tr("Status / value");
    case DurationColumn:
        return tr("Duration");
    case ClientColumn:
        return tr("Client");
    case TargetColumn:
        return tr("Target");
    case GroupColumn:
        return tr("Pool / upstream");
    default:
        return {};
    }
}

} // namespace gd
