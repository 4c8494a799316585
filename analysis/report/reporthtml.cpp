#include "report/reporthtml.h"

#include "model/eventcolumns.h"
#include "report/reportwords.h"

namespace gd {

namespace {

/// A long list of URLs would push the advice and limits out of sight; the JSON has them all.
constexpr std::size_t kUrlsShown = 8;

QString section(ReportPart part, const QString& body)
{
    return QStringLiteral("<h4>%1</h4>%2").arg(htmlEscaped(reportwords::heading(part)), body);
}

QString paragraph(const QString& text)
{
    return QStringLiteral("<p>%1</p>").arg(htmlEscaped(text));
}

QString bulletList(const QStringList& items)
{
    QString html = QStringLiteral("<ul>");
    for (const QString& item : items)
        html += QStringLiteral("<li>%1</li>").arg(htmlEscaped(item));
    return html + QStringLiteral("</ul>");
}

QString featureTable(const std::vector<Feature>& features)
{
    QString html =
        QStringLiteral("<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse'>");
    html += QStringLiteral("<tr><th align='left'>%1</th><th align='left'>%2</th></tr>")
                .arg(htmlEscaped(reportwords::featureColumn()), htmlEscaped(reportwords::valueColumn()));
    for (const Feature& feature : features)
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(htmlEscaped(feature.name), htmlEscaped(feature.value));
    return html + QStringLiteral("</table>");
}

} // namespace

QString htmlEscaped(const QString& text)
{
    QString escaped = text.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return escaped;
}

QString incidentHtml(const IncidentReport& report,
                     const std::function<QString(std::int64_t utcMs)>& formatTime)
{
    QString html = paragraph(report.causeExplanation);
    if (!report.server.isEmpty())
        html += section(ReportPart::Server, paragraph(report.server));
    if (!report.sameTimeAs.empty())
        html += section(ReportPart::SameTime, paragraph(reportwords::incidentList(report.sameTimeAs)));
    html += section(ReportPart::WhatHappened,
                    paragraph(report.summary) +
                        paragraph(hasTime(report.startMs) ? reportwords::timeSpan(formatTime(report.startMs),
                                                                                  formatTime(report.endMs))
                                                          : reportwords::timeUnknown()));
    QString why = paragraph(report.reasoning);
    if (!report.features.empty())
        why += featureTable(report.features);
    html += section(ReportPart::Why, why);
    if (!report.alternatives.empty()) {
        QStringList alternatives;
        for (const ReportAlternative& alternative : report.alternatives)
            alternatives << reportwords::alternative(alternative.causeTitle, alternative.causeId,
                                                     alternative.confidence);
        html += section(ReportPart::Alternatives, bulletList(alternatives));
    }
    if (!report.advice.isEmpty())
        html += section(ReportPart::Advice, paragraph(report.advice));
    if (!report.urls.empty()) {
        QStringList urls;
        for (std::size_t i = 0; i < report.urls.size() && i < kUrlsShown; ++i)
            urls << reportwords::failingUrl(report.urls[i]);
        if (report.urls.size() > kUrlsShown)
            urls << reportwords::andMore(static_cast<int>(report.urls.size() - kUrlsShown));
        html += section(ReportPart::Urls, bulletList(urls));
    }
    if (!report.limits.isEmpty())
        html += section(ReportPart::Limits, bulletList(report.limits));
    if (!report.collectNext.isEmpty())
        html += section(ReportPart::CollectNext, bulletList(report.collectNext));
    return html;
}

} // namespace gd
