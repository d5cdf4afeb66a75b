// Servers that answer wrongly or without end, URLs that carry credentials, redirects that
// downgrade, resumes onto another version: each fails cleanly or recovers, through the binary.
#include "support/child_process.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>

using namespace offimport;
using namespace offimport::test;

namespace {

// min_products = 1 for small dumps, quick retries, plus `source_keys` under [source].
std::string http_config(const TempDir& dir, const std::string& source_keys = "") {
    const auto path = dir / "offimport.toml";
    write_file(path, "[import]\nmin_products = 1\n[source]\nretries = 2\n"
                     "retry_backoff_seconds = 0.1\nlow_speed_time_seconds = 2\n" +
                         source_keys);
    return path.string();
}

Outcome import_from(const TestDatabase& database, const std::string& url, const std::string& config,
                    const std::vector<std::string>& more = {}) {
    std::vector<std::string> arguments{"--full",   "0",          "--source",
                                       url,        "--database", database.conninfo(),
                                       "--config", config,       "--no-progress"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return run_offimport(arguments);
}

std::string toml_text(const std::string& text) {
    return "\"" + text + "\"";
}

} // namespace

TEST_CASE("a 304 to a request that sent no validators is an error, not an unchanged dump") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 10), true);
    FaultServer server(dump, "status:304", 100);
    const auto metrics = dir / "offimport.prom";
    const auto outcome =
        import_from(database, server.url(), http_config(dir), {"--metrics-file", metrics.string()});
    CHECK_MESSAGE(outcome.code == 1, outcome.stderr_text);
    CHECK_MESSAGE(contains(outcome.stderr_text, "304 Not Modified to a request without"),
                  outcome.stderr_text);
    CHECK(database.scalar("SELECT status FROM off.runs") == "failed");
    CHECK(contains(read_file(metrics), "offimport_runs_total{mode=\"full\",result=\"failed\"} 1"));
}

TEST_CASE("an endless body ends at source.max_transfer_seconds or source.max_transfer_bytes") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 10), true);
    FaultServer server(dump, "endless", 100);

    const auto started = std::chrono::steady_clock::now();
    const auto by_time =
        import_from(database, server.url(), http_config(dir, "max_transfer_seconds = 2\n"));
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    CHECK_MESSAGE(by_time.code == 1, by_time.stderr_text);
    CHECK_MESSAGE(contains(by_time.stderr_text, "source.max_transfer_seconds (2)"),
                  by_time.stderr_text);
    CHECK(seconds.count() < 30); // not a timing check: only that it ended by itself

    const auto by_size =
        import_from(database, server.url(), http_config(dir, "max_transfer_bytes = 1000000\n"));
    CHECK_MESSAGE(by_size.code == 1, by_size.stderr_text);
    CHECK_MESSAGE(contains(by_size.stderr_text, "source.max_transfer_bytes (1,000,000)"),
                  by_size.stderr_text);
    CHECK(database.scalar("SELECT count(*) FROM off.runs WHERE status = 'failed'") == "2");
}

TEST_CASE("a corrupt dump fails at once, though its server has stopped sending") {
    // The download runs on a thread of its own, ahead of the inflater: the inflater's failure
    // must stop it even while it waits on a silent server, and the error be the corruption's.
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 200), true);
    std::string bytes = read_file(dump);
    REQUIRE(bytes.size() > 4000);
    for (std::size_t i = 40; i < 400; ++i) {
        bytes[i] = static_cast<char>(0xff);
    }
    write_file(dump, bytes);
    FaultServer server(dump, "stall-after:2000");
    const auto config = dir / "stalled.toml";
    write_file(config, "[import]\nmin_products = 1\n[source]\nretries = 2\n"
                       "low_speed_time_seconds = 120\n");
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = import_from(database, server.url(), config.string());
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    CHECK_MESSAGE(outcome.code == 1, outcome.stderr_text);
    CHECK_MESSAGE(contains(outcome.stderr_text, "corrupt gzip stream"), outcome.stderr_text);
    CHECK(seconds.count() < 60); // not a timing check: the stall alone lasts 120 s
    CHECK(database.scalar("SELECT status FROM off.runs") == "failed");
}

TEST_CASE("a password in the source URL reaches no log line, ledger row or source state") {
    TestDatabase database;
    TempDir dir;
    TempDir www;
    write_dump(www / "dump.jsonl.gz", test_products(0, 10), true);
    Nginx nginx(www.path());
    auto with_credentials = [&](const std::string& userinfo, const std::string& path) {
        const std::string url = nginx.url(path);
        return url.substr(0, 7) + userinfo + "@" + url.substr(7);
    };
    const auto config = http_config(dir);
    const auto good = import_from(
        database, with_credentials("importer:Pa55w0rd-Secret", "dump.jsonl.gz"), config, {"-v"});
    CHECK_MESSAGE(good.code == 0, good.stderr_text);
    const auto missing = import_from(
        database, with_credentials("importer:Pa%24%24w0rd-Secret", "missing.gz"), config);
    CHECK(missing.code == 1);
    CHECK(contains(missing.stderr_text, "HTTP status 404"));
    for (const auto* text : {&good.stderr_text, &missing.stderr_text}) {
        CHECK_FALSE_MESSAGE(contains(*text, "Pa55w0rd-Secret"), *text);
        CHECK_FALSE_MESSAGE(contains(*text, "Pa%24%24w0rd-Secret"), *text);
        CHECK_FALSE_MESSAGE(contains(*text, "Pa$$w0rd-Secret"), *text);
    }
    const std::string recorded =
        database.scalar("SELECT string_agg(source, ' ') FROM off.runs") + " " +
        database.scalar("SELECT string_agg(source, ' ') FROM off.source_state");
    CHECK_FALSE_MESSAGE(contains(recorded, "w0rd-Secret"), recorded);
    CHECK_MESSAGE(contains(recorded, "importer@127.0.0.1"), recorded);
}

TEST_CASE("HTTPS is verified, and a redirect from https to http is refused") {
    TestDatabase database;
    TempDir dir;
    const TestCertificate certificate;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 10), true);
    const std::vector<std::string> tls{"--tls-cert", certificate.certificate().string(),
                                       "--tls-key", certificate.key().string()};
    FaultServer https(dump, "none", 0, {}, tls);
    const std::string ca = "ca_file = " + toml_text(certificate.certificate().string()) + "\n";

    const auto unverified = import_from(database, https.url(), http_config(dir));
    CHECK_MESSAGE(unverified.code == 1, unverified.stderr_text);
    const auto verified = import_from(database, https.url(), http_config(dir, ca));
    CHECK_MESSAGE(verified.code == 0, verified.stderr_text);

    TempDir www;
    write_dump(www / "dump.jsonl.gz", test_products(0, 10, "-plain"), true);
    Nginx plain(www.path());
    std::vector<std::string> redirecting = tls;
    redirecting.insert(redirecting.end(), {"--redirect-to", plain.url("dump.jsonl.gz")});
    FaultServer downgrade(dump, "redirect", 100, {}, redirecting);
    const auto refused = import_from(database, downgrade.url(), http_config(dir, ca), {"--force"});
    CHECK_MESSAGE(refused.code == 1, refused.stderr_text);
    CHECK_MESSAGE(contains(refused.stderr_text, "redirect from https to another scheme"),
                  refused.stderr_text);
    CHECK(plain.requests().empty());
}

TEST_CASE("a resume onto a file with another Last-Modified starts the run over") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 20000), true);
    const auto changed = write_dump(dir / "changed.jsonl.gz", test_products(0, 20000, "-v2"), true);
    std::filesystem::last_write_time(changed, std::filesystem::last_write_time(dump) +
                                                  std::chrono::hours(1));
    // No ETag, and a server that honours Range whatever If-Range says: only our own check of
    // Last-Modified can tell that the bytes after the break belong to another file.
    FaultServer server(dump, "change-after:100000", 1, changed, {"--no-etag", "--ignore-if-range"});
    const auto outcome = import_from(database, server.url(), http_config(dir));
    CHECK_MESSAGE(outcome.code == 0, outcome.stderr_text);
    CHECK_MESSAGE(contains(outcome.stderr_text, "changed while it was being read"),
                  outcome.stderr_text);
    CHECK(database.scalar("SELECT count(*) FROM off.products WHERE product_name LIKE '%-v2'") ==
          "20000");
}
