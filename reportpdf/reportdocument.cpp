#include "reportdocument.h"

#include "report/logspans.h"
#include "report/reportwords.h"
#include "reportchartobject.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QTextCursor>
#include <QTextTable>
#include <QUrl>

namespace gd {

namespace {

const QString kLogoResource = QStringLiteral("gateway-doctor-report-logo");
constexpr int kMaxEvidenceLines = 12;
constexpr int kMaxUrls = 8;

const QColor kInk(33, 33, 33);
const QColor kMutedInk(96, 96, 96);
const QColor kAccent(21, 101, 192);

QTextCharFormat textFormat(double size = 9.5, bool bold = false, const QColor& color = kInk)
{
    QTextCharFormat f;
    f.setFont(reportFont(size, bold));
    f.setForeground(color);
    return f;
}

QTextBlockFormat blockFormat(double spaceBefore = 0, double spaceAfter = 3, bool pageBreak = false)
{
    QTextBlockFormat f;
    f.setTopMargin(spaceBefore);
    f.setBottomMargin(spaceAfter);
    f.setLineHeight(115, QTextBlockFormat::ProportionalHeight);
    if (pageBreak)
        f.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    return f;
}

class Writer {
public:
    Writer(QTextDocument& document, double width)
        : cursor_(&document)
        , width_(width)
    {
        first_ = true;
    }

    void paragraph(const QString& text, const QTextCharFormat& format = textFormat(),
                   const QTextBlockFormat& block = blockFormat())
    {
        startBlock(block);
        cursor_.insertText(text, format);
    }
    void title(const QString& text, double size, bool pageBreak = false, double spaceBefore = 0)
    {
        QTextBlockFormat block = blockFormat(spaceBefore, 6, pageBreak);
        block.setLineHeight(100, QTextBlockFormat::ProportionalHeight);
        paragraph(text, textFormat(size, true, size >= 14 ? kAccent : kInk), block);
    }
    void heading(const QString& text) { paragraph(text, textFormat(10.5, true), blockFormat(8, 2)); }
    void bullet(const QString& text)
    {
        QTextBlockFormat block = blockFormat(0, 2);
        block.setIndent(0);
        block.setLeftMargin(12);
        block.setTextIndent(-8);
        paragraph(QStringLiteral("• ") + text, textFormat(), block);
    }
    void chart(int index, double height)
    {
        startBlock(blockFormat(4, 2));
        QTextCharFormat object;
        object.setObjectType(ReportChartObject::kType);
        object.setProperty(ReportChartObject::ChartIndex, index);
        object.setProperty(ReportChartObject::ChartWidth, width_);
        object.setProperty(ReportChartObject::ChartHeight, height);
        cursor_.insertText(QString(QChar::ObjectReplacementCharacter), object);
    }
    void legend()
    {
        startBlock(blockFormat(0, 6));
        const std::pair<int, QString> entries[] = {
            {ReportChart::Ok, QStringLiteral("answered")},
            {ReportChart::OtherErrors, QStringLiteral("other errors")},
            {ReportChart::Bad502, QStringLiteral("502 Bad Gateway")},
            {ReportChart::Timeout504, QStringLiteral("504 Gateway Timeout")}};
        for (const auto& [series, label] : entries) {
            cursor_.insertText(QStringLiteral("■ "),
                               textFormat(8, false, ReportChartObject::seriesColor(series)));
            cursor_.insertText(label + QStringLiteral("    "), textFormat(8, false, kMutedInk));
        }
        cursor_.insertText(QStringLiteral("▮ incident"), textFormat(8, false, QColor(230, 150, 40)));
    }
    /// A table with a header row; every cell is plain text.
    void table(const QStringList& header, const std::vector<QStringList>& rows,
               const std::vector<double>& widths)
    {
        startBlock(blockFormat(2, 2));
        QTextTableFormat format;
        format.setBorder(0.5);
        format.setBorderBrush(QColor(190, 190, 190));
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setCellPadding(2.5);
        format.setCellSpacing(0);
        format.setHeaderRowCount(1);
        format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        QList<QTextLength> constraints;
        for (const double w : widths)
            constraints << QTextLength(QTextLength::PercentageLength, w);
        format.setColumnWidthConstraints(constraints);
        QTextTable* table = cursor_.insertTable(int(rows.size()) + 1, int(header.size()), format);
        for (int c = 0; c < header.size(); ++c) {
            QTextTableCell cell = table->cellAt(0, c);
            QTextCharFormat background = cell.format();
            background.setBackground(QColor(235, 240, 246));
            cell.setFormat(background);
            cell.firstCursorPosition().insertText(header[c], textFormat(8, true));
        }
        for (std::size_t r = 0; r < rows.size(); ++r) {
            for (int c = 0; c < rows[r].size() && c < header.size(); ++c)
                table->cellAt(int(r) + 1, c).firstCursorPosition().insertText(rows[r][c], textFormat(8));
        }
        cursor_.movePosition(QTextCursor::End);
    }
    void evidence(const ReportEvidence& line)
    {
        // One block per line, its caption (file, line number, role) on top; keepTogether() moves a block that
        // a page break would part to the next page.
        QTextBlockFormat block = blockFormat(3, 2);
        block.setBackground(QColor(246, 246, 246));
        block.setLeftMargin(6);
        block.setLineHeight(105, QTextBlockFormat::ProportionalHeight);
        startBlock(block);
        keep_.push_back(cursor_.block().blockNumber());
        cursor_.insertText(QStringLiteral("%1:%2 — %3").arg(line.source).arg(line.line).arg(line.role),
                           textFormat(7, false, kMutedInk));
        cursor_.insertText(QString(QChar::LineSeparator), textFormat(7, false, kMutedInk));
        QTextCharFormat base;
        base.setFont(reportMonoFont(7.5));
        base.setForeground(kInk);
        const QString text = line.text.isEmpty() ? QStringLiteral("(line text not available)") : line.text;
        // Plain text, coloured by the log viewer's rules; later spans paint over earlier ones. Styles are
        // resolved per character first and inserted as runs: one format per run, not per character.
        constexpr int kPlain = -1;
        std::vector<int> styles(std::size_t(text.size()), kPlain);
        for (const LogSpan& span : logLineSpans(text, line.kind)) {
            for (qsizetype k = span.start; k < span.start + span.length && k < text.size(); ++k)
                styles[std::size_t(k)] = int(span.style);
        }
        qsizetype runStart = 0;
        for (qsizetype k = 1; k <= text.size(); ++k) {
            if (k < text.size() && styles[std::size_t(k)] == styles[std::size_t(runStart)])
                continue;
            QTextCharFormat format = base;
            if (styles[std::size_t(runStart)] != kPlain)
                styleChar(format, static_cast<LogStyle>(styles[std::size_t(runStart)]));
            cursor_.insertText(text.mid(runStart, k - runStart), format);
            runStart = k;
        }
    }
    void image(const QString& name, double height)
    {
        startBlock(blockFormat(0, 10));
        QTextImageFormat f;
        f.setName(name);
        f.setHeight(height);
        cursor_.insertImage(f);
    }

private:
    void startBlock(const QTextBlockFormat& block)
    {
        if (first_) {
            cursor_.setBlockFormat(block);
            first_ = false;
        } else {
            cursor_.insertBlock(block);
        }
    }
    static void styleChar(QTextCharFormat& f, LogStyle style)
    {
        switch (style) {
        case LogStyle::Time:
            f.setForeground(QColor(0, 70, 165));
            break;
        case LogStyle::Error:
            f.setForeground(QColor(185, 0, 0));
            break;
        case LogStyle::ErrorStrong:
        case LogStyle::StatusError:
            f.setForeground(QColor(185, 0, 0));
            f.setFontWeight(QFont::DemiBold);
            break;
        case LogStyle::StatusFailure:
            f.setForeground(QColor(185, 0, 0));
            f.setFontWeight(QFont::Bold);
            f.setFontUnderline(true);
            break;
        case LogStyle::Warning:
            f.setForeground(QColor(155, 85, 0));
            break;
        case LogStyle::Muted:
            f.setForeground(kMutedInk);
            break;
        case LogStyle::String:
            f.setForeground(QColor(0, 110, 0));
            break;
        case LogStyle::Number:
            f.setForeground(QColor(115, 40, 160));
            break;
        case LogStyle::Identity:
            f.setForeground(QColor(0, 110, 120));
            break;
        }
    }

public:
    std::vector<int> keep_; ///< blocks a page break must not part

private:
    QTextCursor cursor_;
    double width_;
    bool first_ = true;
};

QString durationWords(std::int64_t ms)
{
    const std::int64_t seconds = (ms + 500) / 1000;
    if (seconds < 1)
        return QStringLiteral("a moment");
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg(seconds / 60 % 60);
}

QString incidentSentence(const ClientReport& report, const IncidentReport& incident)
{
    const QString when =
        hasTime(incident.startMs)
            ? QStringLiteral("On %1 (server time)").arg(report.serverTime(incident.startMs).left(16))
            : QStringLiteral("At a time the lines do not show");
    const std::uint32_t failed = incident.count502 + incident.count504;
    const QString what = failed > 0
                             ? QStringLiteral("%1 request%2 failed over %3")
                                   .arg(failed)
                                   .arg(failed == 1 ? QString() : QStringLiteral("s"))
                                   .arg(durationWords(incident.endMs - incident.startMs))
                             : QStringLiteral("the PHP-FPM logs show trouble that makes the site fail");
    return QStringLiteral("#%1 — %2, %3: %4 (%5).")
        .arg(incident.id)
        .arg(when, what, incident.causeTitle.toLower(), reportwords::confidenceWords(incident.confidence));
}

void writeCover(Writer& w, const ClientReport& report, QTextDocument& document)
{
    if (!report.options.logoPath.isEmpty()) {
        const QImage logo(report.options.logoPath);
        if (!logo.isNull()) {
            document.addResource(QTextDocument::ImageResource, QUrl(kLogoResource), logo);
            w.image(kLogoResource, 40);
        }
    }
    w.title(report.title, 20, false, 30);
    w.paragraph(report.sites.isEmpty() ? QStringLiteral("All sites in the logs")
                                       : QStringLiteral("Sites: ") + report.sites.join(QStringLiteral(", ")),
                textFormat(11), blockFormat(4, 4));
    if (report.periodToMs > 0)
        w.paragraph(QStringLiteral("Period analysed: %1 to %2 (%3), that is %4 to %5")
                        .arg(report.serverTime(report.periodFromMs), report.serverTime(report.periodToMs),
                             report.serverTimeZone, report.utcTime(report.periodFromMs),
                             report.utcTime(report.periodToMs)),
                    textFormat(9.5, false, kMutedInk), blockFormat(0, 14));
    w.heading(QStringLiteral("In short"));
    if (report.incidents.empty())
        w.paragraph(reportwords::noIncidents() + u'.');
    for (const IncidentReport& incident : report.incidents)
        w.bullet(incidentSentence(report, incident));
    w.paragraph(QStringLiteral("%1 requests of these sites in the logs, %2 answered with 502 or 504.")
                    .arg(report.requests)
                    .arg(report.failures),
                textFormat(9.5, false, kMutedInk), blockFormat(10, 2));
    const QString date = report.serverTime(report.preparedMs).left(10);
    const QString preparedBy =
        report.options.company.isEmpty()
            ? QStringLiteral("Prepared on %1 with Gateway Doctor.").arg(date)
            : QStringLiteral("Prepared by %1 on %2 with Gateway Doctor.").arg(report.options.company, date);
    w.paragraph(preparedBy, textFormat(9.5, false, kMutedInk), blockFormat(24, 2));
}

void writeSummary(Writer& w, const ClientReport& report)
{
    w.title(QStringLiteral("Summary"), 15, true);
    w.paragraph(QStringLiteral("Requests per interval over the period analysed, by answer; incidents are the "
                               "shaded bands, numbered as below."),
                textFormat(9, false, kMutedInk));
    w.chart(0, 170);
    w.legend();
    std::vector<QStringList> rows;
    for (const IncidentReport& incident : report.incidents) {
        rows.push_back(
            {QStringLiteral("#%1").arg(incident.id),
             hasTime(incident.startMs) ? report.serverTime(incident.startMs).left(16)
                                       : reportwords::timeUnknown(),
             hasTime(incident.startMs) ? durationWords(incident.endMs - incident.startMs) : QString(),
             QString::number(incident.count502 + incident.count504), incident.causeTitle,
             reportwords::confidenceWords(incident.confidence)});
    }
    w.heading(QStringLiteral("Incidents"));
    w.table({QStringLiteral("#"), QStringLiteral("When (server time)"), QStringLiteral("How long"),
             QStringLiteral("Failed requests"), QStringLiteral("Cause"), QStringLiteral("Confidence")},
            rows, {6, 22, 14, 14, 28, 16});
}

void writeIncident(Writer& w, const ClientReport& report, const IncidentReport& incident, int chartIndex)
{
    w.title(QStringLiteral("#%1 %2 — %3")
                .arg(incident.id)
                .arg(incident.causeTitle, reportwords::confidenceWords(incident.confidence)),
            14, true);
    w.paragraph(
        hasTime(incident.startMs)
            ? reportwords::timeSpan(report.serverTime(incident.startMs), report.serverTime(incident.endMs)) +
                  QStringLiteral(" (%1; %2 to %3)")
                      .arg(report.serverTimeZone, report.utcTime(incident.startMs),
                           report.utcTime(incident.endMs))
            : reportwords::timeUnknown(),
        textFormat(9, false, kMutedInk));
    if (!incident.hosts.isEmpty())
        w.paragraph(QStringLiteral("Sites: ") + incident.hosts.join(QStringLiteral(", ")),
                    textFormat(9, false, kMutedInk));
    w.heading(reportwords::heading(ReportPart::WhatHappened));
    w.paragraph(incident.summary);
    w.paragraph(incident.causeExplanation);
    w.heading(reportwords::heading(ReportPart::Why));
    w.paragraph(incident.reasoning);
    if (!incident.alternatives.empty()) {
        QStringList others;
        for (const ReportAlternative& alternative : incident.alternatives)
            others << QStringLiteral("%1 (%2)").arg(alternative.causeTitle.toLower(),
                                                    reportwords::confidenceWords(alternative.confidence));
        w.paragraph(reportwords::heading(ReportPart::Alternatives) + QStringLiteral(": ") +
                        others.join(QStringLiteral(", ")) + u'.',
                    textFormat(9, false, kMutedInk));
    }
    w.heading(reportwords::heading(ReportPart::Advice));
    w.paragraph(incident.advice);
    if (!incident.staffNote.isEmpty()) {
        w.heading(reportwords::heading(ReportPart::StaffNote));
        w.paragraph(incident.staffNote);
    }
    if (chartIndex >= 0) {
        w.heading(QStringLiteral("Around the incident"));
        w.chart(chartIndex, 120);
        w.legend();
    }
    if (!incident.urls.empty()) {
        w.heading(reportwords::heading(ReportPart::Urls));
        for (std::size_t k = 0; k < incident.urls.size() && k < std::size_t(kMaxUrls); ++k)
            w.bullet(reportwords::failingUrl(incident.urls[k]));
        if (incident.urls.size() > std::size_t(kMaxUrls))
            w.paragraph(reportwords::andMore(int(incident.urls.size()) - kMaxUrls));
    }
    if (!incident.evidence.empty()) {
        w.heading(reportwords::heading(ReportPart::Evidence));
        for (std::size_t k = 0; k < incident.evidence.size() && k < std::size_t(kMaxEvidenceLines); ++k)
            w.evidence(incident.evidence[k]);
        if (incident.evidence.size() > std::size_t(kMaxEvidenceLines))
            w.paragraph(reportwords::andMore(int(incident.evidence.size()) - kMaxEvidenceLines),
                        textFormat(8, false, kMutedInk));
    }
    if (!incident.limits.isEmpty()) {
        w.heading(reportwords::heading(ReportPart::Limits));
        for (const QString& limit : incident.limits)
            w.bullet(limit);
    }
}

void writeAppendix(Writer& w, const ClientReport& report)
{
    w.title(QStringLiteral("Appendix: what was analysed"), 14, true);
    w.heading(QStringLiteral("Time zone"));
    w.paragraph(QStringLiteral("Times are shown in the server's zone, %1 (%2); UTC is given beside them.")
                    .arg(report.serverTimeZone, report.serverTimeZoneNote.isEmpty()
                                                    ? QStringLiteral("as read")
                                                    : report.serverTimeZoneNote));
    w.heading(QStringLiteral("Logs read"));
    std::vector<QStringList> rows;
    for (const ReportSource& source : report.sources) {
        rows.push_back({source.path, source.kind,
                        hasTime(source.firstMs) && source.lastMs > 0
                            ? report.serverTime(source.firstMs).left(16) + QStringLiteral(" – ") +
                                  report.serverTime(source.lastMs).left(16)
                            : QStringLiteral("no dated lines"),
                        QString::number(source.lines), QString::number(source.skipped)});
    }
    w.table({QStringLiteral("File"), QStringLiteral("Kind"), QStringLiteral("Time span (server time)"),
             QStringLiteral("Lines"), QStringLiteral("Skipped")},
            rows, {42, 12, 28, 9, 9});
    if (!report.limits.isEmpty()) {
        w.heading(reportwords::heading(ReportPart::Limits));
        for (const QString& limit : report.limits)
            w.bullet(limit);
    }
    w.heading(QStringLiteral("Privacy"));
    QStringList privacy;
    if (!report.options.hosts.isEmpty())
        privacy << QStringLiteral(
            "Only the sites named on the cover are covered; lines about other sites are "
            "left out.");
    if (report.options.redactIps)
        privacy << QStringLiteral(
                       "Visitor addresses are replaced by pseudonyms (%1 addresses): the same address "
                       "always has the same pseudonym.")
                       .arg(report.maskedAddresses);
    if (report.options.maskTokens)
        privacy << QStringLiteral("Session ids and tokens in addresses are masked (%1 found).")
                       .arg(report.maskedTokens);
    if (privacy.isEmpty())
        privacy << QStringLiteral("Log lines are quoted as the server wrote them.");
    for (const QString& line : privacy)
        w.bullet(line);
}

} // namespace

QVariant SealedTextDocument::loadResource(int, const QUrl&)
{
    return {}; // resources are added by the writer (the logo); nothing is fetched by name
}

QFont reportFont(double pointSize, bool bold)
{
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Liberation Sans"),
                      QStringLiteral("Arial"), QStringLiteral("Helvetica")});
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

QFont reportMonoFont(double pointSize)
{
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Liberation Mono"),
                      QStringLiteral("Courier New"), QStringLiteral("Courier")});
    font.setStyleHint(QFont::TypeWriter);
    font.setFixedPitch(true);
    font.setPointSizeF(pointSize);
    return font;
}

void keepTogether(QTextDocument& document, const std::vector<int>& blocks)
{
    const double pageHeight = document.pageSize().height();
    if (pageHeight <= 0)
        return;
    QAbstractTextDocumentLayout* layout = document.documentLayout();
    for (const int number : blocks) {
        QTextBlock block = document.findBlockByNumber(number);
        const QRectF rect = layout->blockBoundingRect(block); // lays out up to here, after earlier moves
        const int firstPage = int(rect.top() / pageHeight);
        const int lastPage = int((rect.bottom() - 0.5) / pageHeight);
        if (firstPage == lastPage || rect.height() >= pageHeight)
            continue;
        QTextCursor cursor(block);
        QTextBlockFormat format = block.blockFormat();
        format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        cursor.setBlockFormat(format);
    }
}

void fillReportDocument(QTextDocument& document, const ClientReport& report, double bodyWidth,
                        ReportChartObject* charts)
{
    document.documentLayout()->registerHandler(ReportChartObject::kType, charts);
    document.setDefaultFont(reportFont(9.5));
    QTextOption wrapping = document.defaultTextOption();
    wrapping.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // a 60 kB URL wraps, never overflows
    document.setDefaultTextOption(wrapping);
    Writer w(document, bodyWidth);
    writeCover(w, report, document);
    writeSummary(w, report);
    for (std::size_t k = 0; k < report.incidents.size(); ++k)
        writeIncident(w, report, report.incidents[k],
                      k < report.incidentCharts.size() && !report.incidentCharts[k].bins.empty() ? int(k) + 1
                                                                                                 : -1);
    writeAppendix(w, report);
    keepTogether(document, w.keep_);
}

} // namespace gd
