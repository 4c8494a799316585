#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace gd {

// Each cause's rules add a weight when they fire ("Weight") or take one away ("Penalty"); a cause's score is
// the sum, kept within 0..1. What each cause leaves behind: docs/causes.md.

/// backend-down: PHP-FPM unreachable for every site for a while.
struct BackendDownRules {
    std::int64_t minMs = 5'000;           ///< an outage shorter than this is a restart, not "down"
    double minHostShare = 0.8;            ///< at least this share of the hosts active around it failed...
    std::uint32_t minHosts = 2;           ///< ...and at least this many hosts
    std::uint32_t minConnectErrors = 2;   ///< nginx "socket missing" plus "refused" lines that show FPM gone
    std::uint32_t oneUrlMinFailures = 3;  ///< one URL failing at least this often points to a page instead
    double mostHostsWeight = 0.25;        ///< + most of the active hosts failed
    double nothingSucceededWeight = 0.25; ///< + almost nothing succeeded for at least minMs
    double controlPanelWeight = 0.1;      ///< + the Aegir control panel failed too
    double connectErrorsWeight = 0.25;    ///< + nginx could not connect to PHP-FPM
    double startFailedWeight = 0.3;       ///< + PHP-FPM failed to start, or a BOA monitor stopped it
    double immediateWeight = 0.1;         ///< + the failures were immediate
    double crashesPenalty = 0.2;          ///< − children crashed: a crash loop instead
    double waitedPenalty = 0.3;           ///< − the failures waited for the time limit: a timeout instead
    double oneUrlPenalty = 0.3;           ///< − one URL failed over and over: a page instead
};

/// backend-restart: a one-off burst while PHP-FPM reloads or restarts.
struct BackendRestartRules {
    std::int64_t maxBurstMs = 15'000; ///< a burst of immediate failures at most this long is short
    double minOkAfterShare = 0.5;     ///< at least this share of the failing URLs worked again right after
    double minCutShortShare = 0.5;    ///< at least this share of failures cut off before any time limit
    std::uint32_t minSimultaneousEnds = 2; ///< at least this many waiting requests failed in the same second
    std::int64_t longOutageFactor = 4; ///< nothing succeeding this many times backendDown.minMs is no restart
    int minutesBeforeMidnight = 5;     ///< maintenance restarts run from this many minutes before midnight...
    int minutesAfterMidnight = 15;     ///< ...to this many after (server-local time)
    double restartSeenWeight = 0.4;    ///< + PHP-FPM was stopped, started or reloaded at that moment
    double shortBurstWeight = 0.2;     ///< + a short burst of immediate failures
    double okAfterWeight = 0.15;       ///< + the failing URLs worked again right after
    double nearMidnightWeight = 0.1;   ///< + it happened when maintenance restarts run
    double briefConnectErrorsWeight = 0.1; ///< + nginx briefly found no PHP-FPM listening
    double cutShortWeight = 0.2;           ///< + requests cut off mid-request, without a crash
    double simultaneousEndsWeight = 0.2;   ///< + requests in progress failed together, as workers stopped
    double pageRepeatsPenalty = 0.3;       ///< − one URL failing every time: a page instead
    double longOutagePenalty = 0.2;        ///< − nothing succeeded for a long time: backend-down instead
    double crashesPenalty = 0.15; ///< − children crashed: crashes explain failures better than a restart
};

/// segfault-restart: children crash until the emergency restart threshold reloads PHP-FPM.
struct SegfaultRestartRules {
    std::uint32_t minCrashes = 3; ///< this many crashed children in the incident's context is a crash loop
    double crashesWeight = 0.4;   ///< + at least minCrashes children crashed
    double thresholdReloadWeight = 0.35; ///< + the emergency restart threshold reloaded PHP-FPM
    double immediateWeight = 0.1;        ///< + the failures were immediate
    double severalUrlsWeight = 0.1;      ///< + not one URL: crashes hit whatever was running
    double fewCrashesWeight = 0.3;       ///< + some children crashed, fewer than minCrashes
    /// + a worker went away mid-request (nginx "recv() failed (104)", "prematurely closed") with nothing
    /// pointing to a time limit or a restart: a crash is the likeliest reason
    double workerDiedWeight = 0.2;
};

/// page-crash: one page fails every time, immediately, while the rest of the site works.
struct PageCrashRules {
    std::uint32_t minHits = 2;        ///< a URL "fails every time" after at least this many failures...
    double failShare = 0.9;           ///< ...on at least this share of its requests...
    double minTopShare = 0.6;         ///< ...and repeats when the top URL has at least this share of failures
    double minImmediateShare = 0.5;   ///< fewer immediate failures than this share is no page crash
    double repeatsWeight = 0.45;      ///< + a URL failed every time it was requested
    double oneUrlWeight = 0.1;        ///< + the failures concentrate on one URL
    double immediateWeight = 0.15;    ///< + the failures were immediate
    double otherUrlsOkWeight = 0.15;  ///< + other requests on the same hosts succeeded meanwhile
    double crashesWeight = 0.1;       ///< + PHP-FPM children crashed at the same time
    double waitedPenalty = 0.3;       ///< − the failures waited for the time limit
    double notImmediatePenalty = 0.3; ///< − fewer than minImmediateShare of the failures were immediate
    double connectErrorPenalty = 0.4; ///< − a failed connect without crashes never reached page code
    double manyUrlsPenalty = 0.2;     ///< − more than a few URLs failed
};

/// timeout: requests killed at the configured time limit, usually waiting on a remote call.
struct TimeoutRules {
    double waitedWeight = 0.45; ///< + most failures waited about the time limit
    double timeoutsLoggedWeight =
        0.2;                          ///< + FPM "execution timed out", SIGTERMs or nginx "upstream timed out"
    double remoteCallWeight = 0.2;    ///< + slowlog stacks wait on a remote call
    double tooSlowWeight = 0.1;       ///< + PHP-FPM reported slow requests (and no remote call was seen)
    double fewUrlsWeight = 0.05;      ///< + few URLs involved
    double maxChildrenPenalty = 0.25; ///< − max_children reached without PHP-FPM timeouts: overload instead
    double immediatePenalty = 0.3;    ///< − the failures were answered at once: nothing ran into a limit
};

/// update-manager: the timeout family, where the slow calls are Drupal's Update Manager.
struct UpdateManagerRules {
    double timeoutShare = 0.6;        ///< + this share of the timeout score: it is a timeout first
    double updateStacksWeight = 0.35; ///< + slowlog stacks in the Update Manager
    double updatePagesWeight = 0.15;  ///< + Update Manager pages failed
    double distributionWeight = 0.05; ///< + the site runs a distribution that forces the module on
    double immediatePenalty = 0.3;    ///< − the failures were answered at once: no request hung
};

/// overload: not enough workers for the demand, random URLs fail during a burst.
struct OverloadRules {
    double burstRateFactor = 3.0;    ///< a request rate this many times the bundle's median is a burst
    double calmRateFactor = 1.5;     ///< below this many times the median rate, traffic was ordinary
    std::uint32_t minUrls = 5;       ///< at least this many distinct URLs failing is "many"
    double maxChildrenWeight = 0.35; ///< + PHP-FPM reached max_children
    double listenQueueWeight = 0.3;  ///< + the listen queue overflowed (EAGAIN)
    double busyWeight = 0.2;         ///< + PHP-FPM "seems busy": spawning as fast as it may
    double burstWeight = 0.2;        ///< + traffic ran at burstRateFactor or more
    double manyUrlsWeight = 0.15;    ///< + many different URLs failed
    /// + 504s while the pool was full and PHP-FPM timed nothing out: requests waited in the queue
    double queuedWeight = 0.2;
    double oneUrlPenalty = 0.2; ///< − the failures concentrate on one URL
    double calmPenalty = 0.2;   ///< − ordinary traffic and few URLs
};

/// unknown: the evidence fits none of the documented patterns.
struct UnknownRules {
    double baseWeight = 0.2;          ///< + always: what "no documented pattern fits" scores
    double socketDeniedWeight = 0.45; ///< + nginx was denied access to the PHP-FPM socket
    double badResponseWeight = 0.35;  ///< + nginx rejected PHP-FPM's answer (headers too big or invalid)
    double oomWeight = 0.25;          ///< + the kernel killed processes for lack of memory
    /// + PHP-FPM workers killed with SIGKILL and no time limit logged: the OOM killer or an administrator
    double sigkillWeight = 0.25;
    double unreachableWeight = 0.45; ///< + nginx's upstream address does not exist here (99, 101, 113)
    double wrongAddressWeight = 0.5; ///< + no pool of the bundle's configuration listens where nginx connects
    /// + a PHP-FPM start failed on "Address already in use": another one was running and serving
    double alreadyListeningWeight = 0.2;
};

/// What the bundle cannot show lowers every cause's confidence; where the ranking gives way to unknown.
struct ConfidenceRules {
    double noNginxErrorLogPenalty = 0.05; ///< − the bundle has no nginx error log
    double nginxAtCritPenalty = 0.05; ///< − nginx logs at crit (BOA default): timeouts and refusals unwritten
    double noFpmLogPenalty = 0.15;    ///< − the bundle has no PHP-FPM log
    double fpmAtWarningPenalty = 0.05; ///< − PHP-FPM logs at warning (BOA default): reloads leave no trace
    double noAccessLogPenalty = 0.15; ///< − the bundle has no access log: request times and URLs are partial
    double noSlowLogPenalty = 0.1;    ///< − a timeout without the slowlog that shows what it waited on
    double cap = 0.97;                ///< no verdict from logs alone is certain
    /// The best documented cause names the verdict from this score on, however thin the evidence (its
    /// confidence says how thin); below it, or when evidence outside the catalogue scores higher: unknown.
    double minVerdictScore = 0.15;
    /// Thin evidence (a few lines, no traffic around them): confidence stays below this.
    double thinCap = 0.75;
    /// Unknown for want of any documented evidence: how sure "we cannot tell" is.
    double noEvidenceConfidence = 0.3;
    /// backend-down resting on nginx's connect errors alone: nothing listened at the address nginx uses,
    /// which a stopped PHP-FPM and a wrong address (outside the catalogue) leave alike.
    double nothingListeningCap = 0.55;
    /// A crash verdict resting on a crash or two, with no emergency reload and no URL failing every
    /// time: page-crash and segfault-restart leave the same lines.
    double fewCrashesCap = 0.6;
    /// From a score (rules' weights, lowered by what the logs cannot show) to a confidence that says how
    /// often such a verdict is right: piecewise linear through these (score, confidence) points, fitted on
    /// the real-world corpus and the lab bundles (tests/realworld/tst_realworld_diagnosis prints the table).
    std::array<std::pair<double, double>, 6> calibration{
        {{0.0, 0.3}, {0.15, 0.55}, {0.3, 0.7}, {0.5, 0.85}, {0.8, 0.93}, {1.0, 0.97}}};
    double alternativeMin = 0.15; ///< other causes scoring at least this are listed as alternatives
};

/// Every threshold and weight of the analysis, in one place, passed in (never global).
/// Defaults follow the support document and docs/causes.md; timeouts are NOT here on purpose:
/// they come from the bundle's own config files, or are learned from the data.
struct AnalysisConfig {
    /// Failures further apart than this start a new incident.
    std::int64_t incidentGapMs = 60'000;
    /// Inside one run of failures, a pause at least this long where the failures change character
    /// (one page failing over and over, then random URLs, or the reverse) splits two incidents.
    std::int64_t patternSplitGapMs = 2'000;
    /// ...with at least this many failures (1 or more) on each side...
    std::size_t patternSplitMinFailures = 2;
    /// ..."one page failing": at most this many URLs, the most failing one with at least this share...
    std::size_t patternFocusedMaxUrls = 2;
    double patternFocusedMinShare = 0.8;
    /// ..."random URLs": at least this many URLs, the most failing one with less than this share.
    std::size_t patternSpreadMinUrls = 3;
    double patternSpreadMaxShare = 0.5;

    /// Context around an incident in which FPM/kernel/BOA events count as related.
    std::int64_t contextMarginMs = 30'000;
    /// How long after an incident a failing URL is looked at again ("does it work on retry?").
    std::int64_t retryWindowMs = 600'000;
    /// A failure answered faster than this was "immediate" (a crash or refused connect, not a wait).
    std::uint32_t immediateMs = 1'000;
    /// A failure at or beyond this fraction of the time limit waited for the limit.
    double atLimitFraction = 0.8;
    /// Learning the limit from the 504s: only waits at least this long count...
    std::uint32_t learnedLimitMinWaitMs = 1'000;
    /// ...and at least this many of them.
    std::size_t learnedLimitMinWaits = 2;

    // Readings of the signals that several causes' rules share.
    /// "The failures were immediate" when at least this share of them was.
    double mostlyImmediateShare = 0.8;
    /// "The failures waited for the limit" when at least this share of them did.
    double mostlyWaitedShare = 0.5;
    /// "One URL": at most this many failing URLs...
    std::uint32_t oneUrlMaxUrls = 2;
    /// ...the most failing one with at least this share of the failures.
    double oneUrlMinShare = 0.7;
    /// At most this many failing URLs are "few".
    std::uint32_t fewUrls = 3;
    /// At most this share of the window's requests answered: "almost nothing succeeded".
    double nothingSucceededShare = 0.1;

    BackendDownRules backendDown;
    BackendRestartRules backendRestart;
    SegfaultRestartRules segfaultRestart;
    PageCrashRules pageCrash;
    TimeoutRules timeout;
    UpdateManagerRules updateManager;
    OverloadRules overload;
    UnknownRules unknown;
    ConfidenceRules confidence;

    /// A server of loose text (pasted lines, container output) with at most this many events is one ticket's
    /// lines: all of it is one finding, however far apart its times (or with none at all).
    std::size_t ticketMaxEvents = 5'000;
    /// Thin evidence: at most this many failures and no traffic around them beyond thinMaxOtherRequests.
    std::uint32_t thinMaxFailures = 2;
    std::uint32_t thinMaxOtherRequests = 2;
    /// An incident with at most this many failures within sporadicMaxMs is isolated; the isolated ones of a
    /// server are listed together per day and cause ("sporadic failures") instead of one row each.
    std::uint32_t sporadicMaxFailures = 2;
    std::int64_t sporadicMaxMs = 10'000;

    /// Evidence lines kept per role, so the list stays readable.
    std::uint32_t evidencePerRole = 3;
    /// Failing URLs listed per incident.
    std::uint32_t maxUrls = 20;
};

} // namespace gd
