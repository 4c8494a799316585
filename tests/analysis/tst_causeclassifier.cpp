// The cause rules on hand-made signals: IncidentSignals values in, the ranking out, no bundle to import.
// One row per rule and per boundary that matters; expected scores are written with the weights of the
// default AnalysisConfig, so each row says which rules fired. Whole imports: tst_detectors, tst_lab_bundles.

#include "diagnose/causeclassifier.h"

#include <QTest>
#include <functional>
#include <initializer_list>

using namespace gd;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(gd::IncidentSignals)
Q_DECLARE_METATYPE(gd::BundleFacts)

namespace {

using S = IncidentSignals;
using Tweak = std::function<void(S&)>;
using Tweaks = std::initializer_list<Tweak>;

const AnalysisConfig c;

/// An incident no documented cause claims: 10 × 502 over 30 s on one of four busy hosts, spread over four
/// URLs, 60 % of them immediate, 90 of 100 requests fine at twice the usual rate, nothing else logged.
/// Only segfault-restart's "several URLs" and unknown's base weight score. The tweaks change it.
S quiet(Tweaks tweaks = {})
{
    S s;
    s.durationMs = 30'000;
    s.failures = s.count502 = 10;
    s.requests = 100;
    s.successes = 90;
    s.failingHosts = 1;
    s.activeHosts = 4;
    s.distinctUrls = 4;
    s.distinctClients = 6;
    s.topUrlShare = 0.4;
    s.immediateShare = 0.6;
    s.rateFactor = 2.0;
    s.spanKnown = true;
    for (const Tweak& tweak : tweaks)
        tweak(s);
    return s;
}

/// One field set to one value: set(&S::crashes, 3).
template <typename T, typename V> Tweak set(T S::*field, V value)
{
    return [field, value](S& s) { s.*field = static_cast<T>(value); };
}
Tweak hosts(std::uint32_t failing, std::uint32_t active)
{
    return [=](S& s) {
        s.failingHosts = failing;
        s.activeHosts = active;
    };
}
/// `successes` of the 100 requests answered during `ms`.
Tweak answered(std::uint32_t successes, std::int64_t ms)
{
    return [=](S& s) {
        s.successes = successes;
        s.durationMs = ms;
    };
}
/// `count` failing URLs, the most failing one with `topShare` of the failures.
Tweak urls(std::uint32_t count, double topShare)
{
    return [=](S& s) {
        s.distinctUrls = count;
        s.topUrlShare = topShare;
    };
}
/// A URL failed every time it was requested, with `topShare` of the failures.
Tweak repeats(double topShare)
{
    return [=](S& s) {
        s.urlsFailingEveryTime = 1;
        s.topUrlShare = topShare;
    };
}

// Starting points with a score to take penalties from.
const Tweak down = [](S& s) { // backend-down: 4 of 5 hosts failed, nginx could not connect
    hosts(4, 5)(s);
    s.connectRefused = 2;
};
const Tweak restarted = set(&S::fpmRestarts, 1); // backend-restart: PHP-FPM reloaded
const Tweak onePage = [](S& s) {                 // page-crash: one URL failing at once, every time
    urls(1, 1.0)(s);
    repeats(1.0)(s);
    s.immediateShare = 1.0;
    s.otherUrlsOk = 20;
};
const Tweak waited = [](S& s) { // timeout: every failure waited for the limit
    s.atLimitShare = 1.0;
    s.immediateShare = 0;
};
const Tweak maxChildren = set(&S::maxChildren, 1); // overload: the pool ran out of workers

/// A bundle with every log, at levels that show everything: confidence is the score itself.
BundleFacts everyLog(const std::function<void(BundleFacts&)>& change = {})
{
    BundleFacts facts;
    facts.hasAccessLog = facts.hasNginxErrorLog = facts.hasFpmLog = facts.hasSlowLog = true;
    if (change)
        change(facts);
    return facts;
}

QString id(Cause cause)
{
    const std::string_view text = causeId(cause);
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

double scoreOf(const Classification& result, const QString& cause)
{
    for (std::size_t i = 0; i < kCauseCount; ++i) {
        if (id(static_cast<Cause>(i)) == cause)
            return result.scores[i];
    }
    return -1;
}

double confidenceOf(double score)
{
    return calibratedConfidence(score, c.confidence);
}

void rule(const char* name, Cause cause, double expected, Tweaks tweaks)
{
    QTest::newRow(name) << quiet(tweaks) << id(cause) << expected;
}

} // namespace

class TestCauseClassifier : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rules_data();
    void rules();
    void winner_data();
    void winner();
    void visibility_data();
    void visibility();
};

void TestCauseClassifier::rules_data()
{
    QTest::addColumn<S>("signals");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<double>("score");

    const BackendDownRules& d = c.backendDown;
    const double downBase = d.mostHostsWeight + d.connectErrorsWeight;
    rule("down: nothing fires on the quiet incident", Cause::BackendDown, 0, {});
    rule("down: 4 of 5 hosts failed", Cause::BackendDown, d.mostHostsWeight, {hosts(4, 5)});
    rule("down: 3 of 4 hosts (under the share)", Cause::BackendDown, 0, {hosts(3, 4)});
    rule("down: the only host", Cause::BackendDown, 0, {hosts(1, 1)});
    rule("down: 10 % answered for 5 s", Cause::BackendDown, d.nothingSucceededWeight, {answered(10, 5'000)});
    rule("down: 11 % answered for 5 s", Cause::BackendDown, 0, {answered(11, 5'000)});
    rule("down: nothing answered for 4.999 s", Cause::BackendDown, 0, {answered(0, 4'999)});
    rule("down: no access log, no requests", Cause::BackendDown, 0,
         {set(&S::requests, 0), answered(0, 5'000)});
    rule("down: control panel failed", Cause::BackendDown, d.controlPanelWeight,
         {set(&S::controlPanelFailing, true)});
    rule("down: socket missing + refused", Cause::BackendDown, d.connectErrorsWeight,
         {set(&S::connectMissing, 1), set(&S::connectRefused, 1)});
    rule("down: one refused connect", Cause::BackendDown, 0, {set(&S::connectRefused, 1)});
    rule("down: FPM failed to start", Cause::BackendDown, d.startFailedWeight,
         {set(&S::fpmStartFailures, 1)});
    rule("down: BOA monitor outage", Cause::BackendDown, d.startFailedWeight, {set(&S::boaOutages, 1)});
    rule("down: 80 % immediate", Cause::BackendDown, d.immediateWeight, {set(&S::immediateShare, 0.8)});
    rule("down: 79 % immediate", Cause::BackendDown, 0, {set(&S::immediateShare, 0.79)});
    rule("down − 3 crashes", Cause::BackendDown, downBase - d.crashesPenalty, {down, set(&S::crashes, 3)});
    rule("down: 2 crashes", Cause::BackendDown, downBase, {down, set(&S::crashes, 2)});
    rule("down − 50 % waited", Cause::BackendDown, downBase - d.waitedPenalty,
         {down, set(&S::atLimitShare, 0.5)});
    rule("down − one URL failing 3 times", Cause::BackendDown, downBase - d.oneUrlPenalty,
         {down, urls(1, 1.0), set(&S::failures, 3)});
    rule("down: one URL failing twice", Cause::BackendDown, downBase,
         {down, urls(1, 1.0), set(&S::failures, 2)});

    const BackendRestartRules& r = c.backendRestart;
    rule("restart: FPM reloaded", Cause::BackendRestart, r.restartSeenWeight, {restarted});
    rule("restart: emergency reload", Cause::BackendRestart, r.restartSeenWeight,
         {set(&S::thresholdReloads, 1)});
    rule("restart: 15 s burst, immediate", Cause::BackendRestart, r.shortBurstWeight,
         {set(&S::durationMs, 15'000), set(&S::immediateShare, 0.8)});
    rule("restart: 15.001 s burst", Cause::BackendRestart, 0,
         {set(&S::durationMs, 15'001), set(&S::immediateShare, 0.8)});
    rule("restart: 2 of 4 URLs fine after", Cause::BackendRestart, r.okAfterWeight,
         {set(&S::urlsOkAfter, 2)});
    rule("restart: 1 of 4 URLs fine after", Cause::BackendRestart, 0, {set(&S::urlsOkAfter, 1)});
    rule("restart: 23:55 server time", Cause::BackendRestart, r.nearMidnightWeight,
         {set(&S::serverLocalMinuteOfDay, 23 * 60 + 55)});
    rule("restart: 23:54", Cause::BackendRestart, 0, {set(&S::serverLocalMinuteOfDay, 23 * 60 + 54)});
    rule("restart: 00:15", Cause::BackendRestart, r.nearMidnightWeight,
         {set(&S::serverLocalMinuteOfDay, 15)});
    rule("restart: 00:16", Cause::BackendRestart, 0, {set(&S::serverLocalMinuteOfDay, 16)});
    rule("restart: zone unknown", Cause::BackendRestart, 0, {set(&S::serverLocalMinuteOfDay, -1)});
    rule("restart: socket missing for 4.999 s", Cause::BackendRestart, r.briefConnectErrorsWeight,
         {set(&S::connectMissing, 1), set(&S::durationMs, 4'999)});
    rule("restart: socket missing for 5 s", Cause::BackendRestart, 0,
         {set(&S::connectMissing, 1), set(&S::durationMs, 5'000)});
    rule("restart: 50 % cut short", Cause::BackendRestart, r.cutShortWeight, {set(&S::cutShortShare, 0.5)});
    rule("restart: 49 % cut short", Cause::BackendRestart, 0, {set(&S::cutShortShare, 0.49)});
    rule("restart: cut short by a crash", Cause::BackendRestart, 0,
         {set(&S::cutShortShare, 0.5), set(&S::crashes, 1)});
    rule("restart: 2 requests ended together", Cause::BackendRestart, r.simultaneousEndsWeight,
         {set(&S::simultaneousEnds, 2)});
    rule("restart: 1 request ended", Cause::BackendRestart, 0, {set(&S::simultaneousEnds, 1)});
    rule("restart − a page repeating, 60 %", Cause::BackendRestart,
         r.restartSeenWeight - r.pageRepeatsPenalty, {restarted, repeats(0.6)});
    rule("restart: a page repeating, 59 %", Cause::BackendRestart, r.restartSeenWeight,
         {restarted, repeats(0.59)});
    rule("restart − 10 % answered for 20 s", Cause::BackendRestart, r.restartSeenWeight - r.longOutagePenalty,
         {restarted, answered(10, 20'000)});
    rule("restart: 10 % answered for 19.999 s", Cause::BackendRestart, r.restartSeenWeight,
         {restarted, answered(10, 19'999)});
    rule("restart − 3 crashes", Cause::BackendRestart, r.restartSeenWeight - r.crashesPenalty,
         {restarted, set(&S::crashes, 3)});

    const SegfaultRestartRules& g = c.segfaultRestart;
    rule("segv: several URLs", Cause::SegfaultRestart, g.severalUrlsWeight, {});
    rule("segv: 3 crashes", Cause::SegfaultRestart, g.severalUrlsWeight + g.crashesWeight,
         {set(&S::crashes, 3)});
    rule("segv: 2 crashes", Cause::SegfaultRestart, g.severalUrlsWeight + g.fewCrashesWeight,
         {set(&S::crashes, 2)});
    rule("segv: emergency reload", Cause::SegfaultRestart, g.severalUrlsWeight + g.thresholdReloadWeight,
         {set(&S::thresholdReloads, 1)});
    rule("segv: immediate", Cause::SegfaultRestart, g.severalUrlsWeight + g.immediateWeight,
         {set(&S::immediateShare, 0.8)});
    rule("segv: 2 URLs, 70 % on one", Cause::SegfaultRestart, 0, {urls(2, 0.7)});
    rule("segv: 2 URLs, 69 % on one", Cause::SegfaultRestart, g.severalUrlsWeight, {urls(2, 0.69)});
    rule("segv: 3 URLs, 70 % on one", Cause::SegfaultRestart, g.severalUrlsWeight, {urls(3, 0.7)});

    const PageCrashRules& p = c.pageCrash;
    const double page = p.repeatsWeight + p.oneUrlWeight + p.immediateWeight + p.otherUrlsOkWeight;
    rule("page: a URL repeating, 60 %", Cause::PageCrash, p.repeatsWeight, {urls(3, 0), repeats(0.6)});
    rule("page: a URL repeating, 59 %", Cause::PageCrash, 0, {urls(3, 0), repeats(0.59)});
    rule("page: one URL", Cause::PageCrash, p.oneUrlWeight, {urls(2, 0.7)});
    rule("page: immediate", Cause::PageCrash, p.immediateWeight,
         {urls(3, 0.4), set(&S::immediateShare, 0.8)});
    rule("page: other URLs worked", Cause::PageCrash, p.otherUrlsOkWeight,
         {urls(3, 0.4), set(&S::otherUrlsOk, 5)});
    rule("page: a child crashed", Cause::PageCrash, p.crashesWeight, {urls(3, 0.4), set(&S::crashes, 1)});
    rule("page: the whole pattern", Cause::PageCrash, page, {onePage});
    rule("page − 50 % waited", Cause::PageCrash, page - p.waitedPenalty,
         {onePage, set(&S::atLimitShare, 0.5)});
    rule("page − 49 % immediate", Cause::PageCrash, page - p.immediateWeight - p.notImmediatePenalty,
         {onePage, set(&S::immediateShare, 0.49)});
    rule("page: 50 % immediate", Cause::PageCrash, page - p.immediateWeight,
         {onePage, set(&S::immediateShare, 0.5)});
    rule("page − refused connect, no crash", Cause::PageCrash, page - p.connectErrorPenalty,
         {onePage, set(&S::connectRefused, 1)});
    rule("page: refused connect with a crash", Cause::PageCrash, page + p.crashesWeight,
         {onePage, set(&S::connectRefused, 1), set(&S::crashes, 1)});
    rule("page − 4 URLs", Cause::PageCrash, p.repeatsWeight - p.manyUrlsPenalty, {urls(4, 0), repeats(0.6)});

    const TimeoutRules& t = c.timeout;
    rule("timeout: 50 % waited", Cause::Timeout, t.waitedWeight, {set(&S::atLimitShare, 0.5)});
    rule("timeout: 49 % waited", Cause::Timeout, 0, {set(&S::atLimitShare, 0.49)});
    rule("timeout: FPM execution timed out", Cause::Timeout, t.timeoutsLoggedWeight, {set(&S::timedOut, 1)});
    rule("timeout: SIGTERM", Cause::Timeout, t.timeoutsLoggedWeight, {set(&S::sigterms, 1)});
    rule("timeout: nginx upstream timed out", Cause::Timeout, t.timeoutsLoggedWeight,
         {set(&S::upstreamTimedOut, 1)});
    rule("timeout: remote call", Cause::Timeout, t.remoteCallWeight, {set(&S::remoteCallTraces, 1)});
    rule("timeout: too slow", Cause::Timeout, t.tooSlowWeight, {set(&S::tooSlow, 1)});
    rule("timeout: too slow on a remote call", Cause::Timeout, t.remoteCallWeight,
         {set(&S::tooSlow, 1), set(&S::remoteCallTraces, 1)});
    rule("timeout: 3 URLs", Cause::Timeout, t.fewUrlsWeight, {set(&S::distinctUrls, 3)});
    rule("timeout − max_children without FPM timeouts", Cause::Timeout, t.waitedWeight - t.maxChildrenPenalty,
         {waited, maxChildren});
    rule("timeout: max_children with FPM timeouts", Cause::Timeout, t.waitedWeight + t.timeoutsLoggedWeight,
         {waited, maxChildren, set(&S::timedOut, 1)});

    const UpdateManagerRules& u = c.updateManager;
    const Tweak remote = set(&S::remoteCallTraces, 1);
    const double slowRemote = t.waitedWeight + t.remoteCallWeight;
    rule("update: a timeout, nothing about updates", Cause::UpdateManager, 0, {waited, remote});
    rule("update: Update Manager stacks", Cause::UpdateManager,
         slowRemote * u.timeoutShare + u.updateStacksWeight, {waited, remote, set(&S::updateTraces, 1)});
    rule("update: Update Manager pages", Cause::UpdateManager,
         slowRemote * u.timeoutShare + u.updatePagesWeight, {waited, remote, set(&S::updateUrlFailures, 1)});
    rule("update: pages, forcing distribution", Cause::UpdateManager,
         u.updatePagesWeight + u.distributionWeight,
         {set(&S::updateUrlFailures, 1), set(&S::distribution, u"openatrium"_s)});
    rule("update: a distribution alone", Cause::UpdateManager, 0, {set(&S::distribution, u"openatrium"_s)});

    const OverloadRules& o = c.overload;
    rule("overload: max_children", Cause::Overload, o.maxChildrenWeight, {maxChildren});
    rule("overload: listen queue full", Cause::Overload, o.listenQueueWeight, {set(&S::connectAgain, 1)});
    rule("overload: 3× the usual rate", Cause::Overload, o.burstWeight, {set(&S::rateFactor, 3.0)});
    rule("overload: 2.99× the usual rate", Cause::Overload, 0, {set(&S::rateFactor, 2.99)});
    rule("overload: 5 URLs", Cause::Overload, o.manyUrlsWeight, {set(&S::distinctUrls, 5)});
    rule("overload: 504s queued, no FPM timeout", Cause::Overload, o.maxChildrenWeight + o.queuedWeight,
         {maxChildren, set(&S::count504, 5)});
    rule("overload: 504s with an FPM timeout", Cause::Overload, o.maxChildrenWeight,
         {maxChildren, set(&S::count504, 5), set(&S::timedOut, 1)});
    rule("overload: 504s without max_children", Cause::Overload, 0, {set(&S::count504, 5)});
    rule("overload − one URL", Cause::Overload, o.maxChildrenWeight - o.oneUrlPenalty,
         {maxChildren, urls(2, 0.7)});
    rule("overload − 1.49× rate, 4 URLs", Cause::Overload, o.maxChildrenWeight - o.calmPenalty,
         {maxChildren, set(&S::rateFactor, 1.49)});
    rule("overload: 1.5× rate", Cause::Overload, o.maxChildrenWeight,
         {maxChildren, set(&S::rateFactor, 1.5)});

    const UnknownRules& n = c.unknown;
    rule("unknown: always a little", Cause::Unknown, n.baseWeight, {});
    rule("unknown: socket permission denied", Cause::Unknown, n.baseWeight + n.socketDeniedWeight,
         {set(&S::connectDenied, 1)});
    rule("unknown: response rejected", Cause::Unknown, n.baseWeight + n.badResponseWeight,
         {set(&S::badUpstreamResponse, 1)});
    rule("unknown: OOM kill", Cause::Unknown, n.baseWeight + n.oomWeight, {set(&S::oomKills, 1)});
    rule("unknown: SIGKILL, no time limit", Cause::Unknown, n.baseWeight + n.sigkillWeight,
         {set(&S::sigkills, 1)});
    rule("unknown: SIGKILL after the time limit", Cause::Unknown, n.baseWeight,
         {set(&S::sigkills, 1), set(&S::timedOut, 1)});
    rule("unknown: SIGKILL beside an OOM kill counts once", Cause::Unknown, n.baseWeight + n.oomWeight,
         {set(&S::sigkills, 1), set(&S::oomKills, 1)});
}

void TestCauseClassifier::rules()
{
    QFETCH(S, signals);
    QFETCH(QString, cause);
    QFETCH(double, score);
    QCOMPARE(scoreOf(classifyIncident(signals, everyLog(), c), cause), score);
}

void TestCauseClassifier::winner_data()
{
    QTest::addColumn<S>("signals");
    QTest::addColumn<BundleFacts>("facts");
    QTest::addColumn<QString>("winner");
    QTest::addColumn<QStringList>("alternatives");
    QTest::addColumn<QString>("reason");

    const Tweak immediate = set(&S::immediateShare, 1.0);
    QTest::newRow("backend-down") << quiet({hosts(5, 5), answered(0, 90'000),
                                            set(&S::controlPanelFailing, true), set(&S::connectRefused, 20),
                                            immediate, set(&S::distinctUrls, 12)})
                                  << everyLog() << "backend-down"
                                  << QStringList{u"segfault-restart"_s, u"unknown"_s, u"overload"_s}
                                  << "5 of 5 active hosts failed";
    QTest::newRow("backend-restart") << quiet({restarted, set(&S::durationMs, 3'000), immediate,
                                               set(&S::urlsOkAfter, 4), set(&S::connectMissing, 3)})
                                     << everyLog() << "backend-restart"
                                     << QStringList{u"backend-down"_s, u"segfault-restart"_s, u"unknown"_s}
                                     << "4 of 4 failing URLs worked again right after";
    QTest::newRow("segfault-restart")
        << quiet({set(&S::crashes, 8), set(&S::thresholdReloads, 1), set(&S::kernelSegfaults, 8), immediate,
                  set(&S::distinctUrls, 6)})
        << everyLog() << "segfault-restart" << QStringList{u"backend-restart"_s, u"unknown"_s, u"overload"_s}
        << "8 PHP-FPM children crashed";
    QTest::newRow("page-crash") << quiet({onePage, set(&S::crashes, 2), set(&S::kernelSegfaults, 2)})
                                << everyLog() << "page-crash"
                                << QStringList{u"segfault-restart"_s, u"unknown"_s}
                                << "1 URL(s) failed every time they were requested";
    const Tweak timeout = [](S& s) {
        waited(s);
        s.count502 = 0;
        s.count504 = 10;
        s.timedOut = 3;
        s.remoteCallTraces = 2;
        urls(2, 0.5)(s);
        s.limitMs = 30'000;
        s.limitSource = u"configuration in the bundle"_s;
    };
    QTest::newRow("timeout")
        << quiet({timeout}) << everyLog() << "timeout" << QStringList{u"unknown"_s}
        << "100 % of failures waited about the limit of 30 s (configuration in the bundle)";
    QTest::newRow("update-manager") << quiet({timeout, set(&S::updateTraces, 2),
                                              set(&S::updateUrlFailures, 3),
                                              set(&S::distribution, u"openatrium"_s)})
                                    << everyLog() << "update-manager"
                                    << QStringList{u"timeout"_s, u"unknown"_s}
                                    << "the site runs openatrium, which forces the module on";
    QTest::newRow("overload") << quiet({maxChildren, set(&S::connectAgain, 10), set(&S::rateFactor, 4.0),
                                        set(&S::distinctUrls, 40), set(&S::distinctClients, 30)})
                              << everyLog() << "overload" << QStringList{u"unknown"_s}
                              << "40 different URLs from 30 clients failed";
    QTest::newRow("unknown: socket permissions")
        << quiet({set(&S::connectDenied, 10), immediate}) << everyLog() << "unknown"
        << QStringList{u"segfault-restart"_s} << "nginx was denied access to the PHP-FPM socket";
    QTest::newRow("a reload alone, every log: restart")
        << quiet({restarted}) << everyLog() << "backend-restart" << QStringList{u"unknown"_s}
        << "reloaded at that moment";
    QTest::newRow("a reload alone, no FPM or access log: still the restart, with less confidence")
        << quiet({restarted}) << everyLog([](BundleFacts& f) { f.hasFpmLog = f.hasAccessLog = false; })
        << "backend-restart" << QStringList{u"unknown"_s} << "reloaded at that moment";
    QTest::newRow("too little documented evidence: unknown, saying what it points to")
        << quiet({set(&S::distinctUrls, 1), set(&S::topUrlShare, 0.1)}) << everyLog() << "unknown"
        << QStringList{} << "too little evidence to name a cause";
}

void TestCauseClassifier::winner()
{
    QFETCH(S, signals);
    QFETCH(BundleFacts, facts);
    QFETCH(QString, winner);
    QFETCH(QStringList, alternatives);
    QFETCH(QString, reason);
    const Classification result = classifyIncident(signals, facts, c);
    QCOMPARE(id(result.ranked.front().cause), winner);
    QStringList alternativeIds;
    for (const CauseScore& score : result.alternatives) {
        QVERIFY(score.confidence >= c.confidence.alternativeMin);
        // An alternative is never shown as likelier than the verdict.
        QVERIFY(score.confidence <= result.ranked.front().confidence);
        alternativeIds << id(score.cause);
    }
    QCOMPARE(alternativeIds, alternatives);
    const QString reasons = result.reasons.join(QStringLiteral("; "));
    QVERIFY2(reasons.contains(reason), qPrintable(reasons));
}

void TestCauseClassifier::visibility_data()
{
    QTest::addColumn<S>("signals");
    QTest::addColumn<BundleFacts>("facts");
    QTest::addColumn<double>("confidence");
    QTest::addColumn<QString>("limit");
    QTest::addColumn<QString>("collect");

    const ConfidenceRules& v = c.confidence;
    const S restart = quiet({restarted, set(&S::simultaneousEnds, 2)});
    const double restartScore = c.backendRestart.restartSeenWeight + c.backendRestart.simultaneousEndsWeight;
    const Tweak remote = set(&S::remoteCallTraces, 1);
    const S timeout = quiet({waited, remote, set(&S::limitMs, 30'000)});
    const double timeoutScore = c.timeout.waitedWeight + c.timeout.remoteCallWeight;
    const SegfaultRestartRules& g = c.segfaultRestart;

    QTest::newRow("every log") << restart << everyLog() << confidenceOf(restartScore) << QString()
                               << QString();
    QTest::newRow("no nginx error log")
        << restart << everyLog([](BundleFacts& f) { f.hasNginxErrorLog = false; })
        << confidenceOf(restartScore * (1 - v.noNginxErrorLogPenalty)) << "no nginx error log" << QString();
    QTest::newRow("nginx at crit") << restart
                                   << everyLog([](BundleFacts& f) { f.nginxErrorLogLevel = u"crit"_s; })
                                   << confidenceOf(restartScore * (1 - v.nginxAtCritPenalty)) << "at crit"
                                   << QString();
    QTest::newRow("no PHP-FPM log") << restart << everyLog([](BundleFacts& f) { f.hasFpmLog = false; })
                                    << confidenceOf(restartScore * (1 - v.noFpmLogPenalty))
                                    << "no PHP-FPM log"
                                    << "fpm-error.log";
    QTest::newRow("PHP-FPM at warning")
        << restart << everyLog([](BundleFacts& f) { f.fpmLogLevel = u"warning"_s; })
        << confidenceOf(restartScore * (1 - v.fpmAtWarningPenalty)) << "at warning" << QString();
    QTest::newRow("no access log") << restart << everyLog([](BundleFacts& f) { f.hasAccessLog = false; })
                                   << confidenceOf(restartScore * (1 - v.noAccessLogPenalty))
                                   << "no nginx access log"
                                   << "/var/log/nginx/access.log";
    QTest::newRow("only the access log")
        << restart
        << everyLog([](BundleFacts& f) { f.hasNginxErrorLog = f.hasFpmLog = f.hasSlowLog = false; })
        << confidenceOf(restartScore * (1 - v.noNginxErrorLogPenalty - v.noFpmLogPenalty)) << "no PHP-FPM log"
        << "fpm-error.log";
    QTest::newRow("no slowlog, not a timeout")
        << restart << everyLog([](BundleFacts& f) { f.hasSlowLog = false; }) << confidenceOf(restartScore)
        << QString() << QString();
    QTest::newRow("no slowlog, a timeout")
        << timeout << everyLog([](BundleFacts& f) { f.hasSlowLog = false; })
        << confidenceOf(timeoutScore * (1 - v.noSlowLogPenalty)) << "no PHP-FPM slowlog"
        << "slow.log";
    QTest::newRow("a timeout without a known limit")
        << quiet({waited, remote}) << everyLog() << confidenceOf(timeoutScore) << QString()
        << "to know the time limits";
    QTest::newRow("crashes without kernel lines: said, not penalized")
        << quiet({set(&S::crashes, 8), set(&S::thresholdReloads, 1)}) << everyLog()
        << confidenceOf(g.crashesWeight + g.thresholdReloadWeight + g.severalUrlsWeight)
        << "no kernel segfault lines"
        << "kern.log";
    QTest::newRow("every backend-down rule: capped")
        << quiet({hosts(5, 5), answered(0, 30'000), set(&S::controlPanelFailing, true),
                  set(&S::connectRefused, 20), set(&S::fpmStartFailures, 1), set(&S::immediateShare, 1.0)})
        << everyLog() << v.cap << QString() << QString();
}

void TestCauseClassifier::visibility()
{
    QFETCH(S, signals);
    QFETCH(BundleFacts, facts);
    QFETCH(double, confidence);
    QFETCH(QString, limit);
    QFETCH(QString, collect);
    const Classification result = classifyIncident(signals, facts, c);
    QCOMPARE(result.ranked.front().confidence, confidence);
    const QString limits = result.limits.join(QStringLiteral("; "));
    const QString collectNext = result.collectNext.join(QStringLiteral("; "));
    QVERIFY2(limit.isEmpty() ? limits.isEmpty() : limits.contains(limit), qPrintable(limits));
    QVERIFY2(collect.isEmpty() ? collectNext.isEmpty() : collectNext.contains(collect),
             qPrintable(collectNext));
}

QTEST_GUILESS_MAIN(TestCauseClassifier)
#include "tst_causeclassifier.moc"
