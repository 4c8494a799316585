#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QToolBar;
class QWidget;

namespace gd {

/// Next/Previous incident and Next/Previous evidence as actions with shortcuts, enabled only when
/// there is somewhere to go. Knows positions only; the owner moves the selection on the requests.
/// Shortcuts: Ctrl+. / Ctrl+, step incidents; F8 / Shift+F8 step evidence (Alt+Down would steal
/// QComboBox's "open the list" key, which the filter bars use).
class IncidentNavigator : public QObject {
    Q_OBJECT
public:
    /// The actions are added to `window` so their shortcuts work everywhere in it.
    explicit IncidentNavigator(QWidget* window);

    /// The incidents in the order they are stepped through (the table's order).
    void setIncidents(const QList<int>& ids);
    /// The selected incident (-1: none; Next goes to the first).
    void setCurrentIncident(int id);
    /// The shown incident's number of evidence lines and the selected one (-1: none).
    void setEvidence(int count, int current);

    int currentIncident() const { return current_; }

    QAction* nextIncident() const { return nextIncident_; }
    QAction* previousIncident() const { return previousIncident_; }
    QAction* nextEvidence() const { return nextEvidence_; }
    QAction* previousEvidence() const { return previousEvidence_; }

    void addToMenu(QMenu* menu) const;
    void addToToolBar(QToolBar* toolBar) const;

Q_SIGNALS:
    void incidentRequested(int id);
    void evidenceRequested(int row);

private:
    QAction* makeAction(QWidget* window, const QString& text, const QKeySequence& shortcut,
                        const QString& toolTip);
    void stepIncident(int delta);
    void stepEvidence(int delta);
    void updateActions();

    QAction* nextIncident_;
    QAction* previousIncident_;
    QAction* nextEvidence_;
    QAction* previousEvidence_;
    QList<int> incidents_;
    int current_ = -1;
    int evidenceCount_ = 0;
    int evidenceCurrent_ = -1;
};

} // namespace gd
