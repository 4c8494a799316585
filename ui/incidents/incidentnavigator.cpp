#include "incidents/incidentnavigator.h"

#include <QAction>
#include <QMenu>
#include <QStyle>
#include <QToolBar>
#include <QWidget>

namespace gd {

IncidentNavigator::IncidentNavigator(QWidget* window)
    : QObject(window)
{
    previousIncident_ = makeAction(window, tr("&Previous Incident"), QKeySequence(Qt::CTRL | Qt::Key_Comma),
                                   tr("Select the previous incident in the table"));
    nextIncident_ = makeAction(window, tr("&Next Incident"), QKeySequence(Qt::CTRL | Qt::Key_Period),
                               tr("Select the next incident in the table"));
    previousEvidence_ = makeAction(window, tr("P&revious Evidence"), QKeySequence(Qt::SHIFT | Qt::Key_F8),
                                   tr("Show the previous evidence line of the incident in the log viewer"));
    nextEvidence_ = makeAction(window, tr("Next &Evidence"), QKeySequence(Qt::Key_F8),
                               tr("Show the next evidence line of the incident in the log viewer"));
    previousIncident_->setIcon(window->style()->standardIcon(QStyle::SP_ArrowUp));
    nextIncident_->setIcon(window->style()->standardIcon(QStyle::SP_ArrowDown));
    previousEvidence_->setIcon(window->style()->standardIcon(QStyle::SP_ArrowBack));
    nextEvidence_->setIcon(window->style()->standardIcon(QStyle::SP_ArrowForward));
    connect(nextIncident_, &QAction::triggered, this, [this] { stepIncident(1); });
    connect(previousIncident_, &QAction::triggered, this, [this] { stepIncident(-1); });
    connect(nextEvidence_, &QAction::triggered, this, [this] { stepEvidence(1); });
    connect(previousEvidence_, &QAction::triggered, this, [this] { stepEvidence(-1); });
    updateActions();
}

QAction* IncidentNavigator::makeAction(QWidget* window, const QString& text, const QKeySequence& shortcut,
                                       const QString& toolTip)
{
    auto* action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setStatusTip(toolTip);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    window->addAction(action);
    return action;
}

void IncidentNavigator::addToMenu(QMenu* menu) const
{
    menu->setToolTipsVisible(true);
    menu->addAction(previousIncident_);
    menu->addAction(nextIncident_);
    menu->addSeparator();
    menu->addAction(previousEvidence_);
    menu->addAction(nextEvidence_);
}

void IncidentNavigator::addToToolBar(QToolBar* toolBar) const
{
    toolBar->addAction(previousIncident_);
    toolBar->addAction(nextIncident_);
    toolBar->addSeparator();
    toolBar->addAction(previousEvidence_);
    toolBar->addAction(nextEvidence_);
}

void IncidentNavigator::setIncidents(const QList<int>& ids)
{
    incidents_ = ids;
    updateActions();
}

void IncidentNavigator::setCurrentIncident(int id)
{
    current_ = id;
    updateActions();
}

void IncidentNavigator::setEvidence(int count, int current)
{
    evidenceCount_ = count;
    evidenceCurrent_ = current;
    updateActions();
}

void IncidentNavigator::stepIncident(int delta)
{
    const qsizetype at = incidents_.indexOf(current_);
    qsizetype next = 0;
    if (at < 0)
        next = delta > 0 ? 0 : incidents_.size() - 1;
    else
        next = at + delta;
    if (next < 0 || next >= incidents_.size())
        return;
    Q_EMIT incidentRequested(incidents_[next]);
}

void IncidentNavigator::stepEvidence(int delta)
{
    const int next = evidenceCurrent_ < 0 ? (delta > 0 ? 0 : evidenceCount_ - 1) : evidenceCurrent_ + delta;
    if (next < 0 || next >= evidenceCount_)
        return;
    Q_EMIT evidenceRequested(next);
}

void IncidentNavigator::updateActions()
{
    const qsizetype at = incidents_.indexOf(current_);
    const bool any = !incidents_.isEmpty();
    nextIncident_->setEnabled(any && (at < 0 || at + 1 < incidents_.size()));
    previousIncident_->setEnabled(any && (at < 0 || at > 0));
    const bool anyEvidence = evidenceCount_ > 0;
    nextEvidence_->setEnabled(anyEvidence && evidenceCurrent_ + 1 < evidenceCount_);
    previousEvidence_->setEnabled(anyEvidence && (evidenceCurrent_ < 0 || evidenceCurrent_ > 0));
}

} // namespace gd
