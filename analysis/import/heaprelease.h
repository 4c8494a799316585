#pragma once

namespace gd {

/// The C library's heap, kept small during an import. An import grows column buffers of hundreds of
/// megabytes on parser threads and frees them again when the timeline is merged; glibc keeps freed blocks
/// in the thread's arena (and raises its mmap threshold after each large free), so without these calls
/// the process holds the freed copies until it exits. No-ops where the C library has no such knobs.

/// Makes blocks of 128 KiB and more come from (and go back to) the system directly. Process-wide,
/// idempotent; called once before the first import.
void returnLargeBlocksToSystem();

/// Hands free heap memory back to the system (after a phase that freed a lot).
void releaseFreeHeap();

} // namespace gd
