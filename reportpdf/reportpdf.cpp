#include "reportpdf.h"

#include "reportchartobject.h"
#include "reportdocument.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace gd {

namespace {

constexpr double kPointsPerInch = 72.0;
constexpr double kSideMargin = 50;
constexpr double kTopMargin = 62;    // the running header sits above the body
constexpr double kBottomMargin = 58; // the page number below
constexpr int kPdfResolution = 300;

QSizeF paperPoints(ClientReportOptions::Paper paper)
{
    const QPageSize size(paper == ClientReportOptions::Paper::Letter ? QPageSize::Letter : QPageSize::A4);
    return size.size(QPageSize::Point);
}

QByteArray xmpMetadata(const QString& title, const QString& author)
{
    const auto escaped = [](const QString& text) { return text.toHtmlEscaped().toUtf8(); };
    return QByteArrayLiteral("<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                             "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                             "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                             "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">") +
           escaped(title) + QByteArrayLiteral("</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>") +
           escaped(author) +
           QByteArrayLiteral("</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
                             "<?xpacket end=\"w\"?>");
}

} // namespace

struct ReportPages::Layout {
    explicit Layout(const ClientReport& source)
        : report(source)
        , paper(paperPoints(source.options.paper))
        , pointDevice(1, 1, QImage::Format_RGB32)
    {
        // Lay out in points whatever the device: the same page breaks in the preview and the PDF.
        const int dotsPerMeter = qRound(kPointsPerInch / 0.0254);
        pointDevice.setDotsPerMeterX(dotsPerMeter);
        pointDevice.setDotsPerMeterY(dotsPerMeter);
        charts.push_back(&report.overview);
        for (const ReportChart& chart : report.incidentCharts)
            charts.push_back(&chart);
        chartObject = std::make_unique<ReportChartObject>(charts, report);
        document.documentLayout()->setPaintDevice(&pointDevice);
        document.setDocumentMargin(0);
        document.setPageSize(bodySize());
        fillReportDocument(document, report, bodySize().width(), chartObject.get());
    }

    QSizeF bodySize() const
    {
        return {paper.width() - 2 * kSideMargin, paper.height() - kTopMargin - kBottomMargin};
    }

    void paint(QPainter& painter, int index, double deviceDpi) const
    {
        painter.save();
        const double scale = deviceDpi / kPointsPerInch;
        painter.scale(scale, scale);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        const int pages = document.pageCount();

        // The painter is scaled to points; a font's point size is taken at the device's resolution again.
        QFont small = reportFont(7.5 * kPointsPerInch / deviceDpi);
        painter.setFont(small);
        painter.setPen(QColor(110, 110, 110));
        if (index > 0) {
            const QRectF header(kSideMargin, 26, paper.width() - 2 * kSideMargin, 14);
            const QString company = report.options.company;
            const QFontMetricsF metrics(reportFont(7.5), &pointDevice); // in points
            const double companyWidth = company.isEmpty() ? 0 : metrics.horizontalAdvance(company) + 12;
            painter.drawText(header.adjusted(0, 0, -companyWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(report.title, Qt::ElideRight, header.width() - companyWidth));
            painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter, company);
            painter.setPen(QPen(QColor(200, 200, 200), 0.5));
            painter.drawLine(QPointF(kSideMargin, 42), QPointF(paper.width() - kSideMargin, 42));
            painter.setPen(QColor(110, 110, 110));
        }
        const QRectF footer(kSideMargin, paper.height() - 36, paper.width() - 2 * kSideMargin, 14);
        painter.drawText(footer, Qt::AlignHCenter | Qt::AlignVCenter,
                         QStringLiteral("Page %1 of %2").arg(index + 1).arg(pages));

        const QSizeF body = bodySize();
        painter.translate(kSideMargin, kTopMargin);
        painter.setClipRect(QRectF(QPointF(0, 0), body));
        painter.translate(0, -index * body.height());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = QRectF(0, index * body.height(), body.width(), body.height());
        context.palette.setColor(QPalette::Text, Qt::black); // paper is white whatever the desktop's theme
        document.documentLayout()->draw(&painter, context);
        painter.restore();
    }

    ClientReport report; // own copy: charts and texts must outlive any caller's
    QSizeF paper;
    QImage pointDevice;
    std::vector<const ReportChart*> charts;
    std::unique_ptr<ReportChartObject> chartObject;
    SealedTextDocument document;
};

ReportPages::ReportPages(const ClientReport& report)
    : layout_(std::make_unique<Layout>(report))
{
}

ReportPages::~ReportPages() = default;

int ReportPages::pageCount() const
{
    return layout_->document.pageCount();
}

void ReportPages::paintPage(QPainter& painter, int index) const
{
    layout_->paint(painter, index, painter.device()->logicalDpiX());
}

QImage ReportPages::pageImage(int index, int dpi) const
{
    const QSizeF points = layout_->paper;
    QImage image(qRound(points.width() * dpi / kPointsPerInch),
                 qRound(points.height() * dpi / kPointsPerInch), QImage::Format_RGB32);
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(Qt::white);
    QPainter painter(&image);
    layout_->paint(painter, index, dpi);
    painter.end();
    return image;
}

bool ReportPages::writePdf(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(layout_->report.options.paper == ClientReportOptions::Paper::Letter
                                         ? QPageSize::Letter
                                         : QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(kPdfResolution);
        writer.setTitle(layout_->report.title);
        writer.setCreator(QStringLiteral("Gateway Doctor"));
        // Qt's writer has no Author entry of its own: the author goes into the XMP metadata.
        writer.setDocumentXmpMetadata(
            xmpMetadata(layout_->report.title, layout_->report.options.company.isEmpty()
                                                   ? QStringLiteral("Gateway Doctor")
                                                   : layout_->report.options.company));
        QPainter painter;
        if (!painter.begin(&writer)) {
            *error = QStringLiteral("the PDF writer could not start");
            file.cancelWriting();
            return false;
        }
        for (int page = 0; page < pageCount(); ++page) {
            if (page > 0)
                writer.newPage();
            layout_->paint(painter, page, kPdfResolution);
        }
        painter.end();
    }
    // Qt 6.4's commit() does not report a disk that refused the last buffered bytes: flush first.
    if (!file.flush()) {
        *error = file.errorString();
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace gd
