#pragma once

#include "report/clientreport.h"

#include <QTextDocument>
#include <vector>

namespace gd {

class ReportChartObject;

/// A text document that loads nothing it was not given: log text is inserted as plain text only, and
/// even so no image or style sheet can be fetched from a file or the network by name.
class SealedTextDocument : public QTextDocument {
    Q_OBJECT
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl& name) override;
};

/// The fonts of the report, the same on every machine that has them (DejaVu ships with Debian's fontconfig).
QFont reportFont(double pointSize, bool bold = false);
QFont reportMonoFont(double pointSize);

/// Fills `document` (laid out `bodyWidth` points wide) with the report: cover, summary with the chart
/// and the incidents table, one section per incident with its zoomed chart and evidence, and the
/// appendix. Charts are objects drawn by `charts` (registered on the document by this function).
/// Moves each of `blocks` (block numbers) that a page break would part to the start of the next page; the
/// document's page size must be set.
void keepTogether(QTextDocument& document, const std::vector<int>& blocks);

void fillReportDocument(QTextDocument& document, const ClientReport& report, double bodyWidth,
                        ReportChartObject* charts);

} // namespace gd
