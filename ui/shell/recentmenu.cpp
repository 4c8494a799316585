#include "shell/recentmenu.h"

#include <QFileInfo>

namespace gd {

RecentMenu::RecentMenu(QWidget* parent)
    : QMenu(tr("Open &Recent"), parent)
{
    setToolTipsVisible(true);
    setEntries({});
}

void RecentMenu::setEntries(const QStringList& paths)
{
    clear();
    for (int i = 0; i < paths.size(); ++i) {
        const QString& path = paths[i];
        // Digits 1..9 and 0 as accelerators, as most editors do.
        const QString prefix = i < 10 ? QStringLiteral("&%1 ").arg((i + 1) % 10) : QString();
        QString name = QFileInfo(path).fileName();
        if (name.isEmpty())
            name = path;
        QAction* action = addAction(prefix + name.replace(u'&', QStringLiteral("&&")));
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (!paths.isEmpty())
        addSeparator();
    QAction* clearAction = addAction(tr("&Clear Menu"));
    clearAction->setEnabled(!paths.isEmpty());
    connect(clearAction, &QAction::triggered, this, &RecentMenu::clearRequested);
    setEnabled(!paths.isEmpty());
}

} // namespace gd
