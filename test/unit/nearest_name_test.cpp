#include "programs/nearest_name.hpp"

#include <doctest/doctest.h>

using namespace offimport;

namespace {
const std::vector<std::string> options{"--full",    "--delta",  "--source", "--database",
                                       "--dry-run", "--status", "--force",  "--verify"};
}

TEST_CASE("nearest_name: an abbreviation or a few keystrokes away finds the option meant") {
    CHECK(nearest_name("--ful", options) == "--full");
    CHECK(nearest_name("--sorce", options) == "--source");
    CHECK(nearest_name("--databse", options) == "--database");
    CHECK(nearest_name("--dry", options) == "--dry-run");
    CHECK(nearest_name("--stauts", options) == "--status");
    CHECK(nearest_name("--fulll", options) == "--full");
}

TEST_CASE("nearest_name: nothing close is no suggestion") {
    CHECK_FALSE(nearest_name("--zzzzzzzz", options).has_value());
    CHECK_FALSE(nearest_name("--", options).has_value());
    CHECK_FALSE(nearest_name("--completely-different", options).has_value());
    // An abbreviation of several options names none of them.
    CHECK_FALSE(nearest_name("--d", options).has_value());
    CHECK(nearest_name("--da", options) == "--database");
}
