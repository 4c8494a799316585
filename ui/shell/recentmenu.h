#pragma once

#include <QMenu>

namespace gd {

/// "Open Recent" submenu: one entry per remembered path, and "Clear Menu".
class RecentMenu : public QMenu {
    Q_OBJECT
public:
    explicit RecentMenu(QWidget* parent = nullptr);
    void setEntries(const QStringList& paths);

Q_SIGNALS:
    void openRequested(const QString& path);
    void clearRequested();
};

} // namespace gd
