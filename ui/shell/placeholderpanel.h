#pragma once

#include <QLabel>

namespace gd {

/// Stands where a panel will go, named so the layout reads as the finished workbench will.
class PlaceholderPanel : public QLabel {
    Q_OBJECT
public:
    PlaceholderPanel(const QString& title, const QString& comingText, QWidget* parent = nullptr);
    QString title() const { return title_; }

private:
    QString title_;
};

} // namespace gd
