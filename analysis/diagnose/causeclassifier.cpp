#include "diagnose/causeclassifier.h"

#include <algorithm>
#include <array>

namespace gd {

namespace {

/// Accumulates one cause's score with the reason for every rule that fired.
class Score {
public:
    void add(bool condition, double weight, const QString& reason)
    {
        if (!condition)
            return;
        value_ += weight;
        if (weight > 0)
            reasons_ << reason;
    }
    double value() const { return std::clamp(value_, 0.0, 1.0); }
    const QStringList& reasons() const { return reasons_; }

private:
    double value_ = 0;
    QStringList reasons_;
};

QString percent(double share)
{
    return QStringLiteral("%1 %").arg(qRound(share * 100));
}

QString seconds(std::int64_t ms)
{
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10'000 ? 1 : 0);
}

} // namespace

Classification classifyIncident(const IncidentSignals& s, const BundleFacts& facts,
                                const AnalysisConfig& config)
{
    std::array<Score, kCauseCount> scores;
    const bool immediate = s.immediateShare >= 0.8;
    const bool waited = s.atLimitShare >= 0.5;
    const bool oneUrl = s.distinctUrls <= 2 && s.topUrlShare >= 0.7;
    const bool pageRepeats = s.urlsFailingEveryTime > 0 && s.topUrlShare >= 0.6;
    const bool restartSeen = s.fpmRestarts > 0 || s.thresholdReloads > 0;
    const bool nearMidnight = s.serverLocalMinuteOfDay >= 0 &&
                              (s.serverLocalMinuteOfDay >= 23 * 60 + 55 || s.serverLocalMinuteOfDay <= 15);
    const double hostShare = s.activeHosts > 0 ? double(s.failingHosts) / double(s.activeHosts) : 0;
    const double successShare = s.requests > 0 ? double(s.successes) / double(s.requests) : 0;

    Score& down = scores[static_cast<int>(Cause::BackendDown)];
    down.add(hostShare >= config.backendDownHostShare && s.failingHosts >= 2, 0.25,
             QStringLiteral("%1 of %2 active hosts failed").arg(s.failingHosts).arg(s.activeHosts));
    down.add(s.requests > 0 && successShare <= 0.1 && s.durationMs >= config.backendDownMinMs, 0.25,
             QStringLiteral("almost nothing succeeded for %1 (%2 of requests answered)")
                 .arg(seconds(s.durationMs), percent(successShare)));
    down.add(s.controlPanelFailing, 0.1, QStringLiteral("the Aegir control panel failed too"));
    down.add(s.connectMissing + s.connectRefused >= 2, 0.25,
             QStringLiteral("nginx could not connect to PHP-FPM (%1 × socket missing, %2 × refused)")
                 .arg(s.connectMissing)
                 .arg(s.connectRefused));
    down.add(s.fpmStartFailures > 0 || s.boaOutages > 0, 0.15,
             QStringLiteral("PHP-FPM failed to start or was killed by the monitor"));
    down.add(immediate, 0.1, QStringLiteral("failures were immediate"));
    down.add(s.crashes >= config.segfaultMinCrashes, -0.2, {});
    down.add(waited, -0.3, {});
    down.add(oneUrl && s.failures >= 3, -0.3, {});

    Score& restart = scores[static_cast<int>(Cause::BackendRestart)];
    restart.add(restartSeen, 0.4, QStringLiteral("PHP-FPM was stopped, started or reloaded at that moment"));
    restart.add(s.durationMs <= 15'000 && immediate, 0.2,
                QStringLiteral("a short burst (%1) of immediate failures").arg(seconds(s.durationMs)));
    restart.add(s.urlsOkAfter > 0 && s.urlsOkAfter * 2 >= s.distinctUrls, 0.15,
                QStringLiteral("%1 of %2 failing URLs worked again right after")
                    .arg(s.urlsOkAfter)
                    .arg(s.distinctUrls));
    restart.add(nearMidnight, 0.1,
                QStringLiteral("it happened around midnight server time, when maintenance restarts run"));
    restart.add(s.connectMissing + s.connectRefused > 0 && s.durationMs < config.backendDownMinMs, 0.1,
                QStringLiteral("nginx briefly found no PHP-FPM listening"));
    restart.add(
        s.cutShortShare >= 0.5 && s.crashes == 0, 0.2,
        QStringLiteral("%1 of failures were cut off mid-request, before any time limit, without a crash")
            .arg(percent(s.cutShortShare)));
    restart.add(s.simultaneousEnds >= 2, 0.2,
                QStringLiteral(
                    "%1 requests in progress failed in the same second, as when workers are stopped together")
                    .arg(s.simultaneousEnds));
    restart.add(pageRepeats, -0.3, {});
    restart.add(s.durationMs >= 4 * config.backendDownMinMs && successShare <= 0.1, -0.2, {});
    restart.add(s.crashes >= config.segfaultMinCrashes, -0.15, {});

    Score& segv = scores[static_cast<int>(Cause::SegfaultRestart)];
    segv.add(s.crashes >= config.segfaultMinCrashes, 0.4,
             QStringLiteral("%1 PHP-FPM children crashed (SIGSEGV/SIGBUS/SIGABRT)").arg(s.crashes));
    segv.add(s.thresholdReloads > 0, 0.35,
             QStringLiteral("the emergency restart threshold reloaded PHP-FPM"));
    segv.add(immediate, 0.1, QStringLiteral("failures were immediate"));
    segv.add(!oneUrl, 0.1, QStringLiteral("several URLs were hit"));
    segv.add(s.crashes > 0 && s.crashes < config.segfaultMinCrashes, 0.15,
             QStringLiteral("%1 child crash(es)").arg(s.crashes));

    Score& page = scores[static_cast<int>(Cause::PageCrash)];
    page.add(pageRepeats, 0.45,
             QStringLiteral("%1 URL(s) failed every time they were requested").arg(s.urlsFailingEveryTime));
    page.add(oneUrl, 0.1, QStringLiteral("%1 of failures on one URL").arg(percent(s.topUrlShare)));
    page.add(immediate, 0.15, QStringLiteral("failures were immediate"));
    page.add(s.otherUrlsOk > 0, 0.15,
             QStringLiteral("%1 other requests on the same host(s) succeeded meanwhile").arg(s.otherUrlsOk));
    page.add(s.crashes > 0, 0.1, QStringLiteral("PHP-FPM children crashed at the same time"));
    page.add(waited, -0.3, {});
    page.add(s.immediateShare < 0.5, -0.3, {});
    // A refused or denied connect never reached PHP, so no page code could have crashed.
    page.add(s.connectMissing + s.connectRefused + s.connectDenied + s.connectAgain > 0 && s.crashes == 0,
             -0.4, {});
    page.add(s.distinctUrls > 3, -0.2, {});

    Score& timeout = scores[static_cast<int>(Cause::Timeout)];
    timeout.add(waited, 0.45,
                s.limitMs
                    ? QStringLiteral("%1 of failures waited about the limit of %2 (%3)")
                          .arg(percent(s.atLimitShare), seconds(*s.limitMs), s.limitSource)
                    : QStringLiteral("%1 of failures are nginx timeouts (504)").arg(percent(s.atLimitShare)));
    timeout.add(
        s.timedOut > 0 || s.sigterms > 0 || s.upstreamTimedOut > 0, 0.2,
        QStringLiteral(
            "timeouts were logged (%1 × FPM \"execution timed out\", %2 × nginx \"upstream timed out\")")
            .arg(s.timedOut)
            .arg(s.upstreamTimedOut));
    timeout.add(s.remoteCallTraces > 0, 0.2,
                QStringLiteral("the slowlog shows requests waiting on a remote call"));
    timeout.add(s.tooSlow > 0 && s.remoteCallTraces == 0, 0.1,
                QStringLiteral("PHP-FPM reported slow requests"));
    timeout.add(s.distinctUrls <= 3, 0.05, QStringLiteral("few URLs involved"));
    timeout.add(s.maxChildren > 0 && s.distinctUrls >= config.overloadMinUrls, -0.25, {});

    Score& update = scores[static_cast<int>(Cause::UpdateManager)];
    if (s.updateTraces > 0 || s.updateUrlFailures > 0) {
        update.add(true, timeout.value() * 0.6, QStringLiteral("it is a timeout"));
        update.add(s.updateTraces > 0, 0.35,
                   QStringLiteral("the slow stacks are Drupal's Update Manager fetching from drupal.org"));
        update.add(s.updateUrlFailures > 0, 0.15, QStringLiteral("Update Manager pages failed"));
        update.add(!s.distribution.isEmpty(), 0.05,
                   QStringLiteral("the site runs %1, which forces the module on").arg(s.distribution));
    }

    Score& overload = scores[static_cast<int>(Cause::Overload)];
    overload.add(s.maxChildren > 0, 0.35, QStringLiteral("PHP-FPM reached max_children"));
    overload.add(s.connectAgain > 0, 0.2,
                 QStringLiteral("the PHP-FPM listen queue overflowed (%1 × EAGAIN)").arg(s.connectAgain));
    overload.add(s.rateFactor >= config.overloadRateFactor, 0.2,
                 QStringLiteral("traffic ran at %1× the usual rate").arg(s.rateFactor, 0, 'f', 1));
    overload.add(s.distinctUrls >= config.overloadMinUrls, 0.15,
                 QStringLiteral("%1 different URLs from %2 clients failed")
                     .arg(s.distinctUrls)
                     .arg(s.distinctClients));
    overload.add(waited && s.timedOut == 0 && s.count504 > 0, 0.05,
                 QStringLiteral("504s at the limit without PHP-FPM timeouts: requests waited in the queue"));
    overload.add(oneUrl, -0.2, {});
    overload.add(s.rateFactor < 1.5 && s.distinctUrls < config.overloadMinUrls, -0.2, {});

    Score& unknown = scores[static_cast<int>(Cause::Unknown)];
    unknown.add(true, 0.2, QStringLiteral("no documented pattern fits well"));
    unknown.add(s.connectDenied > 0, 0.45,
                QStringLiteral("nginx was denied access to the PHP-FPM socket (permissions)"));
    unknown.add(s.badUpstreamResponse > 0, 0.35,
                QStringLiteral("PHP-FPM sent a response nginx rejected (headers too big or invalid)"));
    unknown.add(s.oomKills > 0, 0.25, QStringLiteral("the kernel killed processes for lack of memory"));

    Classification result;
    for (int i = 0; i < kCauseCount; ++i)
        result.ranked.push_back({static_cast<Cause>(i), scores[static_cast<std::size_t>(i)].value()});
    std::stable_sort(result.ranked.begin(), result.ranked.end(),
                     [](const CauseScore& a, const CauseScore& b) { return a.confidence > b.confidence; });

    // What the logs cannot show lowers the confidence instead of being silent.
    double visibility = 1.0;
    if (!facts.hasNginxErrorLog) {
        result.limits << QStringLiteral("the bundle has no nginx error log");
        visibility -= 0.05;
    } else if (facts.nginxErrorLogLevel.startsWith(QLatin1String("crit"))) {
        result.limits << QStringLiteral("nginx logs errors at crit (BOA default): upstream timeouts, resets "
                                        "and refused connections are not written");
        visibility -= 0.05;
    }
    if (!facts.hasFpmLog) {
        result.limits << QStringLiteral("the bundle has no PHP-FPM log");
        result.collectNext << QStringLiteral("/var/log/php/php*-fpm-error.log (and /var/backups/php-logs/)");
        visibility -= 0.15;
    } else if (facts.fpmLogLevel.startsWith(QLatin1String("warning"))) {
        result.limits << QStringLiteral(
            "PHP-FPM logs at warning (BOA default): reloads and restarts leave almost no trace");
        visibility -= 0.05;
    }
    if (!facts.hasAccessLog) {
        result.limits << QStringLiteral(
            "the bundle has no nginx access log: request times and URLs are partial");
        result.collectNext << QStringLiteral("/var/log/nginx/access.log");
        visibility -= 0.15;
    }
    const Cause best = result.ranked.front().cause;
    if ((best == Cause::Timeout || best == Cause::UpdateManager) && !facts.hasSlowLog) {
        result.limits << QStringLiteral("no PHP-FPM slowlog: what the requests waited on is unknown");
        result.collectNext << QStringLiteral("/var/log/php/fpm-*-slow.log");
        visibility -= 0.1;
    }
    if (s.crashes > 0 && s.kernelSegfaults == 0) {
        result.limits << QStringLiteral("no kernel segfault lines: the crashing library cannot be named");
        result.collectNext << QStringLiteral(
            "/var/log/iptables.log (BOA routes kernel lines there), /var/log/syslog, /var/log/kern.log");
    }
    if (!s.limitMs && (best == Cause::Timeout || best == Cause::Overload)) {
        result.collectNext << QStringLiteral(
            "the PHP-FPM pool .conf and nginx.conf, to know the time limits");
    }
    for (CauseScore& score : result.ranked)
        score.confidence = std::clamp(score.confidence * visibility, 0.0, 0.97);
    const Cause leading = result.ranked.front().cause;
    if (result.ranked.front().confidence < 0.3 && leading != Cause::Unknown) {
        // Nothing fits well: say so, and what the evidence points to, rather than force a cause.
        auto unknownIt = std::find_if(result.ranked.begin(), result.ranked.end(),
                                      [](const CauseScore& c) { return c.cause == Cause::Unknown; });
        std::rotate(result.ranked.begin(), unknownIt, unknownIt + 1);
        const QStringList& leadingReasons = scores[static_cast<int>(leading)].reasons();
        result.reasons = {
            QStringLiteral("too little evidence to name a cause; it points most to \"%1\"%2")
                .arg(causeTitle(leading).toLower(),
                     leadingReasons.isEmpty()
                         ? QString()
                         : QStringLiteral(" (") + leadingReasons.join(QStringLiteral(", ")) + u')')};
        result.reasons << scores[static_cast<int>(Cause::Unknown)].reasons().mid(1);
        return result;
    }
    result.reasons = scores[static_cast<int>(leading)].reasons();
    return result;
}

} // namespace gd
