#pragma once

#include "diagnose/analyzer.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace gd {

/// The incidents of one analysis as a table: one row per incident, in the analysis' order.
class IncidentsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        CauseColumn,
        StartColumn,
        DurationColumn,
        Bad502Column,
        Timeout504Column,
        HostsColumn,
        ConfidenceColumn,
        ServerColumn, ///< shown when the import has several servers
        ColumnCount
    };
    enum Role {
        IncidentIdRole = Qt::UserRole + 1, ///< int: Incident::id
        CauseIdRole,                       ///< QString: the stable cause id ("page-crash")
        CauseRole,                         ///< int: the Cause enum value
        SortRole,                          ///< numbers as numbers, times as UTC ms
        SearchTextRole                     ///< everything the text filter matches
    };

    explicit IncidentsModel(QObject* parent = nullptr);

    void setAnalysis(std::shared_ptr<const AnalysisResult> analysis);
    /// Names of the import's servers (Incident::server indexes them).
    void setServerNames(QStringList names);
    const QStringList& serverNames() const { return serverNames_; }
    std::shared_ptr<const AnalysisResult> analysis() const { return analysis_; }
    /// How start times are written (owned by the window's time display).
    void setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter);

    const Incident* incident(int row) const;
    /// The row of the incident with `id`, or -1.
    int rowOf(int id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Incident& incident, int column) const;
    QVariant sortValue(const Incident& incident, int column) const;
    QString toolTip(const Incident& incident, int column) const;

    std::shared_ptr<const AnalysisResult> analysis_;
    std::function<QString(std::int64_t)> formatTime_;
    QStringList serverNames_;
};

/// Sorting by IncidentsModel::SortRole, filtering by cause and by free text (case-insensitive,
/// over cause, hosts, URLs and summary).
class IncidentsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit IncidentsFilterModel(QObject* parent = nullptr);

    void setCauseFilter(std::optional<Cause> cause);
    std::optional<Cause> causeFilter() const { return cause_; }
    void setTextFilter(const QString& text);
    QString textFilter() const { return text_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<Cause> cause_;
    QString text_;
};

} // namespace gd
