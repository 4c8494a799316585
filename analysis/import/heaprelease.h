#pragma once

namespace gd {

/// The C library's heap, kept small during an import. An import grows column buffers of hundreds of
/// megabytes on parser threads and frees them again when the timeline is merged; glibc keeps freed blocks
/// in the thread's arena (and raises its mmap threshold after each large free), so without these the
/// process holds the freed copies until it exits. No-ops where the C library has no such knobs.

/// While one lives (one per running import), blocks of 128 KiB and more come from and go back to the
/// system directly. Only then: the same setting for the whole session made the workbench's own large
/// buffers (painting, models) fault in fresh pages on every use, which showed as UI stalls.
class LargeBlocksToSystem {
public:
    LargeBlocksToSystem();
    ~LargeBlocksToSystem();
    LargeBlocksToSystem(const LargeBlocksToSystem&) = delete;
    LargeBlocksToSystem& operator=(const LargeBlocksToSystem&) = delete;
};

/// Hands free heap memory back to the system (after a phase that freed a lot).
void releaseFreeHeap();

} // namespace gd
