#pragma once

#include "logviewer/loghighlighterpalette.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace gd {

struct ImportResult;

/// The events of a timeline as a table, one row per event (optionally only the events of a
/// filter result). Virtual: nothing is stored per row; data() builds the text of the cells the
/// view asks for, so millions of rows cost only the optional index vector here. (QTableView's
/// vertical header still keeps 8 bytes per row and walks every row on a reset: ~100 ms and ~130 MB
/// at 17 million rows, measured with Qt 6.4.)
class EventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        SourceColumn,
        KindColumn,
        LevelColumn,
        CodeColumn,
        HostColumn,
        ValueColumn,
        DurationColumn,
        ClientColumn,
        TargetColumn,
        GroupColumn,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole, ///< the column's raw value: number, enum or string id
        EventIndexRole,              ///< index of the event in the timeline (quint32)
        SourceRole,                  ///< source index (quint16 as uint)
        LineRole,                    ///< 1-based line in the source (uint)
        TimeRole,                    ///< UTC ms (qint64)
    };
    using Rows = std::shared_ptr<const std::vector<std::uint32_t>>;
    using TimeFormatter = std::function<QString(std::int64_t utcMs)>;

    explicit EventsModel(QObject* parent = nullptr);

    /// Shows every event of `import` (resets any filter rows).
    void setImport(std::shared_ptr<const ImportResult> import);
    const std::shared_ptr<const ImportResult>& import() const { return import_; }
    /// Shows only the events at `rows` (ascending timeline indices); null shows all.
    void setRows(Rows rows);
    bool isFiltered() const { return rows_ != nullptr; }
    /// How the time column is written; default: "YYYY-MM-DD hh:mm:ss.mmm" UTC.
    void setTimeFormatter(TimeFormatter formatter);
    QString formatTime(std::int64_t utcMs) const { return timeFormatter_(utcMs); }
    /// Re-derives the semantic colours (call when the palette changes).
    void setColors(const LogColors& colors);

    std::uint32_t eventAt(int row) const;
    /// Row showing timeline event `event`, or -1 when filtered out.
    int rowOfEvent(std::uint32_t event) const;
    /// First row whose event is at or after `utcMs` (rowCount() when none).
    int firstRowAtOrAfter(std::int64_t utcMs) const;
    std::size_t totalEvents() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString displayText(std::uint32_t event, int column) const;
    QVariant rawValue(std::uint32_t event, int column) const;
    QVariant foreground(std::uint32_t event, int column) const;
    QString poolText(int column, std::uint32_t event) const;

    std::shared_ptr<const ImportResult> import_;
    Rows rows_;
    TimeFormatter timeFormatter_;
    QStringList sourceNames_; ///< file name of each source, built once per import
    LogColors colors_;
};

} // namespace gd
