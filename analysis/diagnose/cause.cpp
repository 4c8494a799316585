#include "diagnose/cause.h"

#include <QCoreApplication>
#include <array>

namespace gd {

namespace {

struct CauseInfo {
    Cause cause;
    std::string_view id;
    const char* title;       ///< short, for tables and charts
    const char* explanation; ///< one paragraph in plain words, for a client-readable report
};

// One row per cause, in enum order (checked below).
constexpr std::array kCauseTable = {
    CauseInfo{Cause::BackendDown, "backend-down", QT_TRANSLATE_NOOP("gd", "Backend down"),
              QT_TRANSLATE_NOOP("gd", "The PHP-FPM backend was unreachable for more than a few "
                                      "seconds on every site, the control panel "
                                      "included. This is a system-side problem; the monitoring "
                                      "normally restarts PHP-FPM within seconds.")},
    CauseInfo{
        Cause::BackendRestart, "backend-restart", QT_TRANSLATE_NOOP("gd", "PHP-FPM restart"),
        QT_TRANSLATE_NOOP(
            "gd",
            "A few requests arrived just while PHP-FPM was being reloaded or restarted. The error does not "
            "repeat when the same page is loaded again.")},
    CauseInfo{Cause::SegfaultRestart, "segfault-restart", QT_TRANSLATE_NOOP("gd", "Crashes forced a restart"),
              QT_TRANSLATE_NOOP(
                  "gd",
                  "PHP-FPM worker processes crashed (segmentation faults) so often that PHP-FPM's emergency "
                  "restart "
                  "kicked in. Requests in flight during the crashes and the restart failed.")},
    CauseInfo{
        Cause::PageCrash, "page-crash", QT_TRANSLATE_NOOP("gd", "Page crashes every time"),
        QT_TRANSLATE_NOOP(
            "gd",
            "Specific pages fail immediately every time they are visited, while the rest of the site works. "
            "The code loaded by those pages crashes the PHP-FPM worker.")},
    CauseInfo{
        Cause::Timeout, "timeout", QT_TRANSLATE_NOOP("gd", "Timeout"),
        QT_TRANSLATE_NOOP(
            "gd",
            "Requests ran until the PHP-FPM or nginx time limit and were cut off, usually because the site "
            "waited too long for a remote server to answer.")},
    CauseInfo{Cause::Overload, "overload", QT_TRANSLATE_NOOP("gd", "Overload"),
              QT_TRANSLATE_NOOP("gd", "More requests arrived than PHP-FPM had workers for: random "
                                      "pages failed during a traffic burst.")},
    CauseInfo{Cause::UpdateManager, "update-manager", QT_TRANSLATE_NOOP("gd", "Update Manager timeout"),
              QT_TRANSLATE_NOOP("gd", "Drupal's Update Manager module waited too long for "
                                      "drupal.org and the request hit the time limit.")},
    CauseInfo{Cause::Unknown, "unknown", QT_TRANSLATE_NOOP("gd", "Unclear cause"),
              QT_TRANSLATE_NOOP(
                  "gd", "The logs show the failures but not enough to name one of the documented causes.")},
};

constexpr bool inEnumOrder()
{
    for (std::size_t i = 0; i < kCauseTable.size(); ++i) {
        if (static_cast<std::size_t>(kCauseTable[i].cause) != i)
            return false;
    }
    return kCauseTable.size() == kCauseCount;
}
static_assert(inEnumOrder(), "kCauseTable lists every Cause, in enum order");

const CauseInfo& info(Cause cause)
{
    const auto index = static_cast<std::size_t>(cause);
    return kCauseTable[index < kCauseTable.size() ? index : static_cast<std::size_t>(Cause::Unknown)];
}

} // namespace

std::string_view causeId(Cause cause)
{
    return info(cause).id;
}

QString causeTitle(Cause cause)
{
    return QCoreApplication::translate("gd", info(cause).title);
}

QString causeExplanation(Cause cause)
{
    return QCoreApplication::translate("gd", info(cause).explanation);
}

} // namespace gd
