#pragma once

#include <cstdint>

namespace gd {

/// The machine's physical memory in bytes; 0 when the system does not say.
std::uint64_t physicalMemoryBytes();

/// The import's default memory budget: half the physical memory (the workbench, the desktop and the
/// client's report still need the rest), or 4 GiB when the size of the memory is unknown.
std::uint64_t defaultMemoryBudget();

} // namespace gd
