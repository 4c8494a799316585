#include "export/reportpreview.h"

#include "reportpdf.h"

#include <algorithm>
#include <cmath>

namespace gd {

namespace {

/// Drawn at twice the thumbnail's resolution and scaled down: small text stays legible.
constexpr double kOversampling = 2.0;
constexpr double kWidestPaperInches = 8.5; // Letter; A4 is 8.27
constexpr int kMinimumDpi = 24;

QImage thumbnail(const ReportPages& pages, int index, int widthPx, qreal devicePixelRatio)
{
    const int dpi =
        std::max(kMinimumDpi, static_cast<int>(std::lround(widthPx * kOversampling / kWidestPaperInches)));
    QImage image = pages.pageImage(index, dpi).scaledToWidth(widthPx, Qt::SmoothTransformation);
    image.setDevicePixelRatio(devicePixelRatio);
    return image;
}

} // namespace

ReportPreview::ReportPreview(QObject* parent)
    : QObject(parent)
    , job_(this)
{
}

ReportPreview::~ReportPreview() = default;

void ReportPreview::request(const ReportInputs& inputs, const ClientReportOptions& options, int width,
                            qreal devicePixelRatio)
{
    if (!inputs.isValid())
        return;
    running_ = true;
    const int widthPx = std::max(1, static_cast<int>(std::lround(width * devicePixelRatio)));
    job_.start([this, inputs, options, widthPx, devicePixelRatio](const LatestJob::Run& run) {
        const ReportPages pages(inputs.build(options));
        const int count = pages.pageCount();
        run.deliver([this, count] { Q_EMIT pageCountKnown(count); });
        // Page by page, so a long report shows its first pages while the rest are drawn.
        for (int index = 0; index < count && !run.isCancelled(); ++index) {
            QImage image = thumbnail(pages, index, widthPx, devicePixelRatio);
            run.deliver([this, index, image = std::move(image)] { Q_EMIT pageReady(index, image); });
        }
        run.deliver([this] {
            running_ = false;
            Q_EMIT finished();
        });
    });
}

void ReportPreview::cancel()
{
    job_.cancel();
    running_ = false;
}

} // namespace gd
