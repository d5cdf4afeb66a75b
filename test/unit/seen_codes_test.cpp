#include "sightings/seen_codes.hpp"

#include <doctest/doctest.h>

using namespace offimport;

TEST_CASE("a hash is a first sighting once, 0 included") {
    SeenCodes sightings;
    CHECK(sightings.first(7));
    CHECK(sightings.first(0));
    CHECK_FALSE(sightings.first(7));
    CHECK_FALSE(sightings.first(0));
    CHECK(sightings.first(8));
    CHECK(sightings.size() == 3);
}

TEST_CASE("the set keeps every hash as it grows, whatever slots they share") {
    SeenCodes sightings;
    // Multiples of 2^20 share their low bits: taken as they are, they would all start at one
    // slot. 200,000 of each pattern also make the table grow twice.
    constexpr std::uint64_t count = 200'000;
    for (std::uint64_t i = 1; i <= count; ++i) {
        REQUIRE(sightings.first(i << 20));
        REQUIRE(sightings.first(i * 0x9e3779b97f4a7c15));
    }
    for (std::uint64_t i = 1; i <= count; ++i) {
        REQUIRE_FALSE(sightings.first(i << 20));
        REQUIRE_FALSE(sightings.first(i * 0x9e3779b97f4a7c15));
    }
    CHECK(sightings.size() == 2 * count);
}
