#include "sentry/sentry_dsn.hpp"
#include "sentry/sentry_reporter.hpp"

#include <doctest/doctest.h>
#include <stdexcept>

using namespace offimport;

TEST_CASE("a Sentry DSN gives its key and its envelope endpoint") {
    const auto dsn = parse_sentry_dsn("https://abc123@o1.ingest.sentry.io/4501");
    REQUIRE(dsn);
    CHECK(dsn->public_key == "abc123");
    CHECK(dsn->envelope_url == "https://o1.ingest.sentry.io/api/4501/envelope/");
    const auto self_hosted = parse_sentry_dsn("http://key:secret@127.0.0.1:9000/sentry/7");
    REQUIRE(self_hosted);
    CHECK(self_hosted->public_key == "key");
    CHECK(self_hosted->envelope_url == "http://127.0.0.1:9000/sentry/api/7/envelope/");
    CHECK_FALSE(parse_sentry_dsn("").has_value());
}

TEST_CASE("a malformed DSN is refused, and the message does not repeat it") {
    // The last five found by fuzz_sentry_dsn: a second '@', a quote, a blank, no host, no key.
    for (const char* dsn :
         {"ftp://k@host/1", "https://host/1", "https://k@host", "https://k@host/",
          "https://k@host/project", "http://key@127.0.0.1/s/-key@entry/7", "https://k@ho\"st/1",
          "https://k@host /1", "https://k@/1", "https://:secret@host/1"}) {
        CAPTURE(dsn);
        try {
            parse_sentry_dsn(dsn);
            FAIL("accepted");
        } catch (const std::invalid_argument& error) {
            CHECK(std::string(error.what()).find(dsn) == std::string::npos);
        }
    }
}

TEST_CASE("a Sentry envelope: header, item header with the event's length, event") {
    SentryEvent event;
    event.message = "full import failed: \"quoted\"\nsecond line";
    event.tags = {{"mode", "full"}, {"run_id", "7"}};
    const std::string envelope = sentry_envelope(event, std::string(32, 'a'), "production", 1.5);
    const auto first = envelope.find('\n'), second = envelope.find('\n', first + 1);
    REQUIRE(second != std::string::npos);
    const std::string body = envelope.substr(second + 1, envelope.size() - second - 2);
    CHECK(envelope.substr(0, first) == "{\"event_id\":\"" + std::string(32, 'a') + "\"}");
    CHECK(envelope.substr(first + 1, second - first - 1) ==
          "{\"type\":\"event\",\"content_type\":\"application/json\",\"length\":" +
              std::to_string(body.size()) + "}");
    CHECK(body.find("\"message\":{\"formatted\":\"full import failed: \\\"quoted\\\"\\nsecond "
                    "line\"}") != std::string::npos);
    CHECK(body.find("\"tags\":{\"mode\":\"full\",\"run_id\":\"7\"}") != std::string::npos);
    CHECK(body.find("\"environment\":\"production\"") != std::string::npos);
    CHECK(envelope.back() == '\n');
}
