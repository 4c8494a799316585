#include "shell/messagearea.h"

#include <QApplication>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace gd {

MessageArea::MessageArea(QWidget* parent)
    : QWidget(parent)
    , header_(new QToolButton(this))
    , list_(new QListWidget(this))
{
    header_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    header_->setAutoRaise(true);
    header_->setCheckable(true);
    header_->setToolTip(tr("Show or hide what the import had to say about the files"));
    header_->setObjectName(QStringLiteral("messagesHeader"));
    list_->setObjectName(QStringLiteral("messagesList"));
    list_->setUniformItemSizes(true);
    list_->setWordWrap(false);
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(header_, &QToolButton::toggled, this, &MessageArea::setExpanded);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header_);
    layout->addWidget(list_);
    setExpanded(false);
    hide();
}

void MessageArea::setDiagnostics(const std::vector<Diagnostic>& diagnostics)
{
    list_->clear();
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    QStyle* style = QApplication::style();
    const QIcon errorIcon = style->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style->standardIcon(QStyle::SP_MessageBoxWarning);
    const QIcon infoIcon = style->standardIcon(QStyle::SP_MessageBoxInformation);
    int listed = 0;
    for (const Diagnostic& diagnostic : diagnostics) {
        const QIcon* icon = &infoIcon;
        switch (diagnostic.severity) {
        case Diagnostic::Severity::Error:
            ++errors;
            icon = &errorIcon;
            break;
        case Diagnostic::Severity::Warning:
            ++warnings;
            icon = &warningIcon;
            break;
        case Diagnostic::Severity::Info:
            ++infos;
            break;
        }
        if (listed++ < kMaxListed) {
            auto* item = new QListWidgetItem(*icon, diagnostic.toText(), list_);
            item->setToolTip(diagnostic.toText());
        }
    }
    if (listed > kMaxListed)
        new QListWidgetItem(tr("… and %n more", nullptr, listed - kMaxListed), list_);

    QStringList parts;
    if (errors > 0)
        parts << (errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
    if (warnings > 0)
        parts << (warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
    if (infos > 0)
        parts << (infos == 1 ? tr("1 note") : tr("%1 notes").arg(infos));
    header_->setText(tr("Import messages: %1").arg(parts.join(QStringLiteral(", "))));
    setVisible(!diagnostics.empty());
}

void MessageArea::setExpanded(bool expanded)
{
    header_->setChecked(expanded);
    header_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    list_->setVisible(expanded);
}

bool MessageArea::isExpanded() const
{
    return header_->isChecked();
}

int MessageArea::messageCount() const
{
    return list_->count();
}

QString MessageArea::headerText() const
{
    return header_->text();
}

} // namespace gd
