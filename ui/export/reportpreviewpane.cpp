#include "export/reportpreviewpane.h"

#include <QEvent>

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>

namespace gd {

namespace {

constexpr int kThumbnailWidth = 220;
constexpr double kTallestPage = 297.0 / 210.0; // A4; Letter is wider for its height
constexpr int kSpacing = 14;

/// The thumbnail with a thin edge, so white paper stands out from the background in any palette.
QPixmap framed(const QImage& thumbnail)
{
    QImage image = thumbnail.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const qreal ratio = image.devicePixelRatio();
    image.setDevicePixelRatio(1.0); // the edge is one device pixel
    QPainter painter(&image);
    painter.setPen(QColor(0, 0, 0, 90));
    painter.drawRect(image.rect().adjusted(0, 0, -1, -1));
    painter.end();
    image.setDevicePixelRatio(ratio);
    return QPixmap::fromImage(image);
}

/// A page not drawn yet: blank paper where it will be.
QPixmap blankPage()
{
    QImage page(kThumbnailWidth, static_cast<int>(kThumbnailWidth * kTallestPage), QImage::Format_RGB32);
    page.fill(Qt::white);
    return framed(page);
}

} // namespace

ReportPreviewPane::ReportPreviewPane(QWidget* parent)
    : QWidget(parent)
    , pageCount_(new QLabel(this))
    , updating_(new QLabel(tr("Updating…"), this))
    , pages_(new QListWidget(this))
{
    pageCount_->setObjectName(QStringLiteral("reportPageCount"));
    updating_->setObjectName(QStringLiteral("reportPreviewUpdating"));
    pages_->setObjectName(QStringLiteral("reportPages"));
    updating_->setEnabled(false); // greyed: a passing state, not a message
    updating_->hide();

    const QSize icon(kThumbnailWidth, static_cast<int>(kThumbnailWidth * kTallestPage));
    pages_->setViewMode(QListView::IconMode);
    pages_->setIconSize(icon);
    pages_->setGridSize(icon + QSize(kSpacing * 2, kSpacing + pages_->fontMetrics().height() * 2));
    pages_->setMovement(QListView::Static);
    pages_->setResizeMode(QListView::Adjust);
    pages_->setSelectionMode(QAbstractItemView::NoSelection);
    pages_->setFocusPolicy(Qt::NoFocus);
    pages_->setMinimumWidth(icon.width() + kSpacing * 4);
    applyPaperBackground();

    auto* header = new QHBoxLayout;
    header->addWidget(pageCount_);
    header->addStretch();
    header->addWidget(updating_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(pages_);
}

int ReportPreviewPane::thumbnailWidth() const
{
    return kThumbnailWidth;
}

int ReportPreviewPane::pageCount() const
{
    return static_cast<int>(images_.size());
}

void ReportPreviewPane::setPageCount(int count)
{
    pageCount_->setText(count == 1 ? tr("1 page") : tr("%1 pages").arg(count));
    while (pages_->count() > count)
        delete pages_->takeItem(pages_->count() - 1);
    images_.resize(count);
    for (int index = pages_->count(); index < count; ++index) {
        auto* item = new QListWidgetItem(tr("Page %1").arg(index + 1), pages_);
        item->setFlags(Qt::ItemIsEnabled);
        item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
        item->setIcon(QIcon(blankPage()));
    }
}

void ReportPreviewPane::setPage(int index, const QImage& thumbnail)
{
    if (index < 0 || index >= pages_->count())
        return;
    images_[index] = thumbnail;
    pages_->item(index)->setIcon(QIcon(framed(thumbnail)));
}

void ReportPreviewPane::setUpdating(bool updating)
{
    updating_->setVisible(updating);
}

void ReportPreviewPane::showMessage(const QString& text)
{
    pages_->clear();
    images_.clear();
    pageCount_->setText(text);
}

void ReportPreviewPane::applyPaperBackground()
{
    // Paper on grey, as document viewers show it: a shade of the window's own colour, light or dark.
    QPalette paper = palette();
    paper.setColor(QPalette::Base, paper.color(QPalette::Window).darker(130));
    pages_->setPalette(paper);
}

void ReportPreviewPane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPaperBackground(); // the desktop switched between light and dark
}

} // namespace gd
