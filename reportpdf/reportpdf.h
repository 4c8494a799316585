#pragma once

#include "report/clientreport.h"

#include <QImage>
#include <QString>
#include <memory>

class QPainter;

namespace gd {

/// A client report laid out on pages (A4 or Letter, from the report's options). Built on QtGui only
/// (QTextDocument and QPainter, no widgets): usable headless on the offscreen platform and from a worker
/// thread. Every text from the logs goes in as plain text, never as markup, and the document loads no
/// resource it was not given.
class ReportPages {
public:
    explicit ReportPages(const ClientReport& report);
    ~ReportPages();
    ReportPages(const ReportPages&) = delete;
    ReportPages& operator=(const ReportPages&) = delete;

    int pageCount() const;
    /// Draws page `index` (0-based) on a painter whose device is one page (PDF writer or image).
    void paintPage(QPainter& painter, int index) const;
    /// One page as an image at `dpi` (the preview), white paper.
    QImage pageImage(int index, int dpi) const;
    /// Writes the PDF to `path` atomically, with title and author metadata; false and `*error` on failure
    /// (an existing file is then left as it was).
    bool writePdf(const QString& path, QString* error) const;

private:
    struct Layout;
    std::unique_ptr<Layout> layout_;
};

} // namespace gd
