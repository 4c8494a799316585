#include "sources/sourcesmodel.h"

#include "import/importresult.h"
#include "parse/logkinds.h"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <algorithm>
#include <limits>
#include <map>

namespace gd {

struct SourcesModel::Node {
    EntryType type = EntryType::Folder;
    QString name;      ///< shown in the tree; may hold several path segments after compaction
    QString separator; ///< "/" or "!/" in front of `name` within the parent's path
    QString fullPath;
    bool server = false; ///< the group of one server's files (imports of several servers): never merged
    int entry = -1;      ///< index in sources, skipped or configs
    int parent = -1;
    int row = 0;
    std::vector<int> children;
    // Totals over the sources below (or of the source itself).
    std::uint64_t sources = 0;
    std::uint64_t events = 0;
    std::uint64_t skippedLines = 0;
    std::int64_t firstUtcMs = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastUtcMs = std::numeric_limits<std::int64_t>::min();
    bool hasSpan() const { return firstUtcMs <= lastUtcMs; }
};

namespace {

struct Segment {
    QString separator;
    QString name;
};

/// "/in/b.tar.gz!/var/log/x.log" -> "/in" "b.tar.gz" "!/var" "log" "x.log" (leading "/" kept on the first).
std::vector<Segment> splitDisplayPath(const QString& path)
{
    std::vector<Segment> segments;
    const QStringList archiveLevels = path.split(QStringLiteral("!/"));
    for (int level = 0; level < archiveLevels.size(); ++level) {
        const QStringList parts = archiveLevels[level].split(u'/', Qt::SkipEmptyParts);
        for (int i = 0; i < parts.size(); ++i) {
            QString separator = i > 0 ? QStringLiteral("/") : level > 0 ? QStringLiteral("!/") : QString();
            QString name = parts[i];
            if (level == 0 && i == 0 && archiveLevels[0].startsWith(u'/'))
                name.prepend(u'/');
            segments.push_back({separator, name});
        }
    }
    return segments;
}

} // namespace

SourcesModel::SourcesModel(QObject* parent)
    : QAbstractItemModel(parent)
{
    nodes_.emplace_back();
}

SourcesModel::~SourcesModel() = default;

void SourcesModel::setImport(std::shared_ptr<const ImportResult> result)
{
    beginResetModel();
    result_ = std::move(result);
    build();
    endResetModel();
}

void SourcesModel::setTimeDisplay(const TimeDisplay& display)
{
    display_ = display;
    emitSpanChanged(0);
}

void SourcesModel::emitSpanChanged(int node)
{
    const auto& children = nodes_[static_cast<std::size_t>(node)].children;
    if (children.empty())
        return;
    const QModelIndex parentIndex =
        node == 0 ? QModelIndex()
                  : createIndex(nodes_[static_cast<std::size_t>(node)].row, 0, static_cast<quintptr>(node));
    Q_EMIT dataChanged(index(0, SpanColumn, parentIndex),
                       index(static_cast<int>(children.size()) - 1, SpanColumn, parentIndex));
    for (int child : children)
        emitSpanChanged(child);
}

void SourcesModel::build()
{
    nodes_.clear();
    nodes_.emplace_back();
    sourceNodes_.clear();
    if (!result_)
        return;
    sourceNodes_.assign(result_->sources.size(), -1);
    const bool severalServers = result_->servers.size() > 1;
    for (std::size_t i = 0; i < result_->sources.size(); ++i) {
        const SourceInfo& source = result_->sources[i];
        // The lanes of a loose file (one per kind and stream) sit side by side, named by stream and kind.
        QStringList lane;
        if (!source.stream.isEmpty())
            lane << source.stream;
        const bool sharedName =
            std::count_if(result_->sources.begin(), result_->sources.end(),
                          [&source](const SourceInfo& other) {
                              return other.path == source.path && other.stream == source.stream;
                          }) > 1;
        if (sharedName)
            lane << logKindName(source.kind);
        const QString path = lane.isEmpty()
                                 ? source.path
                                 : source.path + QStringLiteral(" (%1)").arg(lane.join(QStringLiteral(", ")));
        const QString server = severalServers && source.server < result_->servers.size()
                                   ? result_->servers[source.server].name
                                   : QString();
        sourceNodes_[i] = addPath(path, EntryType::Source, static_cast<int>(i), server);
    }
    for (std::size_t i = 0; i < result_->skipped.size(); ++i)
        addPath(result_->skipped[i].path, EntryType::SkippedFile, static_cast<int>(i),
                serverOfPath(result_->skipped[i].path));
    for (std::size_t i = 0; i < result_->configs.size(); ++i)
        addPath(result_->configs[i].path, EntryType::Config, static_cast<int>(i),
                serverOfPath(result_->configs[i].path));
    for (int child : nodes_[0].children)
        compact(child);
    sortAndAggregate(0);
}

QString SourcesModel::serverOfPath(const QString& displayPath) const
{
    if (!result_ || result_->servers.size() <= 1)
        return {};
    const ServerInfo* best = nullptr;
    for (const ServerInfo& server : result_->servers) {
        const bool contains = server.key.isEmpty() || displayPath == server.key ||
                              displayPath.startsWith(server.key + u'/') ||
                              displayPath.startsWith(server.key + QStringLiteral("!/"));
        if (contains && (!best || server.key.size() > best->key.size()))
            best = &server;
    }
    return best ? best->name : QString();
}

int SourcesModel::addPath(const QString& displayPath, EntryType type, int entry, const QString& server)
{
    std::vector<Segment> segments = splitDisplayPath(displayPath);
    if (segments.empty())
        segments.push_back({QString(), displayPath});
    if (!server.isEmpty()) // several servers: each is a top-level group
        segments.insert(segments.begin(), Segment{QString(), tr("Server %1").arg(server)});
    int current = 0;
    QString path;
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        path += segments[i].separator + segments[i].name;
        int found = -1;
        for (int child : nodes_[static_cast<std::size_t>(current)].children) {
            const Node& node = nodes_[static_cast<std::size_t>(child)];
            if (node.type == EntryType::Folder && node.name == segments[i].name &&
                node.separator == segments[i].separator) {
                found = child;
                break;
            }
        }
        if (found < 0) {
            Node folder;
            folder.name = segments[i].name;
            folder.separator = segments[i].separator;
            folder.fullPath = path;
            folder.server = !server.isEmpty() && i == 0;
            folder.parent = current;
            found = static_cast<int>(nodes_.size());
            nodes_.push_back(std::move(folder));
            nodes_[static_cast<std::size_t>(current)].children.push_back(found);
        }
        current = found;
    }
    Node leaf;
    leaf.type = type;
    leaf.name = segments.back().name;
    leaf.separator = segments.back().separator;
    leaf.fullPath = displayPath;
    leaf.entry = entry;
    leaf.parent = current;
    if (type == EntryType::Source) {
        const SourceInfo& source = result_->sources[static_cast<std::size_t>(entry)];
        leaf.sources = 1;
        leaf.events = source.events;
        leaf.skippedLines = source.skippedLines;
        if (source.hasDatedEvents()) {
            leaf.firstUtcMs = source.firstUtcMs;
            leaf.lastUtcMs = source.lastUtcMs;
        }
    }
    const int id = static_cast<int>(nodes_.size());
    nodes_.push_back(std::move(leaf));
    nodes_[static_cast<std::size_t>(current)].children.push_back(id);
    return id;
}

void SourcesModel::compact(int id)
{
    // A folder whose only child is a folder becomes one row ("var/log/nginx"); the child is left
    // unreachable in nodes_, which costs a few bytes and keeps ids stable.
    while (true) {
        Node& node = nodes_[static_cast<std::size_t>(id)];
        if (node.type != EntryType::Folder || node.server || node.children.size() != 1)
            break;
        const Node child = nodes_[static_cast<std::size_t>(node.children.front())];
        if (child.type != EntryType::Folder)
            break;
        node.name += child.separator + child.name;
        node.fullPath = child.fullPath;
        node.children = child.children;
        for (int grandChild : node.children)
            nodes_[static_cast<std::size_t>(grandChild)].parent = id;
    }
    const std::vector<int> children = nodes_[static_cast<std::size_t>(id)].children;
    for (int child : children)
        compact(child);
}

void SourcesModel::sortAndAggregate(int id)
{
    std::vector<int> children = nodes_[static_cast<std::size_t>(id)].children;
    std::sort(children.begin(), children.end(), [this](int a, int b) {
        const Node& left = nodes_[static_cast<std::size_t>(a)];
        const Node& right = nodes_[static_cast<std::size_t>(b)];
        const bool leftFolder = left.type == EntryType::Folder;
        const bool rightFolder = right.type == EntryType::Folder;
        if (leftFolder != rightFolder)
            return leftFolder;
        return left.name.compare(right.name, Qt::CaseInsensitive) < 0;
    });
    for (std::size_t row = 0; row < children.size(); ++row) {
        const int child = children[row];
        nodes_[static_cast<std::size_t>(child)].row = static_cast<int>(row);
        sortAndAggregate(child);
        const Node& done = nodes_[static_cast<std::size_t>(child)];
        Node& node = nodes_[static_cast<std::size_t>(id)];
        if (node.type != EntryType::Folder)
            continue;
        node.sources += done.sources;
        node.events += done.events;
        node.skippedLines += done.skippedLines;
        node.firstUtcMs = std::min(node.firstUtcMs, done.firstUtcMs);
        node.lastUtcMs = std::max(node.lastUtcMs, done.lastUtcMs);
    }
    nodes_[static_cast<std::size_t>(id)].children = std::move(children);
}

QModelIndex SourcesModel::indexForSource(int source) const
{
    if (source < 0 || static_cast<std::size_t>(source) >= sourceNodes_.size())
        return {};
    const int id = sourceNodes_[static_cast<std::size_t>(source)];
    return createIndex(nodes_[static_cast<std::size_t>(id)].row, 0, static_cast<quintptr>(id));
}

const SourcesModel::Node& SourcesModel::nodeOf(const QModelIndex& index) const
{
    return nodes_[index.isValid() ? static_cast<std::size_t>(index.internalId()) : 0];
}

QModelIndex SourcesModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const Node& node = nodeOf(parent);
    if (static_cast<std::size_t>(row) >= node.children.size())
        return {};
    return createIndex(row, column, static_cast<quintptr>(node.children[static_cast<std::size_t>(row)]));
}

QModelIndex SourcesModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int parentId = nodeOf(child).parent;
    if (parentId <= 0)
        return {};
    return createIndex(nodes_[static_cast<std::size_t>(parentId)].row, 0, static_cast<quintptr>(parentId));
}

int SourcesModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent).children.size());
}

int SourcesModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant SourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case EventsColumn:
        return tr("Events");
    case SkippedColumn:
        return tr("Skipped lines");
    case SpanColumn:
        return tr("Time span (%1)").arg(display_.zoneLabel());
    case NoteColumn:
        return tr("Zone / note");
    default:
        return {};
    }
}

QVariant SourcesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::ToolTipRole:
        return toolTipData(node, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == EventsColumn || index.column() == SkippedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (node.type == EntryType::SkippedFile)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (node.type == EntryType::Config) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        return decorationFor(node.type);
    case EntryTypeRole:
        return static_cast<int>(node.type);
    case SourceIndexRole:
        return node.type == EntryType::Source ? node.entry : -1;
    case FullPathRole:
        return node.fullPath;
    default:
        return {};
    }
}

QString SourcesModel::topLevelName(const Node& node) const
{
    // A top row is a whole input path; its last part is what people recognise. Two inputs with the
    // same name (bundles of two servers) keep their full paths so they can be told apart.
    const QString name = node.fullPath.section(u'/', -1);
    for (int sibling : nodes_[0].children) {
        const Node& other = nodes_[static_cast<std::size_t>(sibling)];
        if (&other != &node && other.fullPath.section(u'/', -1) == name)
            return node.fullPath;
    }
    return name.isEmpty() ? node.fullPath : name;
}

QVariant SourcesModel::displayData(const Node& node, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return node.parent == 0 ? topLevelName(node) : node.name;
    case KindColumn:
        switch (node.type) {
        case EntryType::Folder:
            return {};
        case EntryType::Source:
            return logKindName(result_->sources[static_cast<std::size_t>(node.entry)].kind);
        case EntryType::SkippedFile:
            return tr("not read");
        case EntryType::Config:
            return tr("configuration");
        }
        return {};
    case EventsColumn:
        // A folder of configs or unread files has no event count to show.
        if (node.sources > 0)
            return locale.toString(static_cast<qulonglong>(node.events));
        return {};
    case SkippedColumn:
        if ((node.type == EntryType::Source || node.type == EntryType::Folder) && node.skippedLines > 0)
            return locale.toString(static_cast<qulonglong>(node.skippedLines));
        return {};
    case SpanColumn:
        return node.hasSpan() ? display_.span(node.firstUtcMs, node.lastUtcMs) : QString();
    case NoteColumn:
        switch (node.type) {
        case EntryType::Folder:
            return {};
        case EntryType::Source:
            return result_->sources[static_cast<std::size_t>(node.entry)].timeZoneNote;
        case EntryType::SkippedFile:
            return result_->skipped[static_cast<std::size_t>(node.entry)].reason;
        case EntryType::Config:
            return tr("kept for the analysis");
        }
        return {};
    default:
        return {};
    }
}

QVariant SourcesModel::toolTipData(const Node& node, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return node.fullPath;
    case EventsColumn:
        if (node.type == EntryType::Source) {
            const SourceInfo& source = result_->sources[static_cast<std::size_t>(node.entry)];
            QString text = tr("%1 lines read, %2 events")
                               .arg(locale.toString(static_cast<qulonglong>(source.lines)),
                                    locale.toString(static_cast<qulonglong>(source.events)));
            if (source.duplicateEvents > 0)
                text += u'\n' + tr("%1 duplicate events dropped (same lines in a rotated copy)")
                                    .arg(locale.toString(static_cast<qulonglong>(source.duplicateEvents)));
            return text;
        }
        return {};
    case SkippedColumn: {
        if (node.type != EntryType::Source || node.skippedLines == 0)
            return {};
        const SourceInfo& source = result_->sources[static_cast<std::size_t>(node.entry)];
        QStringList lines;
        for (const SkipReason& reason : source.skipReasons) {
            const QString what =
                QString::fromUtf8(reason.reason.data(), static_cast<qsizetype>(reason.reason.size()));
            const QString first = locale.toString(static_cast<qulonglong>(reason.firstLine));
            lines << (reason.count == 1
                          ? tr("%1: 1 line, first at line %2").arg(what, first)
                          : tr("%1: %2 lines, first at line %3")
                                .arg(what, locale.toString(static_cast<qulonglong>(reason.count)), first));
        }
        return lines.join(u'\n');
    }
    case NoteColumn:
    case KindColumn:
        if (node.type == EntryType::SkippedFile)
            return result_->skipped[static_cast<std::size_t>(node.entry)].reason;
        return displayData(node, column);
    case SpanColumn:
        if (node.hasSpan())
            return tr("%1 – %2 (%3)")
                .arg(display_.dateTime(node.firstUtcMs, true), display_.dateTime(node.lastUtcMs, true),
                     display_.zoneLabel());
        return {};
    default:
        return {};
    }
}

QVariant SourcesModel::decorationFor(EntryType type) const
{
    QStyle* style = QApplication::style();
    const auto once = [](QVariant& icon, auto make) -> const QVariant& {
        if (!icon.isValid())
            icon = make();
        return icon;
    };
    switch (type) {
    case EntryType::Folder:
        return once(folderIcon_, [style] { return style->standardIcon(QStyle::SP_DirIcon); });
    case EntryType::Source:
        return once(sourceIcon_, [style] { return style->standardIcon(QStyle::SP_FileIcon); });
    case EntryType::SkippedFile:
        return once(skippedIcon_,
                    [style] { return style->standardIcon(QStyle::SP_FileIcon).pixmap(16, QIcon::Disabled); });
    case EntryType::Config:
        return once(configIcon_, [style] { return style->standardIcon(QStyle::SP_FileDialogDetailedView); });
    }
    return {};
}

} // namespace gd
