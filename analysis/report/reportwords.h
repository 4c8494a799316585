#pragma once

#include "diagnose/incident.h"

#include <QString>
#include <QStringList>
#include <cstdint>

namespace gd {

/// The parts of an incident report, in the order a report reads them.
enum class ReportPart : std::uint8_t {
    Server,   ///< which server (only when the import has several)
    SameTime, ///< incidents of other servers at the same time
    WhatHappened,
    Why,
    Alternatives,
    Advice,
    Urls,
    Limits,
    CollectNext,
    Evidence,
    StaffNote,
};

/// Every word a report of an incident says, in one place: the terminal, the workbench and the
/// documents for clients (PDF, CSV) must say the same thing in the same words. Writers only lay
/// these out; they add punctuation and markup, never wording.
namespace reportwords {

/// A part's heading in a document: "What these logs cannot show".
QString heading(ReportPart part);
/// The tag of one item of a part on a line of plain text: "cannot see".
QString label(ReportPart part);

/// A share as a whole percentage: "85 %".
QString percent(double share);
/// A confidence as a fraction with two decimals: "0.85" (terminal text; JSON keeps the number).
QString fraction(double confidence);
/// The incident in one line for a document: "#3 Page crashes every time — 85 % confidence".
QString headline(int id, const QString& causeTitle, double confidence);
/// The incident's heading line in plain text: "#3 Page crashes every time (page-crash, confidence 0.85)".
QString textHeadline(int id, const QString& causeTitle, const QString& causeId, double confidence);
/// Another possible cause in a document: "Timeout (timeout) — 20 %".
QString alternative(const QString& causeTitle, const QString& causeId, double confidence);
/// Another possible cause on a line of plain text: "timeout (0.20)".
QString textAlternative(const QString& causeId, double confidence);
/// When it happened, times already in the zone the writer chose: "From … to …".
QString timeSpan(const QString& from, const QString& to);
/// When it happened in plain text, the times in UTC: "… .. … UTC".
QString utcSpan(const QString& from, const QString& to);
/// For what carries no time at all: "time unknown (the lines carry no time)".
QString timeUnknown();
/// A failing URL: "example.com/cart — 12 of 40 failed".
QString failingUrl(const UrlStat& url);
/// What a shortened list left out: "… and 3 more".
QString andMore(int count);
/// The column headings of the measured features.
QString featureColumn();
QString valueColumn();
/// The whole analysis in one line: "1200 requests, 30 failed with 502/504; server time zone UTC".
QString analysisTotals(std::uint64_t requests, std::uint64_t failures, const QString& serverTimeZone);
/// An analysis without incidents (no full stop: the writer adds what its layout needs).
QString noIncidents();

/// A confidence in words for clients: "almost certain", "very likely", "likely", "possible", "uncertain".
QString confidenceWords(double confidence);
/// What happened, counted on the sites a client's report covers: "12 × 502 and 0 × 504 on example.com
/// within 14.0 s: PHP-FPM was down."
QString scopedSummary(std::uint32_t count502, std::uint32_t count504, const QStringList& sites,
                      double seconds, const QString& causeTitle);

/// "#3, #5": incidents named by their ids.
QString incidentList(const std::vector<int>& ids);
/// An evidence source the import does not list.
QString unknownSource(std::uint16_t source);
/// In place of an evidence line's text when the bundle could not be read again.
QString unreadableLine(const QString& error);

} // namespace reportwords

} // namespace gd
