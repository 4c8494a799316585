#include "report/reportwords.h"

#include <QCoreApplication>

namespace gd::reportwords {

// One translation context for every report word, as for the cause titles (diagnose/cause.cpp).
// Placeholders are filled in one arg() call each: text from logs (hosts, URL paths with "%3A")
// must never be taken for a placeholder.

QString heading(ReportPart part)
{
    switch (part) {
    case ReportPart::Server:
        return QCoreApplication::translate("gd", "Server");
    case ReportPart::SameTime:
        return QCoreApplication::translate("gd", "Other servers failing at the same time");
    case ReportPart::WhatHappened:
        return QCoreApplication::translate("gd", "What happened");
    case ReportPart::Why:
        return QCoreApplication::translate("gd", "Why this cause");
    case ReportPart::Alternatives:
        return QCoreApplication::translate("gd", "Other possible causes");
    case ReportPart::Advice:
        return QCoreApplication::translate("gd", "What to do");
    case ReportPart::Urls:
        return QCoreApplication::translate("gd", "Failing URLs");
    case ReportPart::Limits:
        return QCoreApplication::translate("gd", "What these logs cannot show");
    case ReportPart::CollectNext:
        return QCoreApplication::translate("gd", "Collect next");
    case ReportPart::Evidence:
        return QCoreApplication::translate("gd", "Evidence");
    case ReportPart::StaffNote:
        return QCoreApplication::translate("gd", "Staff note");
    }
    return {};
}

QString label(ReportPart part)
{
    switch (part) {
    case ReportPart::Server:
        return QCoreApplication::translate("gd", "server");
    case ReportPart::SameTime:
        return QCoreApplication::translate("gd", "same time as");
    case ReportPart::WhatHappened:
        return QCoreApplication::translate("gd", "what happened");
    case ReportPart::Why:
        return QCoreApplication::translate("gd", "why");
    case ReportPart::Alternatives:
        return QCoreApplication::translate("gd", "alternative");
    case ReportPart::Advice:
        return QCoreApplication::translate("gd", "advice");
    case ReportPart::Urls:
        return QCoreApplication::translate("gd", "failing URL");
    case ReportPart::Limits:
        return QCoreApplication::translate("gd", "cannot see");
    case ReportPart::CollectNext:
        return QCoreApplication::translate("gd", "collect next");
    case ReportPart::Evidence:
        return QCoreApplication::translate("gd", "evidence");
    case ReportPart::StaffNote:
        return QCoreApplication::translate("gd", "staff note");
    }
    return {};
}

QString incidentList(const std::vector<int>& ids)
{
    QStringList names;
    for (const int id : ids)
        names << QStringLiteral("#%1").arg(id);
    return names.join(QStringLiteral(", "));
}

QString timeUnknown()
{
    return QCoreApplication::translate("gd", "time unknown (the lines carry no time)");
}

QString percent(double share)
{
    return QCoreApplication::translate("gd", "%1 %").arg(qRound(share * 100));
}

QString fraction(double confidence)
{
    return QString::number(confidence, 'f', 2);
}

QString headline(int id, const QString& causeTitle, double confidence)
{
    return QCoreApplication::translate("gd", "#%1 %2 — %3 confidence")
        .arg(QString::number(id), causeTitle, percent(confidence));
}

QString textHeadline(int id, const QString& causeTitle, const QString& causeId, double confidence)
{
    return QCoreApplication::translate("gd", "#%1 %2 (%3, confidence %4)")
        .arg(QString::number(id), causeTitle, causeId, fraction(confidence));
}

QString alternative(const QString& causeTitle, const QString& causeId, double confidence)
{
    return QCoreApplication::translate("gd", "%1 (%2) — %3").arg(causeTitle, causeId, percent(confidence));
}

QString textAlternative(const QString& causeId, double confidence)
{
    return QCoreApplication::translate("gd", "%1 (%2)").arg(causeId, fraction(confidence));
}

QString timeSpan(const QString& from, const QString& to)
{
    return QCoreApplication::translate("gd", "From %1 to %2").arg(from, to);
}

QString utcSpan(const QString& from, const QString& to)
{
    return QCoreApplication::translate("gd", "%1 .. %2 UTC").arg(from, to);
}

QString failingUrl(const UrlStat& url)
{
    return QCoreApplication::translate("gd", "%1%2 — %3 of %4 failed")
        .arg(url.host, url.path, QString::number(url.failed), QString::number(url.requests));
}

QString andMore(int count)
{
    return QCoreApplication::translate("gd", "… and %n more", nullptr, count);
}

QString featureColumn()
{
    return QCoreApplication::translate("gd", "Feature");
}

QString valueColumn()
{
    return QCoreApplication::translate("gd", "Value");
}

QString analysisTotals(std::uint64_t requests, std::uint64_t failures, const QString& serverTimeZone)
{
    return QCoreApplication::translate("gd", "%1 requests, %2 failed with 502/504; server time zone %3")
        .arg(QString::number(requests), QString::number(failures), serverTimeZone);
}

QString noIncidents()
{
    return QCoreApplication::translate("gd", "No 502/504 incidents found");
}

QString unknownSource(std::uint16_t source)
{
    return QCoreApplication::translate("gd", "source %1").arg(source);
}

QString unreadableLine(const QString& error)
{
    return QCoreApplication::translate("gd", "(line not readable: %1)").arg(error);
}

QString confidenceWords(double confidence)
{
    // The bands of the reliability table (docs/causes.md): how often such a verdict was right.
    if (confidence >= 0.9)
        return QCoreApplication::translate("gd", "almost certain");
    if (confidence >= 0.75)
        return QCoreApplication::translate("gd", "very likely");
    if (confidence >= 0.6)
        return QCoreApplication::translate("gd", "likely");
    if (confidence >= 0.4)
        return QCoreApplication::translate("gd", "possible");
    return QCoreApplication::translate("gd", "uncertain");
}

QString scopedSummary(std::uint32_t count502, std::uint32_t count504, const QStringList& sites,
                      double seconds, const QString& causeTitle)
{
    return QCoreApplication::translate("gd", "%1 × 502 and %2 × 504 on %3 within %4 s: %5.")
        .arg(count502)
        .arg(count504)
        .arg(sites.join(QStringLiteral(", ")))
        .arg(seconds, 0, 'f', 1)
        .arg(causeTitle.toLower());
}

} // namespace gd::reportwords
