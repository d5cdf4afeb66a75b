#include "base/usable_cores.hpp"

#include <algorithm>
#include <sched.h>
#include <thread>

namespace offimport {

unsigned usable_cores() {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        return static_cast<unsigned>(std::max(1, CPU_COUNT(&allowed)));
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

} // namespace offimport
