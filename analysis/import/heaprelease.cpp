#include "import/heaprelease.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gd {

void returnLargeBlocksToSystem()
{
#if defined(__GLIBC__)
    // Setting the threshold also stops glibc from raising it as large blocks are freed.
    static const bool once = mallopt(M_MMAP_THRESHOLD, 128 * 1024) != 0;
    (void)once;
#endif
}

void releaseFreeHeap()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace gd
