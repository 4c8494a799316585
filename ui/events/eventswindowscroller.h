#pragma once

#include <QAbstractItemView>
#include <QObject>
#include <cstdint>
#include <functional>
#include <optional>

class QScrollBar;
class QTableView;

namespace gd {

class EventsModel;

/// Lets a table scroll over every row an EventsModel shows while the model exposes only a window of
/// them (see EventsModel). Its own scroll bar spans all shown rows; the table's bar, hidden while the
/// window does not hold every row, scrolls inside the window, and the window follows when the table
/// nears one of its edges. The current event stays current when the window moves.
class EventsWindowScroller : public QObject {
    Q_OBJECT
public:
    /// The timeline event the owner keeps current, if any (it may lie outside the window).
    using CurrentEvent = std::function<std::optional<std::uint32_t>()>;

    /// `bar` is placed by the caller, beside the table.
    EventsWindowScroller(QTableView* view, EventsModel* model, QScrollBar* bar, CurrentEvent currentEvent);

    /// Makes shown row `shownRow` current and scrolls to it.
    void showRow(std::size_t shownRow, QAbstractItemView::ScrollHint hint);

Q_SIGNALS:
    /// Around a move of the window: a current index set in between is restored, not chosen by the user.
    void windowMoving();
    void windowMoved();

private:
    void updateBar();
    void onBarMoved(int shownTop);
    void onTableScrolled(int rowTop);
    /// Moves the window when `shownRow` is nearer to one of its edges than a quarter of it.
    void followTo(std::size_t shownRow);
    std::size_t margin() const;
    void scrollTableTo(std::size_t shownTop);

    QTableView* view_;
    EventsModel* model_;
    QScrollBar* bar_;
    CurrentEvent currentEvent_;
    bool syncing_ = false;
    bool followPending_ = false; ///< a move of the window is queued
};

} // namespace gd
