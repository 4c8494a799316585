#pragma once

#include "model/logkind.h"
#include "shell/timedisplay.h"

#include <QAbstractItemModel>
#include <QVariant>
#include <memory>
#include <vector>

namespace gd {

struct ImportResult;

/// The files of an import as a tree grouped by folder and archive (display paths split on "!/"
/// and "/", single-child folder chains shown as one row). A thin adapter over
/// ImportResult::sources, skipped and configs: it owns no copy of their data.
class SourcesModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, KindColumn, EventsColumn, SkippedColumn, SpanColumn, NoteColumn, ColumnCount };
    enum class EntryType { Folder, Source, SkippedFile, Config };
    enum Role {
        EntryTypeRole = Qt::UserRole + 1, ///< EntryType as int
        SourceIndexRole,                  ///< index in ImportResult::sources, -1 for other rows
        FullPathRole,                     ///< display path of the file or folder
    };

    explicit SourcesModel(QObject* parent = nullptr);
    ~SourcesModel() override;

    void setImport(std::shared_ptr<const ImportResult> result);
    void setTimeDisplay(const TimeDisplay& display);
    /// Index (name column) of the row showing `source`, invalid if there is none.
    QModelIndex indexForSource(int source) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// The tree's icons, made once: a new icon per paint request filled Qt's pixmap cache with copies.
    QVariant decorationFor(EntryType type) const;
    mutable QVariant folderIcon_, sourceIcon_, skippedIcon_, configIcon_;

    struct Node;
    void build();
    int addPath(const QString& displayPath, EntryType type, int entry, const QString& server = {});
    /// The server a path of the import belongs to ("" when the import is one server).
    QString serverOfPath(const QString& displayPath) const;
    void compact(int node);
    void sortAndAggregate(int node);
    void emitSpanChanged(int node);
    const Node& nodeOf(const QModelIndex& index) const;
    QString topLevelName(const Node& node) const;
    QVariant displayData(const Node& node, int column) const;
    QVariant toolTipData(const Node& node, int column) const;

    std::shared_ptr<const ImportResult> result_;
    TimeDisplay display_;
    std::vector<Node> nodes_; ///< nodes_[0] is the invisible root
    std::vector<int> sourceNodes_;
};

} // namespace gd
