#pragma once

#include "report/clientreport.h"

#include <QObject>
#include <QTextObjectInterface>
#include <vector>

namespace gd {

/// Draws a ReportChart inside a QTextDocument as vectors (bars, bands, axes), so the PDF's charts are
/// drawn from the same data as the workbench chart, not pasted as pictures. A chart is an inline object
/// whose format carries the chart's index and size.
class ReportChartObject : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    static constexpr int kType = QTextFormat::UserObject + 1;
    enum Property { ChartIndex = QTextFormat::UserProperty + 1, ChartWidth, ChartHeight };

    /// `charts` must outlive the document; `formatTime` shows an instant on the axis.
    ReportChartObject(const std::vector<const ReportChart*>& charts, const ClientReport& report,
                      QObject* parent = nullptr);

    QSizeF intrinsicSize(QTextDocument* document, int positionInDocument, const QTextFormat& format) override;
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* document, int positionInDocument,
                    const QTextFormat& format) override;

    /// The colours of the series, light paper.
    static QColor seriesColor(int series);

private:
    std::vector<const ReportChart*> charts_;
    const ClientReport& report_;
};

} // namespace gd
