#pragma once

// The code paths the fuzz targets drive, in one place, so that the fuzzers (fuzz/fuzztarget.cpp) and the
// regression replay (tests/regress/) run exactly the same thing on an input.

#include <QString>
#include <cstddef>
#include <span>
#include <string_view>

namespace gdfuzz {

struct FuzzTarget {
    std::string_view name;  ///< also the file-name prefix of its inputs in tests/data/regress/
    std::string_view about; ///< what it drives, for docs and failure messages
    std::size_t maxLen; ///< libFuzzer's -max_len for it (scripts/fuzz.sh asks the binary: see fuzztarget.cpp)
    void (*run)(std::string_view input);
};

/// Every target, in the order scripts/fuzz.sh runs them.
std::span<const FuzzTarget> fuzzTargets();

/// The target called `name`, or nullptr.
const FuzzTarget* fuzzTarget(std::string_view name);

/// The target a regression input belongs to: its file name starts with "<target>-"; the longest name wins,
/// so "nginx_access-..." never goes to a target called "nginx". nullptr when none fits.
const FuzzTarget* fuzzTargetForFile(const QString& fileName);

} // namespace gdfuzz
