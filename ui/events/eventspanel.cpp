#include "events/eventspanel.h"

#include "events/eventsmodel.h"
#include "events/eventstext.h"
#include "events/eventswindowscroller.h"
#include "import/importresult.h"
#include "parse/logkinds.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <limits>

namespace gd {

namespace {

constexpr int kTextDebounceMs = 250;

} // namespace

EventsPanel::EventsPanel(QWidget* parent)
    : QWidget(parent)
    , model_(new EventsModel(this))
    , view_(new QTableView(this))
    , windowBar_(new QScrollBar(Qt::Vertical, this))
    , textDebounce_(new QTimer(this))
    , runner_(new EventsFilterRunner(this))
{
    view_->setModel(model_);
    view_->setObjectName(QStringLiteral("eventsTable"));
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setWordWrap(false);
    view_->setTextElideMode(Qt::ElideRight);
    view_->setSortingEnabled(false); // rows are in time order; sorting millions would need its own index
    view_->setAlternatingRowColors(true);
    view_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Uniform row heights: fixed sections keep scrolling over millions of rows O(1).
    QHeaderView* rows = view_->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 6);
    rows->hide();
    QHeaderView* columns = view_->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    const int charWidth = fontMetrics().averageCharWidth();
    const int widths[EventsModel::ColumnCount] = {24, 16, 15, 9, 26, 22, 16, 10, 16, 40, 16};
    for (int column = 0; column < EventsModel::ColumnCount; ++column)
        view_->setColumnWidth(column, widths[column] * charWidth);

    textDebounce_->setSingleShot(true);
    textDebounce_->setInterval(kTextDebounceMs);
    connect(textDebounce_, &QTimer::timeout, this, &EventsPanel::applyFilter);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createFilterBar());
    auto* table = new QHBoxLayout;
    table->setSpacing(0);
    table->addWidget(view_, 1);
    table->addWidget(windowBar_);
    layout->addLayout(table, 1);

    windowBar_->setObjectName(QStringLiteral("eventsWindowBar"));
    scroller_ = new EventsWindowScroller(view_, model_, windowBar_, [this] { return currentEvent_; });
    connect(scroller_, &EventsWindowScroller::windowMoving, this, [this] { windowMoving_ = true; });
    connect(scroller_, &EventsWindowScroller::windowMoved, this, [this] { windowMoving_ = false; });

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(view_, &QAbstractItemView::activated, this, &EventsPanel::emitActivated);
    connect(runner_, &EventsFilterRunner::finished, this, &EventsPanel::showRows);

    auto* focusFilter = new QAction(tr("Filter events"), this);
    focusFilter->setShortcut(QKeySequence::Find);
    focusFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(focusFilter, &QAction::triggered, this, [this] {
        textEdit_->setFocus();
        textEdit_->selectAll();
    });
    addAction(focusFilter);
    updateCountLabel(-1);
}

EventsPanel::~EventsPanel() = default;

QWidget* EventsPanel::createFilterBar()
{
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(2, 2, 2, 2);

    serverCombo_ = new QComboBox(bar);
    serverCombo_->setObjectName(QStringLiteral("eventsServerFilter"));
    serverCombo_->setToolTip(tr("Show only events of this server"));
    fillServerCombo();

    kindCombo_ = new QComboBox(bar);
    kindCombo_->setToolTip(tr("Show only events of this kind of log"));
    fillKindCombo();

    levelCombo_ = new QComboBox(bar);
    levelCombo_->setToolTip(tr("Show only events with at least this level (hides events without a level)"));
    levelCombo_->addItem(tr("Any level"), static_cast<int>(Level::None));
    for (const Level level : {Level::Debug, Level::Info, Level::Notice, Level::Warning, Level::Error,
                              Level::Critical, Level::Alert})
        levelCombo_->addItem(tr("%1 or worse").arg(levelText(level)), static_cast<int>(level));

    statusCombo_ = new QComboBox(bar);
    statusCombo_->setToolTip(tr("Show only access-log requests with this HTTP status"));
    statusCombo_->addItem(tr("Any status"), 0);
    statusCombo_->addItem(tr("2xx"), int(Status2xx));
    statusCombo_->addItem(tr("3xx"), int(Status3xx));
    statusCombo_->addItem(tr("4xx"), int(Status4xx));
    statusCombo_->addItem(tr("5xx"), int(Status5xx));
    statusCombo_->addItem(tr("502"), int(Status502));
    statusCombo_->addItem(tr("504"), int(Status504));
    statusCombo_->addItem(tr("502 and 504"), int(Status502 | Status504));

    textEdit_ = new QLineEdit(bar);
    textEdit_->setObjectName(QStringLiteral("eventsTextFilter"));
    textEdit_->setClearButtonEnabled(true);
    textEdit_->setPlaceholderText(
        tr("Filter host, URL, client, pool… (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    textEdit_->setToolTip(tr("Case-insensitive text searched in host, target, client and pool/upstream"));

    regexToggle_ = new QToolButton(bar);
    regexToggle_->setText(QStringLiteral(".*"));
    regexToggle_->setCheckable(true);
    regexToggle_->setToolTip(tr("Treat the filter text as a regular expression"));

    hostEdit_ = new QLineEdit(bar);
    hostEdit_->setClearButtonEnabled(true);
    hostEdit_->setPlaceholderText(tr("Host"));
    hostEdit_->setToolTip(tr("Show only events whose host contains this text"));

    timeRangeLabel_ = new QLabel(bar);
    timeRangeLabel_->setTextFormat(Qt::PlainText);
    clearTimeRange_ = new QToolButton(bar);
    clearTimeRange_->setText(tr("Clear"));
    clearTimeRange_->setToolTip(tr("Show events of the whole time span again"));
    timeRangeLabel_->hide();
    clearTimeRange_->hide();

    countLabel_ = new QLabel(bar);
    countLabel_->setTextFormat(Qt::PlainText);

    layout->addWidget(serverCombo_);
    layout->addWidget(kindCombo_);
    layout->addWidget(levelCombo_);
    layout->addWidget(statusCombo_);
    layout->addWidget(textEdit_, 2);
    layout->addWidget(regexToggle_);
    layout->addWidget(hostEdit_, 1);
    layout->addWidget(timeRangeLabel_);
    layout->addWidget(clearTimeRange_);
    layout->addStretch();
    layout->addWidget(countLabel_);

    for (QComboBox* combo : {serverCombo_, kindCombo_, levelCombo_, statusCombo_})
        connect(combo, &QComboBox::currentIndexChanged, this, &EventsPanel::applyFilter);
    connect(regexToggle_, &QToolButton::toggled, this, &EventsPanel::applyFilter);
    connect(textEdit_, &QLineEdit::textChanged, textDebounce_, qOverload<>(&QTimer::start));
    connect(hostEdit_, &QLineEdit::textChanged, textDebounce_, qOverload<>(&QTimer::start));
    connect(textEdit_, &QLineEdit::returnPressed, this, &EventsPanel::applyFilter);
    connect(hostEdit_, &QLineEdit::returnPressed, this, &EventsPanel::applyFilter);
    connect(clearTimeRange_, &QToolButton::clicked, this, [this] {
        clearTimeRange();
        Q_EMIT timeRangeCleared();
    });
    return bar;
}

void EventsPanel::fillKindCombo()
{
    const QSignalBlocker blocker(kindCombo_);
    const uint previous = kindCombo_->currentData().toUInt();
    kindCombo_->clear();
    kindCombo_->addItem(tr("All kinds"), 0U);
    std::uint32_t present = 0;
    if (import_) {
        for (const SourceInfo& source : import_->sources)
            present |= EventsFilter::kindBit(source.kind);
    }
    for (const LogKindInfo& info : logKinds()) {
        if (!import_ || (present & EventsFilter::kindBit(info.kind)))
            kindCombo_->addItem(logKindName(info.kind), EventsFilter::kindBit(info.kind));
    }
    kindCombo_->setCurrentIndex(std::max(0, kindCombo_->findData(previous)));
}

void EventsPanel::fillServerCombo()
{
    const QSignalBlocker blocker(serverCombo_);
    const uint previous = serverCombo_->currentData().toUInt();
    serverCombo_->clear();
    serverCombo_->addItem(tr("All servers"), 0U);
    const std::size_t servers = import_ ? import_->servers.size() : 0;
    for (std::size_t s = 0; s < servers && EventsFilter::serverBit(s) != 0; ++s)
        serverCombo_->addItem(import_->servers[s].name, EventsFilter::serverBit(s));
    serverCombo_->setCurrentIndex(std::max(0, serverCombo_->findData(previous)));
    serverCombo_->setVisible(servers > 1);
}

void EventsPanel::setImport(std::shared_ptr<const ImportResult> import)
{
    import_ = std::move(import);
    currentEvent_.reset();
    pendingSelectTime_.reset();
    model_->setImport(import_);
    fillKindCombo();
    fillServerCombo();
    filter_.hostIds.clear(); // ids belong to the previous timeline
    filter_.codes.clear();
    applyFilter();
}

void EventsPanel::setTimeFormatter(std::function<QString(std::int64_t)> formatter)
{
    model_->setTimeFormatter(std::move(formatter));
    updateTimeRangeLabel();
}

void EventsPanel::readFilterBar()
{
    filter_.kinds = kindCombo_->currentData().toUInt();
    filter_.servers = serverCombo_->currentData().toUInt();
    filter_.minLevel = static_cast<Level>(levelCombo_->currentData().toInt());
    filter_.statusClasses = static_cast<std::uint8_t>(statusCombo_->currentData().toInt());
    filter_.text = textEdit_->text();
    filter_.textIsRegex = regexToggle_->isChecked();
    filter_.hostText = hostEdit_->text().trimmed();
}

void EventsPanel::setFilter(const EventsFilter& filter)
{
    {
        const QSignalBlocker b1(kindCombo_), b2(levelCombo_), b3(statusCombo_), b4(textEdit_),
            b5(regexToggle_), b6(hostEdit_), b7(serverCombo_);
        kindCombo_->setCurrentIndex(std::max(0, kindCombo_->findData(filter.kinds)));
        serverCombo_->setCurrentIndex(std::max(0, serverCombo_->findData(filter.servers)));
        levelCombo_->setCurrentIndex(std::max(0, levelCombo_->findData(static_cast<int>(filter.minLevel))));
        statusCombo_->setCurrentIndex(std::max(0, statusCombo_->findData(int(filter.statusClasses))));
        textEdit_->setText(filter.text);
        regexToggle_->setChecked(filter.textIsRegex);
        hostEdit_->setText(filter.hostText);
    }
    textDebounce_->stop();
    filter_ = filter;
    updateTimeRangeLabel();
    runner_->run(filter_, import_);
}

void EventsPanel::applyFilter()
{
    textDebounce_->stop();
    readFilterBar();
    const bool textValid = filter_.isTextValid();
    textEdit_->setToolTip(
        textValid ? tr("Case-insensitive text searched in host, target, client and pool/upstream")
                  : tr("Invalid regular expression: %1").arg(QRegularExpression(filter_.text).errorString()));
    QPalette palette = textEdit_->parentWidget()->palette();
    if (!textValid)
        palette.setColor(QPalette::Text, LogColors::fromPalette(palette).error);
    textEdit_->setPalette(palette);
    runner_->run(filter_, import_);
}

void EventsPanel::setTimeRange(std::int64_t fromUtcMs, std::int64_t toUtcMs)
{
    if (fromUtcMs > toUtcMs)
        std::swap(fromUtcMs, toUtcMs);
    filter_.fromUtcMs = fromUtcMs;
    filter_.toUtcMs = toUtcMs;
    updateTimeRangeLabel();
    runner_->run(filter_, import_);
}

void EventsPanel::clearTimeRange()
{
    filter_.fromUtcMs = std::numeric_limits<std::int64_t>::min();
    filter_.toUtcMs = std::numeric_limits<std::int64_t>::max();
    updateTimeRangeLabel();
    runner_->run(filter_, import_);
}

void EventsPanel::updateTimeRangeLabel()
{
    const bool shown = filter_.hasTimeRange();
    timeRangeLabel_->setVisible(shown);
    clearTimeRange_->setVisible(shown);
    if (!shown)
        return;
    const auto text = [this](std::int64_t ms) {
        if (ms == std::numeric_limits<std::int64_t>::min() || ms == std::numeric_limits<std::int64_t>::max())
            return QStringLiteral("…");
        return model_->formatTime(ms);
    };
    timeRangeLabel_->setText(tr("Time: %1 – %2").arg(text(filter_.fromUtcMs), text(filter_.toUtcMs)));
}

void EventsPanel::showRows(EventsFilterRunner::Rows rows, qint64 elapsedMs)
{
    const std::optional<std::uint32_t> keep = currentEvent_;
    model_->setRows(std::move(rows));
    updateCountLabel(elapsedMs);
    if (pendingSelectTime_) {
        const std::int64_t t = *pendingSelectTime_;
        pendingSelectTime_.reset();
        selectTime(t);
    } else if (keep && model_->shownRows() > 0) {
        const std::int64_t row = model_->shownRowOfEvent(*keep);
        restoringSelection_ = true;
        if (row >= 0)
            selectShownRow(static_cast<std::size_t>(row), true);
        restoringSelection_ = false;
        currentEvent_ = keep;
    }
    Q_EMIT filterApplied(static_cast<int>(model_->shownRows()), elapsedMs);
}

void EventsPanel::updateCountLabel(qint64 elapsedMs)
{
    const QLocale locale;
    const auto total = static_cast<qlonglong>(model_->totalEvents());
    if (!model_->isFiltered()) {
        countLabel_->setText(tr("%1 events").arg(locale.toString(total)));
        countLabel_->setToolTip({});
        return;
    }
    countLabel_->setText(
        tr("%1 of %2 events")
            .arg(locale.toString(static_cast<qlonglong>(model_->shownRows())), locale.toString(total)));
    countLabel_->setToolTip(elapsedMs >= 0 ? tr("Filtered in %1 ms").arg(elapsedMs) : QString());
}

void EventsPanel::selectTime(std::int64_t utcMs)
{
    if (runner_->isBusy()) {
        pendingSelectTime_ = utcMs; // applied when the running filter delivers its rows
        return;
    }
    const std::size_t rows = model_->shownRows();
    if (rows == 0)
        return;
    selectShownRow(std::min(model_->firstShownRowAtOrAfter(utcMs), rows - 1), false);
}

void EventsPanel::selectEvent(std::uint16_t source, std::uint32_t line, std::int64_t utcMs)
{
    if (runner_->isBusy() || !import_ || !import_->timeline) {
        selectTime(utcMs);
        return;
    }
    // Events of one instant are few: find this one among them instead of scanning the timeline.
    const Timeline& timeline = *import_->timeline;
    const EventColumns& events = timeline.events();
    for (std::size_t i = timeline.lowerBound(utcMs); i < events.size() && events.timeMs[i] == utcMs; ++i) {
        if (events.source[i] != source || events.line[i] != line)
            continue;
        const std::int64_t row = model_->shownRowOfEvent(static_cast<std::uint32_t>(i));
        if (row < 0)
            break;
        restoringSelection_ = true; // the caller shows the line already
        selectShownRow(static_cast<std::size_t>(row), false);
        restoringSelection_ = false;
        return;
    }
    selectTime(utcMs);
}

void EventsPanel::selectShownRow(std::size_t shownRow, bool centre)
{
    scroller_->showRow(shownRow,
                       centre ? QAbstractItemView::PositionAtCenter : QAbstractItemView::PositionAtTop);
}

void EventsPanel::onCurrentChanged(const QModelIndex& current)
{
    if (!current.isValid())
        return;
    currentEvent_ = model_->eventAt(current.row());
    if (!restoringSelection_ && !windowMoving_)
        emitActivated(current);
    // The time marker follows every selection, also one made for the caller (evidence stepping).
    Q_EMIT eventTimeSelected(current.data(EventsModel::TimeRole).toLongLong());
}

void EventsPanel::emitActivated(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    Q_EMIT eventActivated(static_cast<std::uint16_t>(index.data(EventsModel::SourceRole).toUInt()),
                          index.data(EventsModel::LineRole).toUInt());
}

void EventsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        model_->setColors(LogColors::fromPalette(palette()));
    QWidget::changeEvent(event);
}

} // namespace gd
