#include "base/json_writer.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace offimport;

TEST_CASE("JSON strings are escaped, non-finite numbers become null") {
    CHECK(json_string("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\u0001\"");
    CHECK(JsonObject().text("k", "v").integer("n", -3).boolean("b", true).str() ==
          "{\"k\":\"v\",\"n\":-3,\"b\":true}");
    CHECK(JsonObject().number("x", std::numeric_limits<double>::infinity()).str() ==
          "{\"x\":null}");
    CHECK(json_time(std::chrono::system_clock::time_point{}) == "\"1970-01-01T00:00:00Z\"");
}
