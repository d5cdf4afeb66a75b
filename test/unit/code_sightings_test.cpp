#include "sightings/code_sightings.hpp"

#include <doctest/doctest.h>

using namespace offimport;

TEST_CASE("hashes seen more than once are found once each, ascending") {
    CodeSightings sightings;
    const std::uint64_t high = 0xff00000000000001; // another bucket than the small ones
    sightings.add(std::vector<std::uint64_t>{7, 3, 7, high, 9, 3, 7, high, 1});
    CHECK(sightings.repeated() == std::vector<std::uint64_t>{3, 7, high});
    CHECK(sightings.repeats() == 4); // 7 twice more, 3 and high once more
}

TEST_CASE("no repeated hash, no candidate") {
    CodeSightings sightings;
    CHECK(sightings.repeated().empty());
    sightings.add(std::vector<std::uint64_t>{1, 2, 3});
    CHECK(sightings.repeated().empty());
    CHECK(sightings.repeats() == 0);
}
