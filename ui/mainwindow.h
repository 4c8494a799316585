#pragma once

#include <QMainWindow>

namespace gd {

/// The workbench window. It only composes panels; each panel owns its own logic.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace gd
