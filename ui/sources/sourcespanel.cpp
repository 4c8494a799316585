#include "sources/sourcespanel.h"

#include "import/importresult.h"
#include "shell/messagearea.h"
#include "sources/sourcesmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace gd {

SourcesPanel::SourcesPanel(QWidget* parent)
    : QWidget(parent)
    , model_(new SourcesModel(this))
    , zone_(new QLabel(this))
    , view_(new QTreeView(this))
    , messages_(new MessageArea(this))
{
    zone_->setWordWrap(true);
    zone_->setTextFormat(Qt::PlainText);
    zone_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    zone_->setObjectName(QStringLiteral("serverZone"));
    zone_->hide();

    view_->setModel(model_);
    view_->setObjectName(QStringLiteral("sourcesView"));
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(true);
    view_->header()->setStretchLastSection(true);
    view_->header()->setSectionResizeMode(QHeaderView::Interactive);
    connect(view_, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const int source = index.data(SourcesModel::SourceIndexRole).toInt();
        if (source >= 0)
            Q_EMIT sourceActivated(source);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(zone_);
    layout->addWidget(view_, 1);
    layout->addWidget(messages_);
}

void SourcesPanel::setImport(std::shared_ptr<const ImportResult> result)
{
    if (result && result->servers.size() > 1) {
        QStringList zones;
        for (const ServerInfo& server : result->servers)
            zones << tr("%1: %2").arg(server.name, server.timeZone);
        zone_->setText(tr("%n servers, each in its own time zone: %1", nullptr, int(result->servers.size()))
                           .arg(zones.join(QStringLiteral("; "))));
        zone_->setToolTip(zones.join(u'\n'));
        messages_->setDiagnostics(result->diagnostics);
    } else if (result) {
        zone_->setText(tr("Server time zone: %1")
                           .arg(result->serverTimeZoneNote.isEmpty() ? result->serverTimeZone
                                                                     : result->serverTimeZoneNote));
        messages_->setDiagnostics(result->diagnostics);
    } else {
        messages_->setDiagnostics({});
    }
    zone_->setVisible(result != nullptr);
    model_->setImport(std::move(result));
    view_->expandToDepth(2);
    for (int column = 0; column < SourcesModel::NoteColumn; ++column)
        view_->resizeColumnToContents(column);
}

void SourcesPanel::setTimeDisplay(const TimeDisplay& display)
{
    model_->setTimeDisplay(display);
    view_->resizeColumnToContents(SourcesModel::SpanColumn);
}

} // namespace gd
