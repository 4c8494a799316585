#include "import/heaprelease.h"

#include <cstdlib> // defines __GLIBC__ on glibc
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gd {

namespace {
std::mutex gImportsMutex;
int gImportsRunning = 0;

#if defined(__GLIBC__)
constexpr int kDuringImport = 128 * 1024;
// glibc's own ceiling for its moving threshold (64-bit): what it would have reached after the import's
// large frees anyway, so the rest of the session allocates as it would have without the import's setting.
constexpr int kAfterImport = 32 * 1024 * 1024;
#endif
} // namespace

LargeBlocksToSystem::LargeBlocksToSystem()
{
    std::lock_guard lock(gImportsMutex);
    if (gImportsRunning++ == 0) {
#if defined(__GLIBC__)
        mallopt(M_MMAP_THRESHOLD, kDuringImport);
#endif
    }
}

LargeBlocksToSystem::~LargeBlocksToSystem()
{
    std::lock_guard lock(gImportsMutex);
    if (--gImportsRunning == 0) {
#if defined(__GLIBC__)
        mallopt(M_MMAP_THRESHOLD, kAfterImport);
#endif
    }
}

void releaseFreeHeap()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace gd
