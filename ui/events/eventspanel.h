#pragma once

#include "events/eventsfilter.h"
#include "events/eventsfilterrunner.h"
#include "sessions/sessionparticipant.h"

#include <QWidget>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QScrollBar;
class QTableView;
class QTimer;
class QToolButton;

namespace gd {

class EventsModel;
class EventsWindowScroller;
struct ImportResult;

/// The events table with its filter bar: kind, level, status, free text (optionally a regular
/// expression), host, and the time range chosen elsewhere (e.g. on the chart). Keeps its filter and
/// selected event in sessions.
class EventsPanel : public QWidget, public SessionParticipant {
    Q_OBJECT
public:
    explicit EventsPanel(QWidget* parent = nullptr);
    ~EventsPanel() override;

    void setImport(std::shared_ptr<const ImportResult> import);
    /// Scrolls to (and selects) the first shown event at or after `utcMs`.
    void selectTime(std::int64_t utcMs);
    /// Selects the row of the event at (source, line) that happened at `utcMs`, if the filter shows it;
    /// else the first row at or after that time. Does not re-emit eventActivated.
    void selectEvent(std::uint16_t source, std::uint32_t line, std::int64_t utcMs);
    /// Limits the table to [fromUtcMs, toUtcMs); the filter bar shows it with a clear button.
    void setTimeRange(std::int64_t fromUtcMs, std::int64_t toUtcMs);
    void clearTimeRange();
    /// How times are written in the table and the range indicator (owned by the window's time mode).
    void setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter);

    /// The filter the bar currently describes (plus the time range).
    const EventsFilter& filter() const { return filter_; }
    /// Sets the filter programmatically (the bar is updated where it can show it).
    void setFilter(const EventsFilter& filter);
    EventsModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    /// True while a filter is being evaluated in the background.
    bool isFiltering() const { return runner_->isBusy(); }

    // SessionParticipant (eventspanelsession.cpp): the filter and the selected event.
    void captureSession(WorkbenchSession& session, const SessionScope& scope) const override;
    void restoreSession(const WorkbenchSession& session, const SessionScope& scope,
                        const SessionRestoreStep& step) override;

Q_SIGNALS:
    void eventActivated(std::uint16_t source, std::uint32_t line);
    /// The current event changed; its time (UTC ms), for the chart's time marker.
    void eventTimeSelected(qint64 utcMs);
    /// Emitted when the user clears the time range in the filter bar.
    void timeRangeCleared();
    /// A new filter result is shown.
    void filterApplied(int shownRows, qint64 elapsedMs);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createFilterBar();
    void readFilterBar();
    void applyFilter();
    void showRows(EventsFilterRunner::Rows rows, qint64 elapsedMs);
    void updateCountLabel(qint64 elapsedMs);
    void updateTimeRangeLabel();
    void fillKindCombo();
    void fillServerCombo();
    void onCurrentChanged(const QModelIndex& current);
    void emitActivated(const QModelIndex& index);
    void selectShownRow(std::size_t shownRow, bool centre);
    void selectSessionEvent(const SessionEvent& saved, const QStringList& inputs);

    EventsModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    QScrollBar* windowBar_ = nullptr; ///< spans every shown row while the model shows a window of them
    EventsWindowScroller* scroller_ = nullptr;
    QComboBox* kindCombo_ = nullptr;
    QComboBox* serverCombo_ = nullptr; ///< shown only when the import has several servers
    QComboBox* levelCombo_ = nullptr;
    QComboBox* statusCombo_ = nullptr;
    QLineEdit* textEdit_ = nullptr;
    QToolButton* regexToggle_ = nullptr;
    QLineEdit* hostEdit_ = nullptr;
    QLabel* timeRangeLabel_ = nullptr;
    QToolButton* clearTimeRange_ = nullptr;
    QLabel* countLabel_ = nullptr;
    QTimer* textDebounce_ = nullptr;
    EventsFilterRunner* runner_ = nullptr;

    std::shared_ptr<const ImportResult> import_;
    EventsFilter filter_;
    std::optional<std::int64_t> pendingSelectTime_;
    std::optional<std::uint32_t> currentEvent_; ///< kept selected across filter changes
    bool restoringSelection_ = false;
    bool windowMoving_ = false; ///< the scroller restores the current row after moving the window
};

} // namespace gd
