#include "diagnose/causeclassifier.h"

#include <algorithm>
#include <array>

namespace gd {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

/// Accumulates one cause's score with the reason for every rule that fired.
class Score {
public:
    /// Adds `weight` when `condition` holds; only a positive weight says why (it argues for the cause).
    void add(bool condition, double weight, const QString& reason)
    {
        if (!condition)
            return;
        m_value += weight;
        if (weight > 0)
            m_reasons << reason;
    }
    /// Takes `penalty` away when `condition` holds: evidence that points to another cause.
    void penalize(bool condition, double penalty)
    {
        if (condition)
            m_value -= penalty;
    }
    double value() const { return std::clamp(m_value, 0.0, 1.0); }
    const QStringList& reasons() const { return m_reasons; }

private:
    double m_value = 0;
    QStringList m_reasons;
};

QString percent(double share)
{
    return QStringLiteral("%1 %").arg(qRound(share * 100));
}

QString seconds(std::int64_t ms)
{
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10'000 ? 1 : 0);
}

std::size_t index(Cause cause)
{
    return static_cast<std::size_t>(cause);
}

/// Readings of the signals that several causes' rules share.
struct Shape {
    bool immediate = false;        ///< most failures were answered at once
    bool waited = false;           ///< most failures waited for the time limit
    bool oneUrl = false;           ///< the failures concentrate on one or two URLs
    bool fewUrls = false;          ///< few URLs failed
    bool pageRepeats = false;      ///< a URL failed every time it was requested, and it dominates
    bool crashLoop = false;        ///< enough children crashed for a crash loop
    bool restartSeen = false;      ///< PHP-FPM was stopped, started or reloaded
    bool nearMidnight = false;     ///< server-local time around midnight, when maintenance restarts run
    double hostShare = 0;          ///< failing hosts / hosts active around the window
    double successShare = 0;       ///< share of the window's requests answered below 500
    bool mostHostsFailed = false;  ///< most of the hosts active around it failed
    bool nothingSucceeded = false; ///< almost nothing succeeded for an outage's length
    /// PHP-FPM failed to start (not merely a second start while it was listening), or a BOA monitor
    /// stopped it.
    bool fpmStopped = false;
    /// Thin evidence: no access log around it and at most one dated failure (a pasted line or two). Then
    /// every documented message counts at face value, and nothing is read into a duration or a URL pattern.
    bool thin = false;
};

Shape readShape(const IncidentSignals& s, const AnalysisConfig& c)
{
    Shape shape;
    shape.immediate = s.immediateShare >= c.mostlyImmediateShare;
    shape.waited = s.atLimitShare >= c.mostlyWaitedShare;
    // One failure on one URL is no pattern: "one URL" needs as many failures as a page crash needs hits.
    shape.oneUrl = s.distinctUrls <= c.oneUrlMaxUrls && s.topUrlShare >= c.oneUrlMinShare &&
                   s.failures >= c.pageCrash.minHits;
    // Without failed requests there are no URLs to count: "few" would be said of none.
    shape.fewUrls = s.distinctUrls > 0 && s.distinctUrls <= c.fewUrls;
    shape.pageRepeats = s.urlsFailingEveryTime > 0 && s.topUrlShare >= c.pageCrash.minTopShare;
    shape.crashLoop = s.crashes >= c.segfaultRestart.minCrashes;
    shape.restartSeen = s.fpmRestarts > 0 || s.thresholdReloads > 0;
    const int minute = s.serverLocalMinuteOfDay;
    shape.nearMidnight = minute >= 0 && (minute >= kMinutesPerDay - c.backendRestart.minutesBeforeMidnight ||
                                         minute <= c.backendRestart.minutesAfterMidnight);
    shape.hostShare = s.activeHosts > 0 ? double(s.failingHosts) / double(s.activeHosts) : 0;
    shape.successShare = s.requests > 0 ? double(s.successes) / double(s.requests) : 0;
    shape.thin = s.failures <= c.thinMaxFailures && s.requests <= s.failures + c.thinMaxOtherRequests;
    const BackendDownRules& down = c.backendDown;
    shape.mostHostsFailed = shape.hostShare >= down.minHostShare && s.failingHosts >= down.minHosts;
    shape.nothingSucceeded =
        s.requests > 0 && shape.successShare <= c.nothingSucceededShare && s.durationMs >= down.minMs;
    // A start that failed on a taken address, and the "initialization failed" that follows it, only show a
    // second start while PHP-FPM was listening.
    shape.fpmStopped = s.fpmStartFailures > 2 * s.fpmAlreadyListening || s.boaOutages > 0;
    return shape;
}

Score backendDown(const IncidentSignals& s, const Shape& shape, const AnalysisConfig& c)
{
    const BackendDownRules& r = c.backendDown;
    Score score;
    score.add(shape.mostHostsFailed, r.mostHostsWeight,
              QStringLiteral("%1 of %2 active hosts failed").arg(s.failingHosts).arg(s.activeHosts));
    score.add(shape.nothingSucceeded, r.nothingSucceededWeight,
              QStringLiteral("almost nothing succeeded for %1 (%2 of requests answered)")
                  .arg(seconds(s.durationMs), percent(shape.successShare)));
    score.add(s.controlPanelFailing, r.controlPanelWeight,
              QStringLiteral("the Aegir control panel failed too"));
    // Connect errors at an address no configured pool listens on are a wrong address, not an outage.
    const std::uint32_t nothingListening =
        s.connectMissing + s.connectRefused -
        std::min(s.connectNoPoolThere, s.connectMissing + s.connectRefused);
    score.add(nothingListening >= (shape.thin ? 1U : r.minConnectErrors), r.connectErrorsWeight,
              QStringLiteral("nginx could not connect to PHP-FPM (%1 × socket missing, %2 × refused)")
                  .arg(s.connectMissing)
                  .arg(s.connectRefused));
    score.add(shape.fpmStopped, r.startFailedWeight,
              QStringLiteral("PHP-FPM failed to start or was killed by the monitor"));
    score.add(shape.immediate, r.immediateWeight, QStringLiteral("failures were immediate"));
    score.penalize(shape.crashLoop, r.crashesPenalty);
    score.penalize(shape.waited, r.waitedPenalty);
    score.penalize(shape.oneUrl && s.failures >= r.oneUrlMinFailures, r.oneUrlPenalty);
    return score;
}

Score backendRestart(const IncidentSignals& s, const Shape& shape, const AnalysisConfig& c)
{
    const BackendRestartRules& r = c.backendRestart;
    Score score;
    score.add(shape.restartSeen, r.restartSeenWeight,
              QStringLiteral("PHP-FPM was stopped, started or reloaded at that moment"));
    // One failure among requests that succeeded around it lasted an instant: the access log measured that.
    const bool measured = s.spanKnown || s.requests > s.failures;
    score.add(measured && s.durationMs <= r.maxBurstMs && shape.immediate, r.shortBurstWeight,
              QStringLiteral("a short burst (%1) of immediate failures").arg(seconds(s.durationMs)));
    score.add(s.urlsOkAfter > 0 && double(s.urlsOkAfter) >= r.minOkAfterShare * double(s.distinctUrls),
              r.okAfterWeight,
              QStringLiteral("%1 of %2 failing URLs worked again right after")
                  .arg(s.urlsOkAfter)
                  .arg(s.distinctUrls));
    score.add(shape.nearMidnight, r.nearMidnightWeight,
              QStringLiteral("it happened around midnight server time, when maintenance restarts run"));
    score.add(measured && s.connectMissing + s.connectRefused > 0 && s.durationMs < c.backendDown.minMs,
              r.briefConnectErrorsWeight, QStringLiteral("nginx briefly found no PHP-FPM listening"));
    score.add(
        s.cutShortShare >= r.minCutShortShare && s.crashes == 0, r.cutShortWeight,
        QStringLiteral("%1 of failures were cut off mid-request, before any time limit, without a crash")
            .arg(percent(s.cutShortShare)));
    score.add(s.simultaneousEnds >= r.minSimultaneousEnds, r.simultaneousEndsWeight,
              QStringLiteral(
                  "%1 requests in progress failed in the same second, as when workers are stopped together")
                  .arg(s.simultaneousEnds));
    score.penalize(shape.pageRepeats, r.pageRepeatsPenalty);
    score.penalize(s.durationMs >= r.longOutageFactor * c.backendDown.minMs &&
                       shape.successShare <= c.nothingSucceededShare,
                   r.longOutagePenalty);
    score.penalize(s.crashes > 0 || s.kernelSegfaults > 0, r.crashesPenalty);
    return score;
}

Score segfaultRestart(const IncidentSignals& s, const Shape& shape, const AnalysisConfig& c)
{
    const SegfaultRestartRules& r = c.segfaultRestart;
    Score score;
    score.add(shape.crashLoop, r.crashesWeight,
              QStringLiteral("%1 PHP-FPM children crashed (SIGSEGV/SIGBUS/SIGABRT)").arg(s.crashes));
    score.add(s.thresholdReloads > 0, r.thresholdReloadWeight,
              QStringLiteral("the emergency restart threshold reloaded PHP-FPM"));
    score.add(shape.immediate, r.immediateWeight, QStringLiteral("failures were immediate"));
    score.add(!shape.oneUrl && s.distinctUrls >= 2, r.severalUrlsWeight,
              QStringLiteral("several URLs were hit"));
    score.add(s.crashes > 0 && !shape.crashLoop, r.fewCrashesWeight,
              QStringLiteral("%1 child crash(es)").arg(s.crashes));
    score.add(s.crashes == 0 && s.kernelSegfaults > 0, r.fewCrashesWeight,
              QStringLiteral("the kernel saw PHP-FPM crash (%1 segfault line(s))").arg(s.kernelSegfaults));
    score.add(
        s.prematurelyClosed > 0 && s.crashes == 0 && s.kernelSegfaults == 0 && s.timedOut == 0 &&
            s.sigterms == 0 && s.fpmRestarts == 0 && s.upstreamTimedOut == 0 &&
            s.connectMissing + s.connectRefused == 0,
        r.workerDiedWeight,
        QStringLiteral("PHP-FPM workers went away mid-request (%1 × reset or closed), with nothing pointing "
                       "to a time limit or a restart: most often a crash")
            .arg(s.prematurelyClosed));
    return score;
}

Score pageCrash(const IncidentSignals& s, const Shape& shape, const AnalysisConfig& c)
{
    const PageCrashRules& r = c.pageCrash;
    Score score;
    score.add(shape.pageRepeats, r.repeatsWeight,
              QStringLiteral("%1 URL(s) failed every time they were requested").arg(s.urlsFailingEveryTime));
    score.add(shape.oneUrl, r.oneUrlWeight,
              QStringLiteral("%1 of failures on one URL").arg(percent(s.topUrlShare)));
    score.add(shape.immediate, r.immediateWeight, QStringLiteral("failures were immediate"));
    score.add(s.otherUrlsOk > 0, r.otherUrlsOkWeight,
              QStringLiteral("%1 other requests on the same host(s) succeeded meanwhile").arg(s.otherUrlsOk));
    score.add(s.crashes > 0, r.crashesWeight, QStringLiteral("PHP-FPM children crashed at the same time"));
    score.penalize(shape.waited, r.waitedPenalty);
    score.penalize(s.immediateShare < r.minImmediateShare, r.notImmediatePenalty);
    // A refused or denied connect never reached PHP, so no page code could have crashed.
    score.penalize(s.connectMissing + s.connectRefused + s.connectDenied + s.connectAgain > 0 &&
                       s.crashes == 0,
                   r.connectErrorPenalty);
    score.penalize(s.distinctUrls > c.fewUrls, r.manyUrlsPenalty);
    return score;
}

Score timeout(const IncidentSignals& s, const Shape& shape, const AnalysisConfig& c)
{
    const TimeoutRules& r = c.timeout;
    Score score;
    score.add(shape.waited, r.waitedWeight,
              s.limitMs
                  ? QStringLiteral("%1 of failures waited about the limit of %2 (%3)")
                        .arg(percent(s.atLimitShare), seconds(*s.limitMs), s.limitSource)
                  : QStringLiteral("%1 of failures are nginx timeouts (504)").arg(percent(s.atLimitShare)));
    score.add(
        s.timedOut > 0 || s.sigterms > 0 || s.upstreamTimedOut > 0, r.timeoutsLoggedWeight,
        QStringLiteral(
            "timeouts were logged (%1 × FPM \"execution timed out\", %2 × nginx \"upstream timed out\")")
            .arg(s.timedOut)
            .arg(s.upstreamTimedOut));
    score.add(s.remoteCallTraces > 0, r.remoteCallWeight,
              QStringLiteral("the slowlog shows requests waiting on a remote call"));
    score.add(s.tooSlow > 0 && s.remoteCallTraces == 0, r.tooSlowWeight,
              QStringLiteral("PHP-FPM reported slow requests"));
    score.add(shape.fewUrls, r.fewUrlsWeight, QStringLiteral("few URLs involved"));
    score.penalize(s.maxChildren > 0 && s.timedOut == 0, r.maxChildrenPenalty);
    score.penalize(shape.immediate && !shape.waited, r.immediatePenalty);
    return score;
}

/// Only scores when something points at the Update Manager; then it is a timeout first.
Score updateManager(const IncidentSignals& s, const Shape& shape, double timeoutScore,
                    const AnalysisConfig& c)
{
    const UpdateManagerRules& r = c.updateManager;
    Score score;
    if (s.updateTraces == 0 && s.updateUrlFailures == 0)
        return score;
    score.add(true, timeoutScore * r.timeoutShare, QStringLiteral("it is a timeout"));
    score.add(s.updateTraces > 0, r.updateStacksWeight,
              QStringLiteral("the slow stacks are Drupal's Update Manager fetching from drupal.org"));
    score.add(s.updateUrlFailures > 0, r.updatePagesWeight, QStringLiteral("Update Manager pages failed"));
    score.add(!s.distribution.isEmpty(), r.distributionWeight,
              QStringLiteral("the site runs %1, which forces the module on").arg(s.distribution));
    score.penalize(shape.immediate && !shape.waited, r.immediatePenalty);
    return score;
}

Score overload(const IncidentSignals& s, const Shape& shape, const AnalysisConfig& c)
{
    const OverloadRules& r = c.overload;
    Score score;
    score.add(s.maxChildren > 0, r.maxChildrenWeight, QStringLiteral("PHP-FPM reached max_children"));
    score.add(s.connectAgain > 0, r.listenQueueWeight,
              QStringLiteral("the PHP-FPM listen queue overflowed (%1 × EAGAIN)").arg(s.connectAgain));
    score.add(s.busy > 0, r.busyWeight,
              QStringLiteral("PHP-FPM was spawning workers as fast as it may (seems busy)"));
    score.add(s.rateFactor >= r.burstRateFactor, r.burstWeight,
              QStringLiteral("traffic ran at %1× the usual rate").arg(s.rateFactor, 0, 'f', 1));
    score.add(s.distinctUrls >= r.minUrls, r.manyUrlsWeight,
              QStringLiteral("%1 different URLs from %2 clients failed")
                  .arg(s.distinctUrls)
                  .arg(s.distinctClients));
    score.add(s.maxChildren > 0 && s.count504 > 0 && s.timedOut == 0, r.queuedWeight,
              QStringLiteral(
                  "504s while the pool was full, without PHP-FPM timeouts: requests waited in the queue"));
    score.penalize(shape.oneUrl, r.oneUrlPenalty);
    // Calm only when the access log measured the traffic.
    score.penalize(s.requests > s.failures && s.rateFactor < r.calmRateFactor && s.distinctUrls < r.minUrls,
                   r.calmPenalty);
    return score;
}

/// Always scores a little, so that it wins when nothing else fits; some evidence points nowhere else.
Score unknown(const IncidentSignals& s, const AnalysisConfig& c)
{
    const UnknownRules& r = c.unknown;
    Score score;
    score.add(true, r.baseWeight, QStringLiteral("no documented pattern fits well"));
    score.add(s.connectDenied > 0, r.socketDeniedWeight,
              QStringLiteral("nginx was denied access to the PHP-FPM socket (permissions)"));
    score.add(s.badUpstreamResponse > 0, r.badResponseWeight,
              QStringLiteral("PHP-FPM sent a response nginx rejected (headers too big or invalid)"));
    score.add(s.oomKills > 0, r.oomWeight, QStringLiteral("the kernel killed processes for lack of memory"));
    // The time limit kills with SIGTERM (SIGKILL only after a SIGTERM is ignored) and says so first.
    score.add(s.sigkills > 0 && s.timedOut == 0 && s.oomKills == 0, r.sigkillWeight,
              QStringLiteral("PHP-FPM workers were killed (SIGKILL) with no time limit logged: the kernel's "
                             "OOM killer or an administrator"));
    score.add(s.connectUnreachable > 0, r.unreachableWeight,
              QStringLiteral("nginx's upstream address does not exist here: a configuration mistake"));
    score.add(s.connectNoPoolThere > 0, r.wrongAddressWeight,
              QStringLiteral("nginx connects where no PHP-FPM pool of the bundle's configuration listens: "
                             "fastcgi_pass and the pool's listen do not match"));
    // A start that failed because a PHP-FPM already listens there leaves the running one serving.
    // Unless nginx then found nothing listening: the old one had stopped after all.
    score.add(s.fpmAlreadyListening > 0 && s.fpmStartFailures <= 2 * s.fpmAlreadyListening &&
                  s.connectMissing + s.connectRefused == 0,
              r.alreadyListeningWeight,
              QStringLiteral("a PHP-FPM start failed because another PHP-FPM already listens on its address: "
                             "the running one kept serving, so that failure was no outage"));
    return score;
}

std::array<Score, kCauseCount> scoreCauses(const IncidentSignals& s, const AnalysisConfig& c)
{
    const Shape shape = readShape(s, c);
    std::array<Score, kCauseCount> scores;
    scores[index(Cause::BackendDown)] = backendDown(s, shape, c);
    scores[index(Cause::BackendRestart)] = backendRestart(s, shape, c);
    scores[index(Cause::SegfaultRestart)] = segfaultRestart(s, shape, c);
    scores[index(Cause::PageCrash)] = pageCrash(s, shape, c);
    scores[index(Cause::Timeout)] = timeout(s, shape, c);
    scores[index(Cause::UpdateManager)] = updateManager(s, shape, scores[index(Cause::Timeout)].value(), c);
    scores[index(Cause::Overload)] = overload(s, shape, c);
    scores[index(Cause::Unknown)] = unknown(s, c);
    return scores;
}

/// What the logs cannot show lowers the confidence instead of being silent: lists it in `out.limits`,
/// what would decide in `out.collectNext`, and returns the factor every confidence is multiplied by.
double visibility(const IncidentSignals& s, const BundleFacts& facts, Cause best, const ConfidenceRules& r,
                  Classification& out)
{
    double visible = 1.0;
    if (!facts.hasNginxErrorLog) {
        out.limits << QStringLiteral("the bundle has no nginx error log");
        visible -= r.noNginxErrorLogPenalty;
    } else if (facts.nginxErrorLogLevel.startsWith(QLatin1String("crit"))) {
        out.limits << QStringLiteral("nginx logs errors at crit (BOA default): upstream timeouts, resets "
                                     "and refused connections are not written");
        visible -= r.nginxAtCritPenalty;
    }
    if (!facts.hasFpmLog) {
        out.limits << QStringLiteral("the bundle has no PHP-FPM log");
        out.collectNext << QStringLiteral("/var/log/php/php*-fpm-error.log (and /var/backups/php-logs/)");
        visible -= r.noFpmLogPenalty;
    } else if (facts.fpmLogLevel.startsWith(QLatin1String("warning"))) {
        out.limits << QStringLiteral(
            "PHP-FPM logs at warning (BOA default): reloads and restarts leave almost no trace");
        visible -= r.fpmAtWarningPenalty;
    }
    if (!facts.hasAccessLog) {
        out.limits << QStringLiteral(
            "the bundle has no nginx access log: request times and URLs are partial");
        out.collectNext << QStringLiteral("/var/log/nginx/access.log");
        visible -= r.noAccessLogPenalty;
    }
    if ((best == Cause::Timeout || best == Cause::UpdateManager) && !facts.hasSlowLog) {
        out.limits << QStringLiteral("no PHP-FPM slowlog: what the requests waited on is unknown");
        out.collectNext << QStringLiteral("/var/log/php/fpm-*-slow.log");
        visible -= r.noSlowLogPenalty;
    }
    if (s.crashes > 0 && s.kernelSegfaults == 0) {
        out.limits << QStringLiteral("no kernel segfault lines: the crashing library cannot be named");
        out.collectNext << QStringLiteral(
            "/var/log/iptables.log (BOA routes kernel lines there), /var/log/syslog, /var/log/kern.log");
    }
    if (!s.limitMs && (best == Cause::Timeout || best == Cause::Overload))
        out.collectNext << QStringLiteral("the PHP-FPM pool .conf and nginx.conf, to know the time limits");
    return visible;
}

/// Evidence that two causes leave alike: says what would tell them apart and returns the cap on the
/// confidence (1 when the evidence is not of that kind).
double ambiguityCap(const IncidentSignals& s, const Shape& shape, Cause verdict, const ConfidenceRules& r,
                    Classification& out)
{
    const bool nothingListeningOnly = verdict == Cause::BackendDown &&
                                      s.connectMissing + s.connectRefused > 0 && !shape.fpmStopped &&
                                      !shape.mostHostsFailed && !shape.nothingSucceeded;
    if (nothingListeningOnly) {
        out.limits << QStringLiteral(
            "nginx found nothing listening at its PHP-FPM address: PHP-FPM was not running, or it listens "
            "elsewhere (fastcgi_pass and the pool's listen do not match, a setup mistake)");
        out.collectNext << QStringLiteral(
            "the PHP-FPM pool .conf (its listen =) and the PHP-FPM log of that time");
        return r.nothingListeningCap;
    }
    const bool fewCrashesOnly = (verdict == Cause::SegfaultRestart || verdict == Cause::PageCrash) &&
                                !shape.crashLoop && s.thresholdReloads == 0 && !shape.pageRepeats;
    if (fewCrashesOnly) {
        out.limits << QStringLiteral(
            "a crash or two cannot tell a page that crashes on every visit (page-crash) from crashes on "
            "random requests (segfault-restart): does the same URL fail every time?");
        out.collectNext << QStringLiteral(
            "the nginx access log of the day, to see which URLs failed and how often");
        return r.fewCrashesCap;
    }
    return 1.0;
}

} // namespace

double calibratedConfidence(double score, const ConfidenceRules& r)
{
    const auto& points = r.calibration;
    if (score <= points.front().first)
        return points.front().second;
    for (std::size_t k = 1; k < points.size(); ++k) {
        if (score <= points[k].first) {
            const auto [x0, y0] = points[k - 1];
            const auto [x1, y1] = points[k];
            return y0 + (y1 - y0) * (score - x0) / (x1 - x0);
        }
    }
    return points.back().second;
}

namespace {

/// Nothing fits well: unknown moves to the front, and the reasons say what the evidence points to
/// rather than force a cause.
QStringList giveWayToUnknown(Cause leading, const std::array<Score, kCauseCount>& scores)
{
    const QStringList& leadingReasons = scores[index(leading)].reasons();
    QStringList reasons = {
        QStringLiteral("too little evidence to name a cause; it points most to \"%1\"%2")
            .arg(causeTitle(leading).toLower(),
                 leadingReasons.isEmpty()
                     ? QString()
                     : QStringLiteral(" (") + leadingReasons.join(QStringLiteral(", ")) + u')')};
    reasons << scores[index(Cause::Unknown)].reasons().mid(1); // all but "no documented pattern fits well"
    return reasons;
}

} // namespace

Classification classifyIncident(const IncidentSignals& s, const BundleFacts& facts,
                                const AnalysisConfig& config)
{
    const std::array<Score, kCauseCount> scores = scoreCauses(s, config);
    const ConfidenceRules& r = config.confidence;

    // The verdict: the best documented cause, however thin its evidence, unless nothing documented fired or
    // the evidence points outside the catalogue more strongly (unknown's own score beyond its base).
    Cause leading = Cause::Unknown;
    for (std::size_t i = 0; i < kCauseCount; ++i) {
        const auto cause = static_cast<Cause>(i);
        if (cause != Cause::Unknown &&
            (leading == Cause::Unknown || scores[i].value() > scores[index(leading)].value()))
            leading = cause;
    }
    const double leadingScore = scores[index(leading)].value();
    const double unknownScore = scores[index(Cause::Unknown)].value();
    const bool outsideCatalogue = unknownScore > config.unknown.baseWeight;
    const bool noDocumentedCause = leadingScore < r.minVerdictScore;
    const Cause verdict =
        noDocumentedCause || (outsideCatalogue && unknownScore >= leadingScore) ? Cause::Unknown : leading;

    Classification result;
    for (std::size_t i = 0; i < kCauseCount; ++i) {
        result.scores[i] = scores[i].value();
        result.ranked.push_back({static_cast<Cause>(i), scores[i].value()});
    }
    std::stable_sort(result.ranked.begin(), result.ranked.end(),
                     [verdict](const CauseScore& a, const CauseScore& b) {
                         if ((a.cause == verdict) != (b.cause == verdict))
                             return a.cause == verdict;
                         return a.confidence > b.confidence;
                     });

    // The confidence: how well the evidence fits, lowered by what the logs cannot show and by thinness.
    const double visible = visibility(s, facts, verdict, r, result);
    const Shape shape = readShape(s, config);
    const double ambiguous = ambiguityCap(s, shape, verdict, r, result);
    for (CauseScore& score : result.ranked) {
        score.confidence = std::min(calibratedConfidence(score.confidence * visible, r), r.cap);
        if (shape.thin)
            score.confidence = std::min(score.confidence, r.thinCap);
        if (score.cause == verdict)
            score.confidence = std::min(score.confidence, ambiguous);
    }
    // Evidence pointing outside the catalogue keeps the confidence of its own score; no evidence at all
    // gets a fixed modest one.
    if (verdict == Cause::Unknown && noDocumentedCause && !outsideCatalogue)
        result.ranked.front().confidence = r.noEvidenceConfidence;
    if (verdict == Cause::Unknown && noDocumentedCause && leadingScore > 0)
        result.reasons = giveWayToUnknown(leading, scores);
    else
        result.reasons = scores[index(verdict)].reasons();
    if (shape.thin)
        result.limits << QStringLiteral(
            "only a few lines to judge by: the verdict is what they point to, not proven");
    if (!result.collectNext.isEmpty())
        result.collectNext << QStringLiteral(
            "all of these in one archive: the log collection script gateway-doctor-collect.sh, run on the "
            "server (installed with Gateway Doctor; Help > Log Collection Script)");
    // Alternatives are judged on the raw score: calibration lifts every score, even a zero, off the floor.
    // None is shown as likelier than the verdict: where a cap lowered the verdict, it speaks for them too.
    for (std::size_t k = 1; k < result.ranked.size(); ++k) {
        if (result.scores[index(result.ranked[k].cause)] >= r.alternativeMin) {
            CauseScore alternative = result.ranked[k];
            alternative.confidence = std::min(alternative.confidence, result.ranked.front().confidence);
            result.alternatives.push_back(alternative);
        }
    }
    return result;
}

} // namespace gd
