#include "shell/welcomepanel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace gd {

WelcomePanel::WelcomePanel(const QList<QAction*>& openActions, QWidget* parent)
    : QWidget(parent)
{
    auto* title = new QLabel(tr("Drop log files, folders or bundle archives here"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    auto* hint = new QLabel(tr("nginx, PHP-FPM, PHP, syslog and BOA logs; .tar.gz, .zip and .gz are read "
                               "without unpacking. Nothing is written next to your files."),
                            this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    for (QAction* action : openActions) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(button);
    }
    buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch();
}

} // namespace gd
