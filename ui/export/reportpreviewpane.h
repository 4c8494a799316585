#pragma once

#include <QImage>
#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;

namespace gd {

/// The pages of a report as thumbnails side by side on grey, under a line that counts them
/// ("3 pages") and says when they are being redrawn. Shows what it is given; draws nothing itself.
class ReportPreviewPane : public QWidget {
    Q_OBJECT
public:
    explicit ReportPreviewPane(QWidget* parent = nullptr);

    /// Width of a thumbnail, device-independent pixels.
    int thumbnailWidth() const;

    /// A new layout of `count` pages: the list gets that many places; thumbnails already shown
    /// stay until their new ones arrive, so the preview does not flash empty on every change.
    void setPageCount(int count);
    void setPage(int index, const QImage& thumbnail);
    /// "Updating…" beside the page count while a new preview is being drawn.
    void setUpdating(bool updating);
    /// No report to show: the pages go and `text` says why.
    void showMessage(const QString& text);

    int pageCount() const;
    /// The thumbnails shown, in page order (null for a page not drawn yet).
    QList<QImage> pageImages() const { return images_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPaperBackground();

    QLabel* pageCount_;
    QLabel* updating_;
    QListWidget* pages_;
    QList<QImage> images_;
};

} // namespace gd
