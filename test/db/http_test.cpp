// Downloads over HTTP from real servers on loopback: nginx, and a server that breaks on purpose.
#include "import/delta_import.hpp"
#include "support/child_process.hpp"
#include "support/dump_files.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <thread>

using namespace offimport;
using namespace offimport::test;

namespace {

Config http_config(const TestDatabase& database) {
    Config config = test_config(database);
    config.retries = 4;
    config.retry_backoff_seconds = 0.1;
    config.low_speed_time_seconds = 1;
    config.low_speed_limit_bytes = 1000;
    return config;
}

RunReport import_url(const Config& config, const std::string& url, bool force = false) {
    FullImportRequest request;
    request.source = url;
    request.force = force;
    CancelFlag cancel;
    return run_full_import(config, request, cancel);
}

// A dump of a few hundred KiB of gzip: several network reads, so faults land mid-stream.
std::filesystem::path write_http_dump(const TempDir& dir, const std::string& name,
                                      const std::string& variant = "") {
    return write_dump(dir / name, test_products(0, 20000, variant), true);
}

// The server logs a response after its last byte: give it a moment to reach `expected`.
std::uint64_t settled_bytes_sent(const FaultServer& server, std::uint64_t expected) {
    for (int i = 0; i < 100 && server.body_bytes_sent() != expected; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return server.body_bytes_sent();
}

} // namespace

TEST_CASE("nginx: a dump is imported once and, unchanged, is not downloaded again") {
    TestDatabase database;
    TempDir www;
    const auto dump = write_http_dump(www, "dump.jsonl.gz");
    const auto size = std::filesystem::file_size(dump);
    Nginx nginx(www.path());
    const Config config = http_config(database);

    const auto first = import_url(config, nginx.url("dump.jsonl.gz"));
    CHECK(first.status == RunStatus::succeeded);
    CHECK(first.counts.inserted == 20000);
    CHECK(database.scalar("SELECT etag IS NOT NULL AND last_modified IS NOT NULL FROM "
                          "off.source_state") == "t");

    const auto second = import_url(config, nginx.url("dump.jsonl.gz"));
    CHECK(second.status == RunStatus::skipped);
    CHECK(database.scalar("SELECT status FROM off.runs ORDER BY id DESC LIMIT 1") == "skipped");
    CHECK(nginx.body_bytes_sent() == size); // the second request got a 304 and no body
    CHECK(nginx.requests().back().rfind("304 0", 0) == 0);

    const auto forced = import_url(config, nginx.url("dump.jsonl.gz"), true);
    CHECK(forced.status == RunStatus::succeeded);
    CHECK(forced.counts.unchanged == 20000);
    CHECK(nginx.body_bytes_sent() == 2 * size);

    // From cron: exit 0, and the metrics say the catalogue is current (no "last run failed").
    TempDir dir;
    std::string stderr_text;
    CHECK(run_program(offimport_binary(),
                      {"--full", "0", "--source", nginx.url("dump.jsonl.gz"), "--database",
                       database.conninfo(), "--metrics-file", (dir / "m.prom").string()},
                      stderr_text) == 0);
    CHECK(stderr_text.find("full import skipped") != std::string::npos);
    const std::string metrics = read_file(dir / "m.prom");
    CHECK(metrics.find("offimport_runs_total{mode=\"full\",result=\"skipped\"} 1") !=
          std::string::npos);
    auto value_of = [&](const std::string& series) {
        const auto at = metrics.find(series + " ");
        return at == std::string::npos
                   ? std::string("missing")
                   : metrics.substr(at + series.size() + 1,
                                    metrics.find('\n', at) - at - series.size() - 1);
    };
    CHECK(value_of("offimport_last_success_timestamp_seconds{mode=\"full\"}") ==
          value_of("offimport_last_run_timestamp_seconds{mode=\"full\"}"));
}

TEST_CASE("nginx: HTTP errors fail the run with the status and the URL") {
    TestDatabase database;
    TempDir www;
    Nginx nginx(www.path());
    std::string stderr_text;
    const int code = run_program(offimport_binary(),
                                 {"--full", "0", "--source", nginx.url("missing.jsonl.gz"),
                                  "--database", database.conninfo()},
                                 stderr_text);
    CHECK(code == 1);
    CHECK(stderr_text.find("download of " + nginx.url("missing.jsonl.gz") +
                           " failed: HTTP status 404") != std::string::npos);
}

TEST_CASE("a transfer that breaks is resumed where it stopped, downloading the file once") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_http_dump(dir, "dump.jsonl.gz");
    const auto size = std::filesystem::file_size(dump);
    for (const std::string fault : {"close-after:100000", "short:150000"}) {
        CAPTURE(fault);
        FaultServer server(dump, fault, 2);
        const auto report = import_url(http_config(database), server.url(), true);
        CHECK(report.status == RunStatus::succeeded);
        CHECK(report.counts.source_bytes == size);
        CHECK(database.scalar("SELECT count(*) FROM off.products") == "20000");
        // Three requests: two broken, one resumed to the end; every byte sent once.
        CHECK(settled_bytes_sent(server, size) == size);
        CHECK(server.log().find("\"status\": 206") != std::string::npos);
    }
}

TEST_CASE("a stalled transfer times out and is resumed") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_http_dump(dir, "dump.jsonl.gz");
    FaultServer server(dump, "stall-after:120000");
    const auto report = import_url(http_config(database), server.url());
    CHECK(report.status == RunStatus::succeeded);
    CHECK(report.counts.inserted == 20000);
    // The stalled response is never logged as finished: only the resumed one counts here.
    const auto expected = std::filesystem::file_size(dump) - 120000;
    CHECK(settled_bytes_sent(server, expected) == expected);
}

TEST_CASE("a dump replaced on the server mid-download restarts the run cleanly") {
    TestDatabase database;
    TempDir dir;
    const auto old_dump = write_http_dump(dir, "old.jsonl.gz");
    const auto new_dump = write_http_dump(dir, "new.jsonl.gz", "-new");
    FaultServer server(old_dump, "change-after:100000", 1, new_dump);
    const auto report = import_url(http_config(database), server.url());
    CHECK(report.status == RunStatus::succeeded);
    CHECK(database.scalar("SELECT count(*) FROM off.products WHERE product_name LIKE '%-new'") ==
          "20000");
    CHECK(database.scalar("SELECT count(*) FROM off.runs") == "1");
}

TEST_CASE("retries are bounded: a server that keeps failing fails the run") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_http_dump(dir, "dump.jsonl.gz");
    FaultServer server(dump, "status:503", 100);
    CHECK_THROWS_WITH(import_url(http_config(database), server.url()),
                      doctest::Contains("HTTP status 503 after 5 attempt(s)"));
    CHECK(database.scalar("SELECT count(*) FROM off.runs WHERE status = 'failed'") == "1");
}

TEST_CASE("--delta applies the published files after the watermark, oldest first") {
    TestDatabase database;
    TempDir www;
    std::filesystem::create_directories(www / "delta");
    Config config = http_config(database);
    // The full import sets the watermark to its newest last_modified_t: 1700000000 + 99.
    import_lines(config, test_products(0, 100));
    const std::int64_t watermark = 1700000099;
    auto delta_line = [](int index, const std::string& name, std::int64_t modified) {
        return R"({"code":")" + test_code(index) + R"(","product_name":")" + name +
               R"(","last_modified_t":)" + std::to_string(modified) + "}";
    };
    const std::string first = "openfoodfacts_products_" + std::to_string(watermark - 50) + "_" +
                              std::to_string(watermark + 100) + ".json.gz";
    const std::string second = "openfoodfacts_products_" + std::to_string(watermark + 100) + "_" +
                               std::to_string(watermark + 200) + ".json.gz";
    write_dump(www / "delta" / first,
               {delta_line(1, "one v2", watermark + 10), delta_line(500, "new", watermark + 20)},
               true);
    write_dump(www / "delta" / second, {delta_line(1, "one v3", watermark + 150)}, true);
    write_file(www / "delta" / "index.txt", second + "\n" + first + "\n");
    Nginx nginx(www.path());
    config.delta_base_url = nginx.url("delta/");
    CancelFlag cancel;

    const auto applied = run_delta_import(config, cancel);
    CHECK(applied.status == RunStatus::succeeded);
    CHECK(applied.counts.updated == 2);
    CHECK(applied.counts.inserted == 1);
    CHECK(applied.counts.deleted == 0);
    CHECK(database.scalar("SELECT product_name FROM off.products WHERE code = '" + test_code(1) +
                          "'") == "one v3");
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "101");
    CHECK(database.scalar("SELECT watermark FROM off.catalogue_state") ==
          std::to_string(watermark + 200));
    // The change feed: one row per product of the run, though product 1 came in both files
    // (the first file's "before", the last one's "after": its grade went with the delta lines).
    CHECK(database.scalar("SELECT string_agg(code || ':' || change || ':' || "
                          "coalesce(nutriscore_before, '-') || '>' || "
                          "coalesce(nutriscore_after, '-'), ' ' ORDER BY code) FROM "
                          "off.product_changes WHERE run_id = " +
                          std::to_string(applied.run_id)) ==
          test_code(1) + ":updated:b>- " + test_code(500) + ":inserted:->-");

    const auto again = run_delta_import(config, cancel);
    CHECK(again.status == RunStatus::skipped);
    CHECK(nginx.requests().size() == 4); // index, two files, index again

    database.connect().exec("UPDATE off.catalogue_state SET watermark = 1000");
    CHECK_THROWS_WITH(run_delta_import(config, cancel),
                      doctest::Contains("run offimport --full 0"));
}
