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
/// view asks for.
///
/// The rows shown (every event, or the filter's) are exposed through a window of at most
/// windowRows() model rows: a view's header keeps 8 bytes per row and walks all of them on every
/// reset (~100 ms and ~130 MB for 17 million rows with Qt 6.4), so a big bundle would stall the
/// window each time it is shown or filtered. EventsWindowScroller moves the window as the user
/// scrolls. "Shown row" below means the position among all rows shown; "row" a model row.
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

    static constexpr std::size_t kDefaultWindowRows = 200'000;
    /// How many rows the window holds at most (tests use small windows).
    void setWindowRows(std::size_t rows);
    std::size_t windowRows() const { return windowRows_; }
    /// Shown row of model row 0.
    std::size_t windowStart() const { return windowStart_; }
    /// Moves the window so that it holds shown row `shownRow` near its middle (a model reset), unless
    /// the row is already at least `margin` rows inside it. Returns whether the window moved.
    bool moveWindowTo(std::size_t shownRow, std::size_t margin = 0);
    /// Rows shown in all: the filter's, or every event.
    std::size_t shownRows() const;

    std::uint32_t eventAt(int row) const;
    /// Model row showing timeline event `event`, or -1 when filtered out or outside the window.
    int rowOfEvent(std::uint32_t event) const;
    /// Shown row of timeline event `event`, or -1 when filtered out.
    std::int64_t shownRowOfEvent(std::uint32_t event) const;
    /// First shown row whose event is at or after `utcMs` (shownRows() when none).
    std::size_t firstShownRowAtOrAfter(std::int64_t utcMs) const;
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
    std::size_t windowStart_ = 0;
    std::size_t windowRows_ = kDefaultWindowRows;
    TimeFormatter timeFormatter_;
    QStringList sourceNames_; ///< file name of each source, built once per import
    LogColors colors_;
};

} // namespace gd
