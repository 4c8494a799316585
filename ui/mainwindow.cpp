#include "mainwindow.h"

#include <QLabel>

namespace gd {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Gateway Doctor"));
    auto* placeholder = new QLabel(tr("Drop a log bundle here"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1200, 800);
}

} // namespace gd
