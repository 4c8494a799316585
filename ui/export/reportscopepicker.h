#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

class QListWidget;
class QListWidgetItem;

namespace gd {

struct AnalysisResult;
struct ImportResult;

/// Which sites and incidents a client's report covers: a checkable list of the sites the analysed
/// incidents failed on, most failures first, and a checkable list of the incidents that follows it —
/// an incident none of whose sites is chosen is not listed. Everything starts chosen.
class ReportScopePicker : public QWidget {
    Q_OBJECT
public:
    explicit ReportScopePicker(QWidget* parent = nullptr);

    void setAnalysis(const ImportResult& import, const AnalysisResult& analysis);

    /// The chosen sites, in list order.
    QStringList chosenSites() const;
    bool allSitesChosen() const;
    /// The ids of the incidents listed and chosen, in list order.
    std::vector<int> chosenIncidents() const;
    /// At least one site (when there are any) and one incident are chosen.
    bool hasChoice() const;

Q_SIGNALS:
    void changed();

private:
    QWidget* createList(const QString& title, QListWidget* list);
    void setAllChecked(QListWidget* list, bool checked);
    void siteToggled(QListWidgetItem* item);
    void showIncidentsOfChosenSites();

    QListWidget* sites_;
    QListWidget* incidents_;
    bool filling_ = false; ///< true while items are (re)checked in bulk: one changed() at the end
};

} // namespace gd
