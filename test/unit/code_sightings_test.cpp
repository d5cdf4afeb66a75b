#include "run/code_sightings.hpp"

#include <doctest/doctest.h>

using namespace offimport;

TEST_CASE("lines of codes seen more than once are found, in line order") {
    std::vector<CodeSighting> sightings{{7, 1}, {3, 2}, {7, 3}, {9, 4}, {3, 5}, {7, 6}, {1, 7}};
    CHECK(lines_of_repeated_codes(sightings) == std::vector<std::uint64_t>{1, 2, 3, 5, 6});
    CHECK(count_repeated_codes(sightings) == 3); // 7 twice more, 3 once more
}

TEST_CASE("no repeated code, no candidate line") {
    std::vector<CodeSighting> sightings{{1, 1}, {2, 2}, {3, 3}};
    CHECK(lines_of_repeated_codes(sightings).empty());
    CHECK(count_repeated_codes(sightings) == 0);
    std::vector<CodeSighting> none;
    CHECK(lines_of_repeated_codes(none).empty());
}
