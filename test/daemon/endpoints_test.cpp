// The HTTP endpoints of an in-process daemon whose imports are stand-ins held by a gate, so
// that "an import is running" lasts exactly as long as a test needs.
#include "db/locks.hpp"
#include "eventually.hpp"
#include "in_process_daemon.hpp"
#include "support/child_process.hpp"
#include "support/http_servers.hpp"
#include "support/skip.hpp"
#include "support/test_database.hpp"
#include "support/text_checks.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <filesystem>
#include <thread>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

void check_with_promtool(const std::string& metrics) {
    if (!std::filesystem::exists("/usr/bin/promtool")) {
        skip_test("/usr/bin/promtool is missing (Debian package prometheus): "
                  "the metrics format cannot be checked");
    }
    std::string complaints;
    const int code =
        run_program("/usr/bin/promtool", {"check", "metrics"}, complaints, {}, metrics);
    CHECK_MESSAGE(code == 0, complaints);
    CHECK(complaints.empty());
}

} // namespace

TEST_CASE("GET endpoints answer, unknown paths are 404 and wrong methods 405") {
    TestDatabase database;
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), token), gate.runner());

    const auto health = daemon.get("/healthz");
    CHECK(health.status == 200);
    CHECK(health.body == "ok\n");
    CHECK(daemon.get("/readyz").status == 200);
    const auto status = daemon.get("/status");
    CHECK(status.status == 200);
    CHECK(contains(status.body, "\"cron\":\"0 0 30 2 *\""));
    CHECK(contains(status.body, "\"running\":null"));
    CHECK(contains(status.body, "\"last_runs\":[]"));
    CHECK(contains(status.body, "\"database\":{\"ready\":true}"));
    const auto metrics = daemon.get("/metrics");
    CHECK(metrics.status == 200);
    CHECK(contains(metrics.headers, "Content-Type: text/plain; version=0.0.4; charset=utf-8"));
    CHECK(metric_value(metrics.body, "offimport_build_info{version=\"0.1.0\"}") == 1);

    CHECK(daemon.get("/nowhere").status == 404);
    const auto post_metrics = http_request(daemon.port(), "POST", "/metrics");
    CHECK(post_metrics.status == 405);
    CHECK(contains(post_metrics.headers, "Allow: GET"));
    const auto get_refresh = daemon.get("/refresh");
    CHECK(get_refresh.status == 405);
    CHECK(contains(get_refresh.headers, "Allow: POST"));
    const auto counted = daemon.get("/metrics").body;
    CHECK(metric_value(counted, "offimport_http_requests_total{code=\"404\",handler=\"other\"}") ==
          1);
    CHECK(metric_value(counted,
                       "offimport_http_requests_total{code=\"200\",handler=\"/healthz\"}") == 1);
}

TEST_CASE("POST /refresh: 401 without the right token, 202 with it, 409 while a run goes on") {
    TestDatabase database;
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), token), gate.runner());

    const auto missing = daemon.post("/refresh?mode=full", "");
    CHECK(missing.status == 401);
    CHECK(contains(missing.headers, "WWW-Authenticate: Bearer"));
    CHECK(daemon.post("/refresh?mode=full", "wrong").status == 401);
    CHECK(daemon.post("/refresh?mode=full", token.substr(0, token.size() - 1)).status == 401);
    CHECK(daemon.post("/refresh?mode=full", token + "x").status == 401);
    CHECK(
        http_request(daemon.port(), "POST", "/refresh", {"Authorization: Basic " + token}).status ==
        401);
    CHECK(daemon.post("/refresh?mode=weekly", token).status == 400);

    const auto accepted = daemon.post("/refresh?mode=full", token);
    CHECK(accepted.status == 202);
    CHECK(contains(accepted.body, "\"run_id\":42,\"ticket\":1"));
    REQUIRE(gate.wait_for_imports(1));
    const auto conflict = daemon.post("/refresh?mode=delta", token);
    CHECK(conflict.status == 409);
    CHECK(contains(conflict.body, "an import is running"));

    const auto running = daemon.get("/status").body;
    CHECK(contains(running, "\"running\":{\"ticket\":1,\"mode\":\"full\",\"origin\":\"http\""));
    CHECK(contains(running, "\"progress_ratio\":0.4"));
    const auto during = daemon.get("/metrics").body;
    CHECK(metric_value(during, "offimport_running") == 1);
    CHECK(metric_value(during, "offimport_run_progress_ratio") == doctest::Approx(0.4));

    gate.release();
    CHECK(eventually([&] { return contains(daemon.get("/status").body, "\"running\":null"); }));
    const auto after = daemon.get("/status").body;
    CHECK(contains(after, "\"recent\":[{\"ticket\":1,\"mode\":\"full\",\"origin\":\"http\","
                          "\"result\":\"succeeded\",\"run_id\":42"));

    CHECK(daemon.post("/refresh?mode=delta", token).status == 202);
    REQUIRE(gate.wait_for_imports(2));
    CHECK(gate.last_mode() == "delta");
    gate.release();
    CHECK(eventually([&] { return contains(daemon.get("/status").body, "\"running\":null"); }));

    const auto metrics = daemon.get("/metrics").body;
    CHECK(metric_value(metrics, "offimport_refresh_requests_total{result=\"accepted\"}") == 2);
    CHECK(metric_value(metrics, "offimport_refresh_requests_total{result=\"unauthorized\"}") == 5);
    CHECK(metric_value(metrics, "offimport_refresh_requests_total{result=\"conflict\"}") == 1);
    CHECK(metric_value(metrics, "offimport_refresh_requests_total{result=\"bad_request\"}") == 1);
    CHECK(metric_value(metrics, "offimport_runs_total{mode=\"full\",result=\"succeeded\"}") == 1);
    CHECK(metric_value(metrics, "offimport_runs_total{mode=\"delta\",result=\"succeeded\"}") == 1);
    CHECK(metric_value(metrics, "offimport_products_total{outcome=\"inserted\"}") == 6);
    CHECK(metric_value(metrics, "offimport_catalog_products") == 3);
    CHECK(metric_value(metrics, "offimport_last_success_timestamp_seconds{mode=\"full\"}") > 0);
    CHECK(metric_value(metrics, "offimport_running") == 0);
    check_with_promtool(metrics);
}

TEST_CASE("POST /refresh?verify=true starts a full import that compares every product") {
    TestDatabase database;
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), token), gate.runner());
    const auto unclear = daemon.post("/refresh?mode=full&verify=yes", token);
    CHECK(unclear.status == 400);
    CHECK(contains(unclear.body, "verify must be true or false"));
    const auto delta = daemon.post("/refresh?mode=delta&verify=true", token);
    CHECK(delta.status == 400);
    CHECK(contains(delta.body, "full imports only"));

    const auto accepted = daemon.post("/refresh?mode=full&verify=true", token);
    CHECK(accepted.status == 202);
    CHECK(contains(accepted.body, "\"mode\":\"full\",\"verify\":true"));
    REQUIRE(gate.wait_for_imports(1));
    CHECK(gate.last_mode() == "full verify");
    gate.release();
    CHECK(eventually([&] { return contains(daemon.get("/status").body, "\"running\":null"); }));

    CHECK(daemon.post("/refresh?verify=0", token).status == 202);
    REQUIRE(gate.wait_for_imports(2));
    CHECK(gate.last_mode() == "full");
    gate.release();
    CHECK(eventually([&] { return contains(daemon.get("/status").body, "\"running\":null"); }));
    const auto metrics = daemon.get("/metrics").body;
    CHECK(metric_value(metrics, "offimport_refresh_requests_total{result=\"bad_request\"}") == 2);
}

TEST_CASE("POST /refresh is 403 when no token is configured, whatever the request says") {
    TestDatabase database;
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), ""), gate.runner());
    CHECK(daemon.post("/refresh?mode=full", "").status == 403);
    const auto forbidden = daemon.post("/refresh?mode=full", "anything");
    CHECK(forbidden.status == 403);
    CHECK(contains(forbidden.body, "no refresh token is configured"));
    CHECK(contains(daemon.get("/status").body, "\"refresh_over_http\":false"));
}

TEST_CASE("/readyz is 503 while the database does not answer, the rest keeps serving") {
    const std::string nowhere =
        "host=127.0.0.1 port=" + std::to_string(free_port()) + " dbname=none connect_timeout=2";
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(nowhere, token), gate.runner());
    const auto ready = daemon.get("/readyz");
    CHECK(ready.status == 503);
    CHECK(contains(ready.body, "cannot connect to PostgreSQL"));
    CHECK(daemon.get("/healthz").status == 200);
    const auto status = daemon.get("/status");
    CHECK(status.status == 200);
    CHECK(contains(status.body, "\"database\":{\"ready\":false,\"error\":"));
    CHECK(contains(status.body, "\"last_runs\":null"));
}

TEST_CASE("limits: oversized headers 431, oversized bodies 413, many clients served during a run") {
    TestDatabase database;
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), token), gate.runner());

    const std::string huge(20000, 'x');
    CHECK(http_request(daemon.port(), "GET", "/healthz", {"X-Filler: " + huge}).status == 431);
    const std::string body(100000, 'b');
    CHECK(http_raw(daemon.port(), "POST /refresh HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                      std::to_string(body.size()) + "\r\n\r\n" + body)
              .status == 413);
    CHECK(http_raw(daemon.port(), "NONSENSE\r\n\r\n").status == 400);

    CHECK(daemon.post("/refresh?mode=full", token).status == 202);
    REQUIRE(gate.wait_for_imports(1));
    std::atomic<int> served{0};
    std::vector<std::thread> clients;
    const auto started = std::chrono::steady_clock::now();
    for (int client = 0; client < 64; ++client) {
        clients.emplace_back([&] {
            for (int request = 0; request < 5; ++request) {
                served += daemon.get(request % 2 ? "/metrics" : "/healthz").status == 200;
            }
        });
    }
    for (auto& client : clients) {
        client.join();
    }
    CHECK(served == 64 * 5);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    gate.release();
}

TEST_CASE("POST /refresh is 409 while another process holds the import lock") {
    TestDatabase database;
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), token), gate.runner());
    auto other = database.connect(); // as `offimport --full` from cron would
    other.exec("SELECT pg_advisory_lock(" + std::to_string(db::import_lock_class) +
               ", hashtext('off'))");
    const auto refused = daemon.post("/refresh?mode=full", token);
    CHECK(refused.status == 409);
    CHECK(contains(refused.body, "another import holds the lock"));
    other.exec("SELECT pg_advisory_unlock_all()");
    CHECK(daemon.post("/refresh?mode=full", token).status == 202);
    REQUIRE(gate.wait_for_imports(1));
    gate.release();
}

TEST_CASE("a client that sends nothing is disconnected at the 10 s deadline") {
    TestDatabase database;
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), token), gate.runner());
    const auto started = std::chrono::steady_clock::now();
    // Half a request line, then silence: the server must not wait for the rest forever.
    const auto reply = http_raw(daemon.port(), "GET /healthz HTT", 20);
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(reply.status == 0);
    CHECK(waited > std::chrono::seconds(9));
    CHECK(waited < std::chrono::seconds(15));
    CHECK(daemon.get("/healthz").status == 200);
}
