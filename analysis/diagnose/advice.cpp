#include "diagnose/advice.h"

namespace gd {

namespace {

QString firstUrls(const Incident& incident, int count)
{
    QStringList urls;
    for (const UrlStat& url : incident.urls) {
        if (urls.size() == count)
            break;
        urls << url.host + url.path;
    }
    return urls.join(QStringLiteral(", "));
}

QString seconds(std::int64_t ms)
{
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 0);
}

} // namespace

SegfaultAttribution::Kind classifySegfaultModule(const QString& module)
{
    if (module.isEmpty())
        return SegfaultAttribution::Kind::Unknown;
    if (module.startsWith(QLatin1String("php-fpm")) ||
        (module.startsWith(QLatin1String("php")) && !module.contains(u'.')))
        return SegfaultAttribution::Kind::Core;
    if (module.startsWith(QLatin1String("libc")) || module.startsWith(QLatin1String("ld-linux")) ||
        module.startsWith(QLatin1String("libpthread")))
        return SegfaultAttribution::Kind::Unknown; // memory corruption can come from anywhere
    return SegfaultAttribution::Kind::Extension;
}

QString adviceFor(const Incident& incident, const IncidentSignals& signals, const BundleFacts& facts)
{
    QStringList steps;
    switch (incident.cause) {
    case Cause::BackendDown:
        steps << QStringLiteral(
            "This is on the system side, not the site: PHP-FPM was not answering for any site.");
        steps << QStringLiteral(
            "Check why PHP-FPM was down at that time: the BOA monitor logs "
            "(/var/xdrago/log/php.incident.log, "
            "system.incident.log, high.load.incident.log), OOM kills in the kernel log, and whether "
            "/var/backups/php-logs/ got a new folder (a forced restart).");
        steps << QStringLiteral(
            "If it lasted more than a minute, the auto-healing did not restart PHP-FPM: check the monitor "
            "cron jobs and the PHP-FPM start errors.");
        break;
    case Cause::BackendRestart:
        steps << QStringLiteral(
            "A single burst during a PHP-FPM reload needs no fix: reloading the page works.");
        steps << QStringLiteral(
            "If such bursts repeat, find what reloads PHP-FPM at those times (BOA monitors, "
            "manage_ltd_users.sh after pool changes, deployments, logrotate) and schedule it off-peak.");
        if (signals.thresholdReloads > 0)
            steps << QStringLiteral(
                "This reload was an emergency restart after crashing workers: treat it as crashes (see the "
                "segfault evidence) rather than maintenance.");
        break;
    case Cause::SegfaultRestart:
    case Cause::PageCrash: {
        if (incident.cause == Cause::PageCrash)
            steps
                << QStringLiteral(
                       "The code loaded by %1 crashes PHP-FPM every time. Review what changed in the site's "
                       "code or configuration before it started (a theme upgrade in the admin area, "
                       "duplicate "
                       "or conflicting views or menu items) and revert the changes one by one.")
                       .arg(firstUrls(incident, 3));
        else
            steps
                << QStringLiteral(
                       "PHP-FPM workers crashed until the emergency restart threshold (%1) reloaded it. Find "
                       "the "
                       "pages that were loading when they crashed (%2) and revert recent code changes there.")
                       .arg(facts.emergencyRestartThreshold
                                ? QString::number(*facts.emergencyRestartThreshold)
                                : QStringLiteral("emergency_restart_threshold"),
                            firstUrls(incident, 3));
        if (incident.segfault) {
            switch (incident.segfault->kind) {
            case SegfaultAttribution::Kind::Extension:
                steps << QStringLiteral("The kernel names %1 as the crashing library: a PHP extension. "
                                        "Update it, or disable "
                                        "it in the pool's php.ini to confirm%2.")
                             .arg(incident.segfault->module,
                                  incident.segfault->module == QLatin1String("opcache.so")
                                      ? QStringLiteral(" (for opcache, try opcache.jit=off first)")
                                      : QString());
                break;
            case SegfaultAttribution::Kind::Core:
                steps << QStringLiteral(
                    "The kernel names the php-fpm binary itself: PHP core. Try another PHP version for "
                    "this site; a stack overflow (infinite recursion in site code) also shows this way.");
                break;
            case SegfaultAttribution::Kind::Unknown:
                steps
                    << QStringLiteral(
                           "The crashing library (%1) does not tell extension from PHP core: use the failing "
                           "URLs instead.")
                           .arg(incident.segfault->module.isEmpty() ? QStringLiteral("none named")
                                                                    : incident.segfault->module);
                break;
            }
        }
        break;
    }
    case Cause::Timeout:
        steps << QStringLiteral(
                     "The requests ran into the time limit%1: the site waits too long, usually for a remote "
                     "server. Find which part of %2 makes the slow call (the slowlog stacks in the evidence "
                     "show "
                     "it) and disable it temporarily until the remote service answers fast enough.")
                     .arg(signals.limitMs ? QStringLiteral(" of %1").arg(seconds(*signals.limitMs))
                                          : QString(),
                          firstUrls(incident, 3));
        steps << QStringLiteral(
            "Raising request_terminate_timeout / fastcgi_read_timeout only makes visitors wait longer.");
        break;
    case Cause::UpdateManager:
        steps << QStringLiteral(
            "Drupal's Update Manager module waits for drupal.org on these requests. Disable it "
            "(drush pm-disable update, or uninstall on Drupal 8+) and check for updates from the "
            "command line instead.");
        if (!signals.distribution.isEmpty())
            steps << QStringLiteral("This site runs the %1 distribution, whose dependencies keep the module "
                                    "enabled: disable "
                                    "the update checks in its settings or ask the distribution maintainers.")
                         .arg(signals.distribution);
        break;
    case Cause::Overload:
        // Without the requests of the time (PHP-FPM's log alone) there are no URLs or clients to count.
        steps << (signals.distinctClients > 0
                      ? QStringLiteral(
                            "PHP-FPM had too few workers for the demand: many different, uncached URLs "
                            "from %1 clients.")
                            .arg(signals.distinctClients)
                      : QStringLiteral("PHP-FPM had too few workers for the demand."));
        if (!facts.dosProtectionDisabledIn.isEmpty())
            steps << QStringLiteral(
                         "DoS protection is disabled in %1: re-enable it (disable_admin_dos_protection = "
                         "FALSE) so "
                         "anonymous hits on never-cached URLs are refused before they reach PHP-FPM.")
                         .arg(facts.dosProtectionDisabledIn.join(QStringLiteral(", ")));
        else
            steps << QStringLiteral(
                "If the site is under attack, make sure DoS protection is on: "
                "disable_admin_dos_protection must not be TRUE in boa_site_control.ini or "
                "boa_platform_control.ini.");
        steps << QStringLiteral("Only raise pm.max_children if the server has the memory for more workers.");
        break;
    case Cause::Unknown:
        steps << QStringLiteral(
            "The failures do not match a documented pattern. What the logs do show is listed as evidence.");
        if (signals.connectDenied > 0)
            steps << QStringLiteral(
                "nginx was denied access to the PHP-FPM socket: check the socket's owner and listen.mode.");
        if (signals.badUpstreamResponse > 0)
            steps << QStringLiteral("PHP-FPM sent headers nginx rejected: look for very large cookies or "
                                    "headers set by the site.");
        if (signals.oomKills > 0)
            steps << QStringLiteral(
                "The kernel killed processes for lack of memory: check memory use around that time.");
        else if (signals.sigkills > 0 && signals.timedOut == 0)
            steps << QStringLiteral(
                "PHP-FPM workers were killed with SIGKILL: look for the kernel's OOM killer "
                "(\"Out of memory: Killed process\") in kern.log or syslog at that time, and "
                "for anything that kills processes on the server.");
        break;
    case Cause::Count_:
        break;
    }
    if (!incident.collectNext.isEmpty())
        steps
            << QStringLiteral("To decide, collect: %1.").arg(incident.collectNext.join(QStringLiteral("; ")));
    return steps.join(u' ');
}

} // namespace gd
