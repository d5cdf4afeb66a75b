// The pieces of POST /refresh that need no server.
#include "daemon/serve/bearer_token.hpp"

#include <doctest/doctest.h>

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
