#pragma once

#include "diagnose/analyzer.h"

#include <QWidget>
#include <cstdint>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;

namespace gd {

class IncidentsFilterModel;
class IncidentsModel;

/// The incidents table with a text filter and a cause filter. Selecting a row emits incidentSelected().
class IncidentsPanel : public QWidget {
    Q_OBJECT
public:
    explicit IncidentsPanel(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const AnalysisResult> analysis);
    /// The import's server names; the server column shows only when there are several.
    void setServerNames(const QStringList& names);
    void setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter);

    /// Selects the row of incident `id` (when shown) without emitting incidentSelected().
    void selectIncident(int id);
    /// The selected incident's id, or -1.
    int selectedIncident() const;
    /// Ids of the shown rows, in the table's order (sorted and filtered): what Next/Previous step through.
    QList<int> shownIncidents() const;

    IncidentsModel* model() const { return model_; }
    IncidentsFilterModel* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }

Q_SIGNALS:
    void incidentSelected(int id);
    /// The shown rows or their order changed.
    void shownIncidentsChanged();

private:
    QWidget* createFilterBar();
    void onCurrentChanged(const QModelIndex& current);
    void updateCountLabel();
    void fitColumns();

    IncidentsModel* model_;
    IncidentsFilterModel* proxy_;
    QTableView* view_;
    QLineEdit* textEdit_ = nullptr;
    QComboBox* causeCombo_ = nullptr;
    QLabel* countLabel_ = nullptr;
    bool selecting_ = false;
};

} // namespace gd
