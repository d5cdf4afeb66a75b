// The pieces of POST /refresh and /status that need no server.
#include "daemon/serve/bearer_token.hpp"
#include "daemon/serve/json_writer.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace offimport::daemon;

TEST_CASE("the Bearer token is taken from the Authorization header, scheme in any case") {
    CHECK(bearer_token("Bearer abc") == "abc");
    CHECK(bearer_token("bearer   abc  ") == "abc");
    CHECK(bearer_token("BEARER abc") == "abc");
    CHECK_FALSE(bearer_token("Basic abc"));
    CHECK_FALSE(bearer_token("Bearer "));
    CHECK_FALSE(bearer_token("Bearerabc"));
    CHECK_FALSE(bearer_token(""));
}

TEST_CASE("tokens match only when equal, whatever their lengths") {
    CHECK(tokens_match("s3cret", "s3cret"));
    CHECK_FALSE(tokens_match("s3cre", "s3cret"));
    CHECK_FALSE(tokens_match("s3crets3cret", "s3cret")); // the expected token repeated
    CHECK_FALSE(tokens_match("s3creT", "s3cret"));
    CHECK_FALSE(tokens_match("", "s3cret"));
    CHECK_FALSE(tokens_match("", ""));
    CHECK_FALSE(tokens_match("anything", ""));
}

TEST_CASE("JSON strings are escaped, non-finite numbers become null") {
    CHECK(json_string("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\u0001\"");
    CHECK(JsonObject().text("k", "v").integer("n", -3).boolean("b", true).str() ==
          "{\"k\":\"v\",\"n\":-3,\"b\":true}");
    CHECK(JsonObject().number("x", std::numeric_limits<double>::infinity()).str() ==
          "{\"x\":null}");
    CHECK(json_time(std::chrono::system_clock::time_point{}) == "\"1970-01-01T00:00:00Z\"");
}
