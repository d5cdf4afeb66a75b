// offimportd as a process: SIGTERM during an import, SIGHUP, start-up errors and catch-up.
#include "daemon_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

bool database_says(const TestDatabase& database, const std::string& sql) {
    const std::string value = database.scalar(sql);
    return value != "0" && value != "<null>" && value != "f";
}

} // namespace

TEST_CASE("SIGTERM during an import: cancelled, rolled back, exit 0 within 10 s") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, test_products(0, 200));
    const std::string checksum = database.catalogue_checksum();
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 300, "-new"), true);
    DaemonProcess daemon({database.conninfo(), dump.string(), never, token});

    // Readers may still read; the merge must wait: SIGTERM lands in the middle of it.
    auto blocker = database.connect();
    blocker.exec("BEGIN");
    blocker.exec("LOCK TABLE off.products IN EXCLUSIVE MODE");
    const auto accepted = daemon.post("/refresh?mode=full", token);
    REQUIRE(accepted.status == 202);
    // The 202 names the run the ledger recorded (DESIGN: "202 with the run id").
    CHECK(accepted.body.find("\"run_id\":" + database.scalar("SELECT max(id) FROM off.runs")) !=
          std::string::npos);
    REQUIRE(eventually([&] {
        return database_says(database, "SELECT count(*) FROM pg_stat_activity WHERE "
                                       "datname = current_database() AND "
                                       "application_name = 'offimport load' AND "
                                       "wait_event_type = 'Lock'");
    }));
    const auto signalled = std::chrono::steady_clock::now();
    daemon.signal(SIGTERM);
    const int code = daemon.wait();
    const auto took = std::chrono::steady_clock::now() - signalled;
    blocker.exec("ROLLBACK");

    CHECK(code == 0);
    CHECK(took < std::chrono::seconds(10));
    CHECK(database.catalogue_checksum() == checksum);
    CHECK(database.scalar("SELECT status FROM off.runs ORDER BY id DESC LIMIT 1") == "failed");
    CHECK(contains(daemon.log(), "cancelling the running full import"));
    CHECK(contains(daemon.log(), "full import cancelled"));
}

TEST_CASE("SIGHUP reloads schedule, log level and token, a bad configuration is refused") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 10), true);
    DaemonSetup setup{database.conninfo(), dump.string(), never,
                      "first-token-0123456789abcdef0123456789"};
    DaemonProcess daemon(setup);
    CHECK(daemon.post("/refresh?mode=bogus", "second-token-0123456789abcdef012345678").status ==
          401);

    setup.full_schedule = "15 4 * * 3";
    setup.token = "second-token-0123456789abcdef012345678";
    setup.log_level = "debug";
    daemon.write_config(setup);
    daemon.signal(SIGHUP);
    CHECK(eventually(
        [&] { return contains(daemon.get("/status").body, "\"cron\":\"15 4 * * 3\""); }));
    // The new token is in force, the old one is not (mode=bogus: checked, nothing started).
    CHECK(daemon.post("/refresh?mode=bogus", "second-token-0123456789abcdef012345678").status ==
          400);
    CHECK(daemon.post("/refresh?mode=bogus", "first-token-0123456789abcdef0123456789").status ==
          401);

    daemon.write_config_text("[daemon]\nfull_schedule = \"61 * * * *\"\n");
    daemon.signal(SIGHUP);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(contains(daemon.get("/status").body, "\"cron\":\"15 4 * * 3\""));
    CHECK(daemon.post("/refresh?mode=bogus", "second-token-0123456789abcdef012345678").status ==
          400);

    // A weak token is refused on reload too: the strong one stays in force.
    setup.token = "abc";
    daemon.write_config(setup);
    daemon.signal(SIGHUP);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(daemon.post("/refresh?mode=bogus", "abc").status == 401);
    CHECK(daemon.post("/refresh?mode=bogus", "second-token-0123456789abcdef012345678").status ==
          400);

    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);
    const std::string& log = daemon.log();
    CHECK(contains(log, "daemon.full_schedule: '0 0 30 2 *' -> '15 4 * * 3'"));
    CHECK(contains(log, "log level: 'info' -> 'debug'"));
    CHECK(contains(log, "refresh token replaced"));
    CHECK(contains(log, "configuration refused, keeping the running one: daemon.full_schedule"));
    CHECK(contains(log, "configuration refused, keeping the running one: the refresh token"));
    CHECK_FALSE(contains(log, "first-token-0123456789abcdef0123456789"));
    CHECK_FALSE(contains(log, "second-token-0123456789abcdef012345678"));
}

TEST_CASE("a configuration error stops offimportd at once: one line, exit 2") {
    TempDir dir;
    write_file(dir / "offimport.toml", "[daemon]\nfull_schedule = \"0 25 * * *\"\n");
    std::string log;
    CHECK(run_program(offimportd_binary(), {"--config", (dir / "offimport.toml").string()}, log) ==
          2);
    CHECK(contains(log, "daemon.full_schedule: cron expression '0 25 * * *': hour field"));
    CHECK(std::count(log.begin(), log.end(), '\n') == 1);

    write_file(dir / "offimport.toml", "[daemon]\ntime_zone = \"Mars/Olympus\"\n");
    CHECK(run_program(offimportd_binary(), {"--config", (dir / "offimport.toml").string()}, log) ==
          2);
    CHECK(contains(log, "daemon.time_zone: unknown time zone 'Mars/Olympus'"));

    write_file(dir / "offimport.toml",
               "[source]\nurl = \"ftp://user:Hidd3nPw@example.org/d.gz\"\n");
    CHECK(run_program(offimportd_binary(), {"--config", (dir / "offimport.toml").string()}, log) ==
          2);
    CHECK(contains(log, "unsupported scheme"));
    CHECK_FALSE(contains(log, "Hidd3nPw"));
    CHECK(run_program(offimportd_binary(), {"--no-such-option"}, log) == 2);
}

TEST_CASE("a refresh token shorter than 32 characters stops offimportd at start-up") {
    TempDir dir;
    write_file(dir / "offimport.toml", "");
    for (const std::string weak : {"Zq7", "Zq70123456789abcdef0123456789ab"}) { // 3 and 31
        std::string log;
        CHECK(run_program(offimportd_binary(), {"--config", (dir / "offimport.toml").string()}, log,
                          {"OFFIMPORT_REFRESH_TOKEN=" + weak}) == 2);
        CHECK_MESSAGE(contains(log, "at least 32 characters"), log);
        CHECK_MESSAGE(contains(log, "openssl rand -hex 32"), log);
        CHECK_FALSE(contains(log, weak));
    }
}

TEST_CASE("--help tells a new user what offimportd does, its endpoints, signals and token") {
    std::string help;
    FILE* output = ::popen((offimportd_binary() + " --help").c_str(), "r");
    REQUIRE(output);
    char buffer[4096];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, output)) > 0;) {
        help.append(buffer, got);
    }
    CHECK(::pclose(output) == 0);
    for (const char* topic : {"/metrics", "/healthz", "/readyz", "/status", "POST /refresh",
                              "Authorization: Bearer", "OFFIMPORT_REFRESH_TOKEN", "SIGTERM",
                              "SIGHUP", "0 2 * * 2", "127.0.0.1:9464", "--config", "--database"}) {
        CHECK_MESSAGE(contains(help, topic), topic);
    }
}

TEST_CASE("a full import missed while the daemon was down runs at start-up") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 50), true);
    // The default weekly schedule: its last Tuesday 02:00 is after "never succeeded".
    DaemonProcess daemon({database.conninfo(), dump.string(), "0 2 * * 2", ""});
    CHECK(eventually([&] {
        return database_says(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'off' "
                                       "AND tablename = 'runs'") &&
               database_says(database, "SELECT count(*) FROM off.runs WHERE status = "
                                       "'succeeded'");
    }));
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "50");
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);
    CHECK(contains(daemon.log(), "the scheduled full import was missed (last success: none)"));
}
