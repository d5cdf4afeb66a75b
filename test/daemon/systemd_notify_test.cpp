// offimportd under systemd (Type=notify): what it says on the notification socket, in order,
// and the watchdog pings that only a turning event loop sends.
#include "daemon_process.hpp"
#include "in_process_daemon.hpp"
#include "notify_socket.hpp"
#include "support/test_database.hpp"
#include "support/text_checks.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <doctest/doctest.h>
#include <thread>

using namespace offimport;
using namespace offimport::test;
using namespace std::chrono_literals;

namespace {

bool starts_with(const std::optional<std::string>& message, const std::string& prefix) {
    return message && message->rfind(prefix, 0) == 0;
}

const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

} // namespace

TEST_CASE("offimportd tells systemd READY=1 once it serves, RELOADING=1 then READY=1 around "
          "SIGHUP, and STOPPING=1") {
    TestDatabase database;
    NotifySocket notify;
    TempDir dir;
    DaemonSetup setup;
    setup.conninfo = database.conninfo();
    setup.source = write_dump(dir / "dump.jsonl.gz", {"{\"code\":\"1\"}"}, true).string();
    setup.environment = {notify.environment()};
    DaemonProcess daemon(setup);

    const auto ready = notify.next_state(10s);
    CHECK_MESSAGE(starts_with(ready, "READY=1\nSTATUS=idle; next run none scheduled"),
                  ready.value_or("(nothing)"));
    CHECK(daemon.get("/healthz").status == 200);

    daemon.signal(SIGHUP);
    const auto reloading = notify.next_state(10s);
    CHECK_MESSAGE(starts_with(reloading, "RELOADING=1\nMONOTONIC_USEC="),
                  reloading.value_or("(nothing)"));
    CHECK(starts_with(notify.next_state(10s), "READY=1\nSTATUS=idle"));

    // A configuration that is refused: the daemon keeps serving, and says so.
    daemon.write_config_text("[daemon]\nfull_schedule = \"0 25 * * 2\"\n");
    daemon.signal(SIGHUP);
    CHECK(starts_with(notify.next_state(10s), "RELOADING=1"));
    CHECK(starts_with(notify.next_state(10s), "READY=1"));

    daemon.signal(SIGTERM);
    CHECK(notify.next_state(10s) == std::optional<std::string>("STOPPING=1"));
    CHECK(daemon.wait() == 0);
    CHECK_FALSE(notify.next_state(300ms));
}

TEST_CASE("with WatchdogSec (WATCHDOG_USEC) offimportd pings systemd, and never without it") {
    TestDatabase database;
    NotifySocket watched;
    TempDir dir;
    DaemonSetup setup;
    setup.conninfo = database.conninfo();
    setup.source = write_dump(dir / "dump.jsonl.gz", {"{\"code\":\"1\"}"}, true).string();
    setup.environment = {watched.environment(), "WATCHDOG_USEC=200000"};
    DaemonProcess daemon(setup);
    int pings = 0;
    const auto until = std::chrono::steady_clock::now() + 3s;
    while (pings < 3 && std::chrono::steady_clock::now() < until) {
        pings += watched.next(1s) == std::optional<std::string>("WATCHDOG=1") ? 1 : 0;
    }
    CHECK(pings == 3);
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);

    NotifySocket unwatched;
    setup.environment = {unwatched.environment()};
    DaemonProcess plain(setup);
    CHECK(starts_with(unwatched.next(10s), "READY=1"));
    for (auto message = unwatched.next(600ms); message; message = unwatched.next(600ms)) {
        CHECK(*message != "WATCHDOG=1");
    }
}

TEST_CASE("a wedged event loop stops the watchdog pings, which resume when it turns again") {
    TestDatabase database;
    NotifySocket notify;
    ::setenv("NOTIFY_SOCKET", notify.path().c_str(), 1);
    ::setenv("WATCHDOG_USEC", "100000", 1);
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), ""), gate.runner());
    CHECK(notify.next(5s).has_value()); // READY=1, then pings every 50 ms
    std::atomic<bool> wedged{false};
    daemon.post([&] {
        wedged = true;
        std::this_thread::sleep_for(2500ms);
        wedged = false;
    });
    while (!wedged) {
        std::this_thread::sleep_for(1ms);
    }
    while (notify.next(0ms)) {
        // what was sent before the loop wedged
    }
    const auto during = notify.next(1500ms);
    CHECK_MESSAGE(!during.has_value(), during.value_or(""));
    CHECK(wedged);
    CHECK(notify.next(5s) == std::optional<std::string>("WATCHDOG=1"));
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
}

TEST_CASE("systemd's STATUS= names the next scheduled run, unquoted") {
    TestDatabase database;
    NotifySocket notify;
    ::setenv("NOTIFY_SOCKET", notify.path().c_str(), 1);
    Config config = daemon_test_config(database.conninfo(), "");
    config.full_schedule = "0 2 * * 2";
    ImportGate gate;
    InProcessDaemon daemon(config, gate.runner());
    const auto ready = notify.next(5s);
    CHECK_MESSAGE(starts_with(ready, "READY=1\nSTATUS=idle; next run 20"),
                  ready.value_or("(nothing)"));
    CHECK_MESSAGE(contains(ready.value_or(""), "T02:00:00Z"), ready.value_or(""));
    CHECK_FALSE(contains(ready.value_or(""), "\""));
    ::unsetenv("NOTIFY_SOCKET");
}

TEST_CASE("systemd's STATUS= shows the running import and its progress") {
    TestDatabase database;
    NotifySocket notify;
    ::setenv("NOTIFY_SOCKET", notify.path().c_str(), 1);
    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), token), gate.runner());
    CHECK(starts_with(notify.next(5s), "READY=1\nSTATUS=idle"));
    REQUIRE(daemon.post("/refresh?mode=full", token).status == 202);
    REQUIRE(gate.wait_for_imports(1));
    std::optional<std::string> status;
    for (int tries = 0; tries < 5 && !contains(status.value_or(""), "40.0%"); ++tries) {
        status = notify.next(5s);
    }
    CHECK_MESSAGE(status == std::optional<std::string>(
                                "STATUS=full import running (ticket 1, http): 40.0% of the "
                                "source read"),
                  status.value_or("(nothing)"));
    gate.release();
    for (int tries = 0; tries < 5 && !starts_with(status, "STATUS=idle"); ++tries) {
        status = notify.next(5s);
    }
    CHECK(starts_with(status, "STATUS=idle; next run none scheduled"));
    ::unsetenv("NOTIFY_SOCKET");
}
