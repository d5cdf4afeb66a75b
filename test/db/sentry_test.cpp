// Failed, refused and abandoned runs reach Sentry (a loopback receiver of the tests' own);
// successes send nothing, and a Sentry that is down changes nothing.
#include "db/locks.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string key = "0123456789abcdef0123456789abcdef";

// One request the receiver recorded, with its envelope split into its three lines.
struct Received {
    std::string path, auth, content_type;
    std::vector<std::string> envelope;
};

Received received(const std::string& line) {
    simdjson::dom::parser parser;
    const auto record = parser.parse(line);
    Received out{std::string(record["path"].get_string().value()),
                 std::string(record["auth"].get_string().value()),
                 std::string(record["content_type"].get_string().value()),
                 {}};
    std::string body(record["body"].get_string().value());
    for (std::size_t at = 0, end; (end = body.find('\n', at)) != std::string::npos; at = end + 1) {
        out.envelope.push_back(body.substr(at, end - at));
    }
    return out;
}

std::string text_at(const std::string& json, const char* pointer) {
    simdjson::dom::parser parser;
    const auto value = parser.parse(json).at_pointer(pointer);
    return value.is_string() ? std::string(value.get_string().value()) : "";
}

Outcome import_with_sentry(const std::string& dsn, const std::string& source,
                           const TestDatabase& database) {
    return run_offimport({"--full", "0", "--source", source, "--database", database.conninfo(),
                          "--config", small_dump_config()},
                         {"OFFIMPORT_SENTRY_DSN=" + dsn});
}

} // namespace

TEST_CASE("a failed run is sent to Sentry as one envelope with its mode, run id and release") {
    TestDatabase database;
    TempDir dir;
    SentryReceiver sentry;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 30), true);
    CHECK(import_with_sentry(sentry.dsn(), dump.string(), database).code == 0);
    CHECK(sentry.requests().empty()); // a success sends nothing

    write_file(dir / "broken.jsonl.gz", gzip(dump_text(test_products(0, 30))).substr(0, 100));
    const auto failed =
        import_with_sentry(sentry.dsn(), (dir / "broken.jsonl.gz").string(), database);
    CHECK(failed.code == 1);
    CHECK_FALSE(contains(failed.stderr_text, key)); // the DSN's key is never logged
    const auto requests = sentry.requests();
    REQUIRE(requests.size() == 1);
    const Received event = received(requests[0]);
    CHECK(event.path == "/api/42/envelope/");
    CHECK(event.content_type == "application/x-sentry-envelope");
    CHECK(contains(event.auth, "Sentry sentry_version=7"));
    CHECK(contains(event.auth, "sentry_key=" + key));
    CHECK(contains(event.auth, "sentry_client=offimport/"));
    REQUIRE(event.envelope.size() == 3);
    const std::string id = text_at(event.envelope[0], "/event_id");
    CHECK(id.size() == 32);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(text_at(event.envelope[1], "/type") == "event");
    const std::string& body = event.envelope[2];
    CHECK(text_at(body, "/event_id") == id);
    CHECK(text_at(body, "/level") == "error");
    CHECK(contains(text_at(body, "/message/formatted"), "full import failed: corrupt gzip"));
    CHECK(text_at(body, "/tags/mode") == "full");
    CHECK(text_at(body, "/tags/run_id") == "2");
    CHECK(text_at(body, "/environment") == "default");
    CHECK(text_at(body, "/release").starts_with("offimport@"));
}

TEST_CASE("abandoned and refused runs are sent to Sentry as warnings") {
    TestDatabase database;
    TempDir dir;
    SentryReceiver sentry;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 30), true);
    CHECK(import_with_sentry(sentry.dsn(), dump.string(), database).code == 0);
    database.connect().exec("INSERT INTO off.runs (mode, source) VALUES ('full', 'killed')");
    CHECK(import_with_sentry(sentry.dsn(), dump.string(), database).code == 0);
    auto requests = sentry.requests();
    REQUIRE(requests.size() == 1);
    const std::string abandoned = received(requests[0]).envelope.at(2);
    CHECK(text_at(abandoned, "/level") == "warning");
    CHECK(contains(text_at(abandoned, "/message/formatted"), "1 earlier run(s)"));

    // Another import holds the lock: this one is refused (exit 75).
    auto holder = database.connect();
    holder.exec("SELECT pg_advisory_lock($1, hashtext('off'))",
                db::Params{std::to_string(db::import_lock_class)});
    CHECK(import_with_sentry(sentry.dsn(), dump.string(), database).code == 75);
    requests = sentry.requests();
    REQUIRE(requests.size() == 2);
    const std::string refused = received(requests[1]).envelope.at(2);
    CHECK(text_at(refused, "/level") == "warning");
    CHECK(contains(text_at(refused, "/message/formatted"), "full import refused: "));
}

TEST_CASE("a Sentry that is down or misconfigured never changes a run") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 30), true);
    const std::string nowhere =
        "http://" + key + "@127.0.0.1:" + std::to_string(free_port()) + "/42";
    CHECK(import_with_sentry(nowhere, dump.string(), database).code == 0);
    write_file(dir / "broken.jsonl.gz", "not gzip at all");
    const auto failed = import_with_sentry(nowhere, (dir / "broken.jsonl.gz").string(), database);
    CHECK(failed.code == 1);
    CHECK_FALSE(contains(failed.stderr_text, "sentry"));

    const auto malformed = import_with_sentry("https://sentry.example/42", dump.string(), database);
    CHECK(malformed.code == 2);
    CHECK(contains(malformed.stderr_text, "sentry.dsn (or OFFIMPORT_SENTRY_DSN)"));
}
