#include "base/number_text.hpp"

#include <doctest/doctest.h>

using namespace offimport;

TEST_CASE("counts are grouped by thousands") {
    CHECK(grouped(0) == "0");
    CHECK(grouped(999) == "999");
    CHECK(grouped(1000) == "1,000");
    CHECK(grouped(3712345) == "3,712,345");
}

TEST_CASE("ratios read as percentages, as short as their value needs") {
    CHECK(percent(0.12345) == "12.35%");
    CHECK(percent(0.125) == "12.5%");
    CHECK(percent(0.01) == "1%");
    CHECK(percent(0) == "0%");
    CHECK(percent(1) == "100%");
}

TEST_CASE("a setting's number reads as it is written in the configuration") {
    CHECK(setting_number(0.01) == "0.01");
    CHECK(setting_number(0.5) == "0.5");
    CHECK(setting_number(2) == "2");
}

TEST_CASE("a measure keeps the decimals asked for") {
    CHECK(fixed(2.345, 1) == "2.3");
    CHECK(fixed(2, 2) == "2.00");
    CHECK(fixed(1074.2, 0) == "1074");
}
