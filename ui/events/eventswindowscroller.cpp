#include "events/eventswindowscroller.h"

#include "events/eventsmodel.h"

#include <QScrollBar>
#include <QTableView>
#include <algorithm>

namespace gd {

EventsWindowScroller::EventsWindowScroller(QTableView* view, EventsModel* model, QScrollBar* bar,
                                           CurrentEvent currentEvent)
    : QObject(view)
    , view_(view)
    , model_(model)
    , bar_(bar)
    , currentEvent_(std::move(currentEvent))
{
    // One scroll step per row, so the table's bar value is the model row at the top.
    view_->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    bar_->setSingleStep(1);
    bar_->hide();
    connect(model_, &QAbstractItemModel::modelReset, this, &EventsWindowScroller::updateBar);
    connect(view_->verticalScrollBar(), &QScrollBar::rangeChanged, this, &EventsWindowScroller::updateBar);
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &EventsWindowScroller::onTableScrolled);
    connect(bar_, &QScrollBar::valueChanged, this, &EventsWindowScroller::onBarMoved);
}

std::size_t EventsWindowScroller::margin() const
{
    const auto page = static_cast<std::size_t>(std::max(1, view_->verticalScrollBar()->pageStep()));
    return std::max(model_->windowRows() / 4, 2 * page);
}

void EventsWindowScroller::updateBar()
{
    const std::size_t shown = model_->shownRows();
    const bool windowed = shown > model_->windowRows();
    view_->setVerticalScrollBarPolicy(windowed ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    bar_->setVisible(windowed);
    if (!windowed)
        return;
    // The rows that fit: the table's bar ends where they show the window's last row.
    const QScrollBar* tableBar = view_->verticalScrollBar();
    const auto fitting = static_cast<std::size_t>(std::max(1, model_->rowCount() - tableBar->maximum()));
    const QSignalBlocker blocker(bar_);
    bar_->setRange(0, static_cast<int>(shown - std::min(shown, fitting)));
    bar_->setPageStep(static_cast<int>(fitting));
    bar_->setValue(static_cast<int>(model_->windowStart()) + view_->verticalScrollBar()->value());
}

void EventsWindowScroller::followTo(std::size_t shownRow)
{
    const std::optional<std::uint32_t> current = currentEvent_();
    Q_EMIT windowMoving();
    if (model_->moveWindowTo(shownRow, margin())) {
        view_->doItemsLayout(); // the table's scroll range now, not at the next event loop turn
        const int row = current ? model_->rowOfEvent(*current) : -1;
        if (row >= 0) {
            // Restoring the current row must not scroll the table to it: the user may be looking elsewhere.
            const bool autoScroll = view_->hasAutoScroll();
            view_->setAutoScroll(false);
            view_->selectionModel()->setCurrentIndex(
                model_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            view_->setAutoScroll(autoScroll);
        }
    }
    Q_EMIT windowMoved();
}

void EventsWindowScroller::scrollTableTo(std::size_t shownTop)
{
    syncing_ = true;
    view_->verticalScrollBar()->setValue(
        static_cast<int>(shownTop - std::min(shownTop, model_->windowStart())));
    syncing_ = false;
    updateBar();
}

void EventsWindowScroller::onBarMoved(int shownTop)
{
    if (syncing_)
        return;
    const auto top = static_cast<std::size_t>(std::max(0, shownTop));
    followTo(top);
    scrollTableTo(top);
}

void EventsWindowScroller::onTableScrolled(int rowTop)
{
    if (syncing_ || model_->shownRows() <= model_->windowRows())
        return;
    updateBar();
    const auto top = static_cast<std::size_t>(std::max(0, rowTop));
    const std::size_t rows = static_cast<std::size_t>(model_->rowCount());
    const bool nearStart = model_->windowStart() > 0 && top < margin();
    const bool nearEnd = model_->windowStart() + rows < model_->shownRows() && top + 2 * margin() > rows;
    if ((!nearStart && !nearEnd) || followPending_)
        return;
    // The table scrolls from inside its own handlers (a key press, a new current row): the window moves
    // once they are done, which the margin of two pages or more leaves time for.
    followPending_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            followPending_ = false;
            const std::size_t shownTop =
                model_->windowStart() + static_cast<std::size_t>(view_->verticalScrollBar()->value());
            followTo(shownTop);
            scrollTableTo(shownTop);
        },
        Qt::QueuedConnection);
}

void EventsWindowScroller::showRow(std::size_t shownRow, QAbstractItemView::ScrollHint hint)
{
    followTo(shownRow);
    const QModelIndex index =
        model_->index(static_cast<int>(shownRow - std::min(shownRow, model_->windowStart())), 0);
    view_->setCurrentIndex(index);
    view_->scrollTo(index, hint);
}

} // namespace gd
