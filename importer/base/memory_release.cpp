#include "base/memory_release.hpp"

#include <malloc.h>

namespace offimport {

void release_large_buffers_promptly() {
    // A fixed threshold (which also stops the adjustment): 1 MiB and larger is mmapped.
    ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 4 << 20);
}

} // namespace offimport
