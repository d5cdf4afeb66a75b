// End to end: a real Prometheus server scrapes offimportd on loopback, and its query API
// returns offimport_last_success_timestamp_seconds after a run.
#include "daemon_process.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"
#include "support/skip.hpp"
#include "support/text_checks.hpp"

#include <cmath>
#include <csignal>
#include <cstdio>
#include <doctest/doctest.h>
#include <filesystem>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string prometheus_binary = "/usr/bin/prometheus";
const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

// Prometheus scraping one target every second, with its storage in `dir`.
std::unique_ptr<ChildProcess> start_prometheus(const TempDir& dir, int web_port, int target) {
    write_file(dir / "prometheus.yml",
               "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
               "scrape_configs:\n  - job_name: offimportd\n    static_configs:\n"
               "      - targets: ['127.0.0.1:" +
                   std::to_string(target) + "']\n");
    return std::make_unique<ChildProcess>(
        prometheus_binary,
        std::vector<std::string>{"--config.file=" + (dir / "prometheus.yml").string(),
                                 "--storage.tsdb.path=" + (dir / "data").string(),
                                 "--web.listen-address=127.0.0.1:" + std::to_string(web_port),
                                 "--log.level=warn"});
}

} // namespace

TEST_CASE("Prometheus scrapes offimportd and finds the last success after a run") {
    if (!std::filesystem::exists(prometheus_binary)) {
        skip_test(std::string(prometheus_binary) + " is missing (Debian package prometheus)");
    }
    const auto started = std::chrono::steady_clock::now();
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 30), true);
    DaemonProcess daemon({database.conninfo(), dump.string(), never, token});
    REQUIRE(daemon.post("/refresh?mode=full", token).status == 202);
    const std::string success = "offimport_last_success_timestamp_seconds{mode=\"full\"}";
    REQUIRE(eventually([&] { return metric_value(daemon.get("/metrics").body, success) > 0; }));
    const double expected = metric_value(daemon.get("/metrics").body, success);

    const int web_port = free_port();
    auto prometheus = start_prometheus(dir, web_port, daemon.port());
    REQUIRE(wait_until_listening(web_port, 20));
    HttpReply answer;
    const bool found = eventually(
        [&] {
            answer =
                http_get(web_port, "/api/v1/query?query=" +
                                       std::string("offimport_last_success_timestamp_seconds"));
            return contains(answer.body,
                            "\"__name__\":\"offimport_last_success_timestamp_seconds\"");
        },
        40);
    CHECK_MESSAGE(found, answer.body);
    CHECK(contains(answer.body, "\"job\":\"offimportd\""));
    CHECK(contains(answer.body, "\"mode\":\"full\""));
    char value[64];
    std::snprintf(value, sizeof value, "\"%.0f", std::floor(expected)); // integer part
    CHECK_MESSAGE(contains(answer.body, value), answer.body);
    const auto up = http_get(web_port, "/api/v1/query?query=up");
    CHECK(contains(up.body, "\"value\":["));

    prometheus->kill(SIGTERM);
    prometheus->wait();
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
}
