// offimportd's log lines under journald with log.format = "json": a priority prefix, then one
// object a line, and the lines about a run carry its id and mode.
#include "daemon_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <simdjson.h>
#include <sstream>

using namespace offimport;
using namespace offimport::test;

TEST_CASE("offimportd under journald with JSON logs: priorities, objects, and the run's id") {
    TestDatabase database;
    TempDir dir;
    const std::string token = "s3cret-refresh-token-for-the-daemon-tests";
    DaemonSetup setup{database.conninfo(),
                      write_dump(dir / "d.jsonl.gz", test_products(0, 4), true).string(), never,
                      token};
    setup.log_format = "json";
    // JOURNAL_STREAM names the daemon's standard error, as systemd sets it.
    setup.launcher = {"/bin/sh", "-c",
                      "JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) exec \"$@\"", "sh"};
    DaemonProcess daemon(setup);
    REQUIRE(daemon.post("/refresh?mode=full", token).status == 202);
    CHECK(eventually(
        [&] { return contains(daemon.get("/status").body, "\"result\":\"succeeded\""); }));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);

    simdjson::dom::parser parser;
    std::istringstream lines(daemon.log());
    int objects = 0;
    bool summary = false;
    for (std::string line; std::getline(lines, line);) {
        CAPTURE(line);
        REQUIRE(line.size() > 3);
        CHECK(line[0] == '<');
        CHECK(line[2] == '>');
        simdjson::dom::element object;
        REQUIRE(parser.parse(line.substr(3)).get(object) == simdjson::SUCCESS);
        ++objects;
        const std::string_view message = object["message"].get_string().value();
        if (message.rfind("full import succeeded: run 1", 0) == 0) {
            summary = true;
            CHECK(line.rfind("<6>", 0) == 0);
            CHECK(std::int64_t(object["run_id"]) == 1);
            CHECK(std::string_view(object["mode"]) == "full");
        }
    }
    CHECK(objects > 3);
    CHECK(summary);
    CHECK_FALSE(contains(daemon.log(), token));
}
