// The parser threads follow the cores a process may run on, not the machine's.
#include "base/usable_cores.hpp"

#include <doctest/doctest.h>
#include <sched.h>

using namespace offimport;

TEST_CASE("usable_cores counts the CPU affinity, as taskset or a cpuset sets it") {
    cpu_set_t before;
    REQUIRE(sched_getaffinity(0, sizeof before, &before) == 0);
    CHECK(usable_cores() == static_cast<unsigned>(CPU_COUNT(&before)));
    int first = 0;
    while (!CPU_ISSET(first, &before)) {
        ++first;
    }
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    REQUIRE(sched_setaffinity(0, sizeof one, &one) == 0);
    const unsigned pinned = usable_cores();
    sched_setaffinity(0, sizeof before, &before);
    CHECK(pinned == 1);
}
