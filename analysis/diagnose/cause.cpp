#include "diagnose/cause.h"

#include <QCoreApplication>

namespace gd {

std::string_view causeId(Cause cause)
{
    switch (cause) {
    case Cause::BackendDown:
        return "backend-down";
    case Cause::BackendRestart:
        return "backend-restart";
    case Cause::SegfaultRestart:
        return "segfault-restart";
    case Cause::PageCrash:
        return "page-crash";
    case Cause::Timeout:
        return "timeout";
    case Cause::Overload:
        return "overload";
    case Cause::UpdateManager:
        return "update-manager";
    case Cause::Unknown:
        return "unknown";
    }
    return "unknown";
}

QString causeTitle(Cause cause)
{
    switch (cause) {
    case Cause::BackendDown:
        return QCoreApplication::translate("gd", "Backend down");
    case Cause::BackendRestart:
        return QCoreApplication::translate("gd", "PHP-FPM restart");
    case Cause::SegfaultRestart:
        return QCoreApplication::translate("gd", "Crashes forced a restart");
    case Cause::PageCrash:
        return QCoreApplication::translate("gd", "Page crashes every time");
    case Cause::Timeout:
        return QCoreApplication::translate("gd", "Timeout");
    case Cause::Overload:
        return QCoreApplication::translate("gd", "Overload");
    case Cause::UpdateManager:
        return QCoreApplication::translate("gd", "Update Manager timeout");
    case Cause::Unknown:
        return QCoreApplication::translate("gd", "Unclear cause");
    }
    return {};
}

QString causeExplanation(Cause cause)
{
    switch (cause) {
    case Cause::BackendDown:
        return QCoreApplication::translate("gd", "The PHP-FPM backend was unreachable for more than a few "
                                                 "seconds on every site, the control panel "
                                                 "included. This is a system-side problem; the monitoring "
                                                 "normally restarts PHP-FPM within seconds.");
    case Cause::BackendRestart:
        return QCoreApplication::translate(
            "gd",
            "A few requests arrived just while PHP-FPM was being reloaded or restarted. The error does not "
            "repeat when the same page is loaded again.");
    case Cause::SegfaultRestart:
        return QCoreApplication::translate(
            "gd", "PHP-FPM worker processes crashed (segmentation faults) so often that PHP-FPM's emergency "
                  "restart "
                  "kicked in. Requests in flight during the crashes and the restart failed.");
    case Cause::PageCrash:
        return QCoreApplication::translate(
            "gd",
            "Specific pages fail immediately every time they are visited, while the rest of the site works. "
            "The code loaded by those pages crashes the PHP-FPM worker.");
    case Cause::Timeout:
        return QCoreApplication::translate(
            "gd",
            "Requests ran until the PHP-FPM or nginx time limit and were cut off, usually because the site "
            "waited too long for a remote server to answer.");
    case Cause::Overload:
        return QCoreApplication::translate("gd", "More requests arrived than PHP-FPM had workers for: random "
                                                 "pages failed during a traffic burst.");
    case Cause::UpdateManager:
        return QCoreApplication::translate("gd", "Drupal's Update Manager module waited too long for "
                                                 "drupal.org and the request hit the time limit.");
    case Cause::Unknown:
        return QCoreApplication::translate(
            "gd", "The logs show the failures but not enough to name one of the documented causes.");
    }
    return {};
}

} // namespace gd
