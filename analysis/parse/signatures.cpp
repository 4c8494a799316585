#include "parse/signatures.h"

#include "parse/scan.h"
#include "parse/timestamps.h"

#include <array>

namespace gd {

namespace {

/// Where a number of the message sits: right after a marker that follows the phrase.
enum class Number : std::uint8_t {
    None,
    AfterParenthesis, ///< "failed (111: ..." → 111 (errno)
    AfterSignal,      ///< "exited on signal 11 (SIGSEGV)" → 11
    AfterSetting,     ///< "max_children setting (5)" → 5
    BeforePhrase, ///< "failed (111: Connection refused) while connecting" → 111 (errno ahead of the phrase)
};

struct Signature {
    std::string_view phrase;
    LogKind kind;
    MessageCode code;
    Number number;
    std::uint16_t
        fixedValue; ///< the value when the phrase itself names it (104 for "Connection reset by peer")
    std::string_view thenPhrase = {}; ///< must follow the phrase for the signature to match, when set
};

// Most specific first: the first phrase found decides.
constexpr std::array kSignatures = {
    Signature{"connect() to ", LogKind::NginxError, MessageCode::NgxConnectFailed, Number::AfterParenthesis,
              0},
    Signature{"connect() failed", LogKind::NginxError, MessageCode::NgxConnectFailed,
              Number::AfterParenthesis, 0},
    // A connect message whose start was cut off or retyped: "failed (111: ...) while connecting to upstream".
    Signature{"while connecting to upstream", LogKind::NginxError, MessageCode::NgxConnectFailed,
              Number::BeforePhrase, 0},
    Signature{"upstream timed out", LogKind::NginxError, MessageCode::NgxUpstreamTimedOut, Number::None, 110},
    Signature{"upstream prematurely closed FastCGI", LogKind::NginxError,
              MessageCode::NgxPrematurelyClosedFastcgi, Number::None, 0},
    Signature{"upstream prematurely closed connection", LogKind::NginxError,
              MessageCode::NgxPrematurelyClosed, Number::None, 0},
    Signature{"recv() failed", LogKind::NginxError, MessageCode::NgxConnectionReset, Number::AfterParenthesis,
              0},
    Signature{"readv() failed", LogKind::NginxError, MessageCode::NgxConnectionReset,
              Number::AfterParenthesis, 0},
    Signature{"writev() failed", LogKind::NginxError, MessageCode::NgxConnectionReset,
              Number::AfterParenthesis, 0},
    Signature{"Connection reset by peer", LogKind::NginxError, MessageCode::NgxConnectionReset, Number::None,
              104},
    Signature{"upstream sent too big header", LogKind::NginxError, MessageCode::NgxTooBigHeader, Number::None,
              0},
    Signature{"exited on signal", LogKind::FpmMaster, MessageCode::FpmChildExitedSignal, Number::AfterSignal,
              0},
    Signature{"max_children setting", LogKind::FpmMaster, MessageCode::FpmMaxChildren, Number::AfterSetting,
              0},
    Signature{"failed processes threshold", LogKind::FpmMaster, MessageCode::FpmThresholdReload, Number::None,
              0},
    Signature{"execution timed out", LogKind::FpmMaster, MessageCode::FpmExecutionTimedOut, Number::None, 0},
    Signature{"executing too slow", LogKind::FpmMaster, MessageCode::FpmExecutingTooSlow, Number::None, 0},
    Signature{"FPM initialization failed", LogKind::FpmMaster, MessageCode::FpmInitFailed, Number::None, 0},
    Signature{"segfault at ", LogKind::Syslog, MessageCode::KernSegfault, Number::None, 0},
    // systemctl status: "Active: failed (Result: exit-code) since Thu 2018-02-15 18:41:18 UTC; 7s ago"
    Signature{"Active: failed", LogKind::Syslog, MessageCode::ServiceFailed, Number::None, 0},
    // "activating (auto-restart) (Result: exit-code)": the service keeps failing to start.
    Signature{"Active: activating (auto-restart) (Result: exit-code)", LogKind::Syslog,
              MessageCode::ServiceFailed, Number::None, 0},
    // systemctl's answer to a start that failed: "Job for php7.0-fpm.service failed because ...".
    Signature{"Job for ", LogKind::Syslog, MessageCode::ServiceFailed, Number::None, 0, " failed"},
    Signature{"Active: activating (auto-restart)", LogKind::Syslog, MessageCode::ServiceMainExited,
              Number::None, 0},
    Signature{"Out of memory: Kill", LogKind::Syslog, MessageCode::KernOomKilled, Number::None, 0},
    Signature{"invoked oom-killer", LogKind::Syslog, MessageCode::KernOomInvoked, Number::None, 0},
    Signature{"Maximum execution time of", LogKind::PhpError, MessageCode::PhpMaxExecutionTime, Number::None,
              0},
    Signature{"Allowed memory size of", LogKind::PhpError, MessageCode::PhpMemoryExhausted, Number::None, 0},
    Signature{"PHP Fatal error", LogKind::PhpError, MessageCode::PhpFatal, Number::None, 0},
};

std::uint16_t numberAfter(std::string_view text, std::size_t from, std::string_view marker)
{
    const std::size_t at = text.find(marker, from);
    if (at == std::string_view::npos || at - from > 200)
        return 0;
    return scan::leadingU16(text.substr(at + marker.size()));
}

/// The pid in "child 4711 exited ..." or "php-fpm[4711]: segfault ...", 0 when masked or absent.
std::uint32_t pidBefore(std::string_view text, std::size_t phraseAt)
{
    const std::string_view before = text.substr(0, phraseAt);
    const std::size_t child = before.rfind("child ");
    if (child != std::string_view::npos) {
        std::uint32_t pid = 0;
        std::string_view digits = before.substr(child + 6);
        return scan::consumeUnsigned(digits, pid) ? pid : 0;
    }
    const std::size_t close = before.rfind("]: ");
    const std::size_t open = close == std::string_view::npos ? close : before.rfind('[', close);
    if (open == std::string_view::npos)
        return 0;
    std::uint32_t pid = 0;
    return scan::parseUnsigned(before.substr(open + 1, close - open - 1), pid) ? pid : 0;
}

/// systemctl's "since Thu 2018-02-15 18:41:18 UTC": the time the state began (UTC when it says so).
void readSince(std::string_view text, std::size_t from, ParsedEvent& event)
{
    const std::size_t since = text.find(" since ", from);
    if (since == std::string_view::npos)
        return;
    std::string_view rest = text.substr(since + 7);
    const std::size_t space = rest.find(' '); // the weekday
    if (space == std::string_view::npos || space > 9)
        return;
    rest.remove_prefix(space + 1);
    ParsedEvent stamp;
    std::size_t used = 0;
    if (timestamps::readAsctime(rest, stamp, used) != timestamps::StampStatus::Ok)
        return;
    event.hasTime = true;
    event.time = stamp.time;
    if (scan::hasAt(rest, used, " UTC")) {
        event.hasOffset = true;
        event.utcOffsetSec = 0;
    }
}

/// The number after the last "(" shortly before `at`: the errno of "failed (111: ...) while connecting".
std::uint16_t numberBefore(std::string_view text, std::size_t at)
{
    const std::size_t open = text.rfind('(', at);
    if (open == std::string_view::npos || at - open > 80)
        return 0;
    return scan::leadingU16(text.substr(open + 1));
}

/// The unit of "Job for php7.0-fpm.service failed ...".
std::string_view unitAfter(std::string_view text, std::size_t from)
{
    const std::string_view rest = text.substr(from);
    const std::size_t end = rest.find(' ');
    return end == std::string_view::npos ? std::string_view() : rest.substr(0, end);
}

} // namespace

std::optional<SignatureMatch> findSignature(std::string_view text)
{
    for (const Signature& signature : kSignatures) {
        const std::size_t at = text.find(signature.phrase);
        if (at == std::string_view::npos)
            continue;
        if (!signature.thenPhrase.empty() &&
            text.find(signature.thenPhrase, at + signature.phrase.size()) == std::string_view::npos)
            continue;
        SignatureMatch match;
        match.kind = signature.kind;
        ParsedEvent& event = match.event;
        event.hasTime = false;
        event.code = signature.code;
        event.level = signature.kind == LogKind::NginxError ? Level::Error : Level::Warning;
        const std::size_t after = at + signature.phrase.size();
        switch (signature.number) {
        case Number::None:
            event.value = signature.fixedValue;
            break;
        case Number::AfterParenthesis:
            event.value = numberAfter(text, after, "(");
            break;
        case Number::AfterSignal:
            event.value = scan::leadingU16(scan::trimSpaces(text.substr(after)));
            break;
        case Number::AfterSetting:
            event.value = numberAfter(text, after, "(");
            break;
        case Number::BeforePhrase:
            event.value = numberBefore(text, at);
            break;
        }
        if (signature.phrase == "Job for ")
            event.target = unitAfter(text, after);
        if (signature.kind == LogKind::FpmMaster || signature.code == MessageCode::KernSegfault)
            event.pid = pidBefore(text, at);
        if (signature.code == MessageCode::ServiceFailed || signature.code == MessageCode::ServiceMainExited)
            readSince(text, after, event);
        return match;
    }
    return std::nullopt;
}

} // namespace gd
