#pragma once

#include <QWidget>

class QAction;

namespace gd {

/// What an empty workbench shows: how to open logs.
class WelcomePanel : public QWidget {
    Q_OBJECT
public:
    WelcomePanel(const QList<QAction*>& openActions, QWidget* parent = nullptr);
};

} // namespace gd
