// The libFuzzer entry of one target, built once per target with GD_FUZZ_TARGET naming it
// (fuzz/CMakeLists.txt): every target runs through the same table the regression test replays.

#include "fuzzentry.h"

#include <QtGlobal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#ifndef GD_FUZZ_TARGET
#error "GD_FUZZ_TARGET must name the target this binary fuzzes"
#endif

namespace {

const gdfuzz::FuzzTarget& thisTarget()
{
    static const gdfuzz::FuzzTarget* target = gdfuzz::fuzzTarget(GD_FUZZ_TARGET);
    if (target == nullptr) {
        std::fprintf(stderr, "no fuzz target called %s\n", GD_FUZZ_TARGET);
        std::abort();
    }
    return *target;
}

// Qt's warnings about bad input would flood the fuzzer's output and slow it down; fatal ones still abort.
void quietMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qUtf8Printable(message));
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    // scripts/fuzz.sh asks each binary for its -max_len, so the figure lives only in the target table.
    if (std::getenv("GD_FUZZ_PRINT_MAX_LEN") != nullptr) {
        std::printf("%zu\n", thisTarget().maxLen);
        std::exit(0);
    }
    qInstallMessageHandler(quietMessages);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    thisTarget().run(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
