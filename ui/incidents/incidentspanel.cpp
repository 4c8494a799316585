#include "incidents/incidentspanel.h"

#include "incidents/incidentsmodel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace gd {

IncidentsPanel::IncidentsPanel(QWidget* parent)
    : QWidget(parent)
    , model_(new IncidentsModel(this))
    , proxy_(new IncidentsFilterModel(this))
    , view_(new QTableView(this))
{
    proxy_->setSourceModel(model_);
    view_->setObjectName(QStringLiteral("incidentsTable"));
    view_->setModel(proxy_);
    view_->setColumnHidden(IncidentsModel::ServerColumn, true); // shown once an import has several servers
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setSortingEnabled(true);
    // The analysis lists incidents by impact (#1 first); a header click sorts by that column instead.
    view_->sortByColumn(-1, Qt::AscendingOrder);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView* columns = view_->horizontalHeader();
    columns->setStretchLastSection(false);
    const int charWidth = fontMetrics().averageCharWidth();
    const int widths[IncidentsModel::ColumnCount] = {24, 20, 10, 6, 6, 26, 11};
    for (int column = 0; column < IncidentsModel::ColumnCount; ++column)
        view_->setColumnWidth(column, widths[column] * charWidth);
    columns->setSectionResizeMode(IncidentsModel::HostsColumn, QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createFilterBar());
    layout->addWidget(view_, 1);

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    const auto shownChanged = [this] {
        updateCountLabel();
        Q_EMIT shownIncidentsChanged();
    };
    connect(proxy_, &QAbstractItemModel::layoutChanged, this, shownChanged);
    connect(proxy_, &QAbstractItemModel::modelReset, this, shownChanged);
    connect(proxy_, &QAbstractItemModel::rowsInserted, this, shownChanged);
    connect(proxy_, &QAbstractItemModel::rowsRemoved, this, shownChanged);
    updateCountLabel();
}

QWidget* IncidentsPanel::createFilterBar()
{
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(2, 2, 2, 2);

    textEdit_ = new QLineEdit(bar);
    textEdit_->setObjectName(QStringLiteral("incidentsTextFilter"));
    textEdit_->setClearButtonEnabled(true);
    textEdit_->setPlaceholderText(tr("Filter cause, host, URL…"));
    textEdit_->setToolTip(tr("Show only incidents whose cause, hosts, URLs or summary contain this text"));
    connect(textEdit_, &QLineEdit::textChanged, proxy_, &IncidentsFilterModel::setTextFilter);

    causeCombo_ = new QComboBox(bar);
    causeCombo_->setObjectName(QStringLiteral("incidentsCauseFilter"));
    causeCombo_->setToolTip(tr("Show only incidents with this cause"));
    causeCombo_->addItem(tr("All causes"), -1);
    for (std::size_t cause = 0; cause < kCauseCount; ++cause) {
        const auto value = static_cast<Cause>(cause);
        causeCombo_->addItem(causeTitle(value), int(cause));
        causeCombo_->setItemData(causeCombo_->count() - 1, QString::fromLatin1(causeId(value)),
                                 Qt::ToolTipRole);
    }
    connect(causeCombo_, &QComboBox::currentIndexChanged, this, [this] {
        const int cause = causeCombo_->currentData().toInt();
        proxy_->setCauseFilter(cause < 0 ? std::nullopt : std::optional(static_cast<Cause>(cause)));
    });

    countLabel_ = new QLabel(bar);
    countLabel_->setTextFormat(Qt::PlainText);

    layout->addWidget(textEdit_, 1);
    layout->addWidget(causeCombo_);
    layout->addWidget(countLabel_);
    return bar;
}

void IncidentsPanel::setAnalysis(std::shared_ptr<const AnalysisResult> analysis)
{
    const int previous = selectedIncident();
    model_->setAnalysis(std::move(analysis));
    fitColumns();
    updateCountLabel();
    if (previous >= 0)
        selectIncident(previous);
}

void IncidentsPanel::setServerNames(const QStringList& names)
{
    model_->setServerNames(names);
    view_->setColumnHidden(IncidentsModel::ServerColumn, names.size() <= 1);
    fitColumns();
}

void IncidentsPanel::setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter)
{
    model_->setTimeFormatter(std::move(formatter));
    fitColumns();
}

void IncidentsPanel::fitColumns()
{
    // Few rows: fitting the shown ones is cheap, and fixed widths either elide the start time and
    // the cause or leave the hosts (the stretching column) no room at all.
    const int widest = 34 * fontMetrics().averageCharWidth();
    for (int column = 0; column < IncidentsModel::ColumnCount; ++column) {
        if (column == IncidentsModel::HostsColumn)
            continue;
        view_->resizeColumnToContents(column);
        view_->setColumnWidth(column, std::min(view_->columnWidth(column), widest));
    }
}

void IncidentsPanel::selectIncident(int id)
{
    const int sourceRow = model_->rowOf(id);
    const QModelIndex index = proxy_->mapFromSource(model_->index(sourceRow < 0 ? 0 : sourceRow, 0));
    if (sourceRow < 0 || !index.isValid())
        return;
    selecting_ = true;
    view_->selectionModel()->setCurrentIndex(index,
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->scrollTo(index);
    selecting_ = false;
}

int IncidentsPanel::selectedIncident() const
{
    const QModelIndex current = view_->selectionModel()->currentIndex();
    if (!current.isValid() || !view_->selectionModel()->isRowSelected(current.row(), {}))
        return -1;
    return current.data(IncidentsModel::IncidentIdRole).toInt();
}

QList<int> IncidentsPanel::shownIncidents() const
{
    QList<int> ids;
    for (int row = 0; row < proxy_->rowCount(); ++row)
        ids << proxy_->index(row, 0).data(IncidentsModel::IncidentIdRole).toInt();
    return ids;
}

void IncidentsPanel::onCurrentChanged(const QModelIndex& current)
{
    if (selecting_ || !current.isValid())
        return;
    Q_EMIT incidentSelected(current.data(IncidentsModel::IncidentIdRole).toInt());
}

void IncidentsPanel::updateCountLabel()
{
    const int total = model_->rowCount();
    const int shown = proxy_->rowCount();
    // No English plural forms are shipped, so "(s)" would show: the two forms are spelled out.
    const QString incidents = total == 1 ? tr("1 incident") : tr("%1 incidents").arg(total);
    countLabel_->setText(shown == total ? incidents : tr("%1 of %2").arg(shown).arg(incidents));
}

} // namespace gd
