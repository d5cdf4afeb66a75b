// offimportd runs a committed import's after_success command and sends its NOTIFY as the
// offimport binary does, and counts the command's result in /metrics.
#include "daemon_process.hpp"
#include "support/import_helpers.hpp"
#include "support/notification_listener.hpp"
#include "support/text_checks.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

} // namespace

TEST_CASE("offimportd runs after_success and notifies listeners after each committed import") {
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 30), true);
    const auto seen = dir / "seen.txt";
    TestDatabase database;
    NotificationListener listener(database, "offimport");
    DaemonSetup setup{database.conninfo(), dump.string(), never, token};
    // The second run's command fails: the run stays a success, the failure is counted.
    setup.after_success = "echo \"$OFFIMPORT_RUN_ID $OFFIMPORT_MODE $OFFIMPORT_INSERTED\" >> " +
                          seen.string() + " && test \"$OFFIMPORT_INSERTED\" != 0";
    DaemonProcess daemon(setup);

    const std::string succeeded = "offimport_runs_total{mode=\"full\",result=\"succeeded\"}";
    for (const int runs : {1, 2}) {
        CAPTURE(runs);
        REQUIRE(daemon.post("/refresh?mode=full", token).status == 202);
        const auto payload = listener.next(std::chrono::seconds(60));
        REQUIRE(payload.has_value());
        const std::string run_id = database.scalar("SELECT max(id) FROM off.runs");
        CHECK(contains(*payload, R"({"run_id":)" + run_id + R"(,"mode":"full")"));
        const bool ran = eventually([&] {
            const auto metrics = daemon.get("/metrics").body;
            return metric_value(metrics, succeeded) == runs &&
                   metric_value(metrics, "offimport_after_success_total{result=\"succeeded\"}") +
                           metric_value(metrics,
                                        "offimport_after_success_total{result=\"failed\"}") ==
                       runs;
        });
        REQUIRE_MESSAGE(ran, daemon.get("/metrics").body);
    }
    const auto metrics = daemon.get("/metrics").body;
    CHECK(metric_value(metrics, "offimport_after_success_total{result=\"succeeded\"}") == 1);
    CHECK(metric_value(metrics, "offimport_after_success_total{result=\"failed\"}") == 1);
    const std::string first = database.scalar("SELECT min(id) FROM off.runs");
    const std::string second = database.scalar("SELECT max(id) FROM off.runs");
    CHECK(read_file(seen) == first + " full 30\n" + second + " full 0\n");
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);
    CHECK(contains(daemon.log(), "import.after_success exited with status 1"));
}
