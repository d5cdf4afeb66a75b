// The change feed (off.product_changes): one row per product a run wrote, in its transaction;
// and the NOTIFY each committed run sends.
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"
#include "support/notification_listener.hpp"
#include "support/text_checks.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <thread>

using namespace offimport;
using namespace offimport::test;

namespace {

// Product `index` with other grades: Nutri-Score `grade` and NOVA `nova`.
std::string regraded(int index, char grade, int nova) {
    std::string line = test_product(index);
    const std::string key = R"("nutriscore_grade":")";
    const auto at = line.find(key) + key.size();
    line[at] = grade;
    return line.insert(line.size() - 1, R"(,"nova_group":)" + std::to_string(nova));
}

// The run's change rows, "code:change:nutriscore before>after:nova before>after", by code.
std::string changes_of(const TestDatabase& database, std::int64_t run_id) {
    return database.scalar(
        "SELECT string_agg(code || ':' || change || ':' || coalesce(nutriscore_before, '-') || "
        "'>' || coalesce(nutriscore_after, '-') || ':' || coalesce(nova_before::text, '-') || "
        "'>' || coalesce(nova_after::text, '-'), ' ' ORDER BY code) FROM off.product_changes "
        "WHERE run_id = " +
        std::to_string(run_id));
}

std::string count_changes(const TestDatabase& database) {
    return database.scalar("SELECT count(*) FROM off.product_changes");
}

} // namespace

TEST_CASE("a run records the products it wrote: inserted, updated, removed, with their grades") {
    TestDatabase database;
    const Config config = test_config(database);
    auto lines = test_products(0, 40);
    const auto first = import_lines(config, lines);
    // A first import writes no change rows: every product is new.
    CHECK(count_changes(database) == "0");

    lines[3] = regraded(3, 'a', 4); // d -> a, NOVA none -> 4
    lines[7] = test_product(7, "-renamed");
    lines.erase(lines.begin() + 10); // grade a
    lines.push_back(test_product(102));
    const auto second = import_lines(config, lines);
    CHECK(second.counts.updated == 2);
    CHECK(changes_of(database, second.run_id) ==
          test_code(3) + ":updated:d>a:->4 " + test_code(7) + ":updated:c>c:->- " + test_code(10) +
              ":removed:a>-:->- " + test_code(102) + ":inserted:->c:->-");
    CHECK(changes_of(database, first.run_id) == "<null>");

    // Unchanged: no row, and the earlier run's rows stay.
    const auto third = import_lines(config, lines);
    CHECK(third.counts.unchanged == 40);
    CHECK(changes_of(database, third.run_id) == "<null>");
    CHECK(count_changes(database) == "4");
}

TEST_CASE("marked products are recorded removed, and returned when the dump has them again") {
    TestDatabase database;
    Config config = test_config(database);
    config.removed_products = RemovedProducts::mark;
    auto lines = test_products(0, 40);
    import_lines(config, lines);
    const std::string gone = lines[5];
    lines.erase(lines.begin() + 5);
    const auto removal = import_lines(config, lines);
    CHECK(changes_of(database, removal.run_id) == test_code(5) + ":removed:a>-:->-");
    lines.push_back(gone);
    const auto comeback = import_lines(config, lines);
    CHECK(changes_of(database, comeback.run_id) == test_code(5) + ":returned:a>a:->-");
}

TEST_CASE("the feed keeps the rows of the last keep_changes_runs successful runs") {
    TestDatabase database;
    Config config = test_config(database);
    config.keep_changes_runs = 2;
    import_lines(config, test_products(0, 20));
    std::vector<std::int64_t> runs;
    for (const char* variant : {"-1", "-2", "-3"}) {
        runs.push_back(import_lines(config, test_products(0, 20, variant)).run_id);
    }
    CHECK(database.scalar("SELECT string_agg(DISTINCT run_id::text, ',') FROM "
                          "off.product_changes") ==
          std::to_string(runs[1]) + "," + std::to_string(runs[2]));
    // An unchanged run counts as one of them: the older of the two goes.
    const auto unchanged = import_lines(config, test_products(0, 20, "-3"));
    CHECK(unchanged.counts.unchanged == 20);
    CHECK(database.scalar("SELECT string_agg(DISTINCT run_id::text, ',') FROM "
                          "off.product_changes") == std::to_string(runs[2]));

    config.keep_changes_runs = 0; // the feed off: nothing recorded, the old rows deleted
    import_lines(config, test_products(0, 20, "-4"));
    CHECK(count_changes(database) == "0");
}

TEST_CASE("NOTIFY reaches a listener with the run's counts once its commit is visible (binary)") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, test_products(0, 30));
    NotificationListener listener(database, config.notify_channel);
    auto lines = test_products(0, 30);
    lines[2] = test_product(2, "-changed");
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", lines, true);
    Outcome outcome;
    std::thread import(
        [&] { outcome = run_offimport(importer_arguments(database, dump.string())); });
    // Seen from another session the moment it arrives: the run and its changes are there.
    const auto payload = listener.next(std::chrono::seconds(60));
    const std::string visible =
        database.scalar("SELECT (SELECT status FROM off.runs ORDER BY id DESC LIMIT 1) || ':' || "
                        "(SELECT count(*) FROM off.product_changes)");
    import.join();
    REQUIRE(outcome.code == 0);
    REQUIRE(payload.has_value());
    CHECK(visible == "succeeded:1");
    CHECK(*payload == R"({"run_id":)" + database.scalar("SELECT max(id) FROM off.runs") +
                          R"(,"mode":"full","inserted":0,"updated":1,"deleted":0,"unchanged":29,)"
                          R"("rejected":0,"catalogue":30,"change_feed":true})");
    CHECK_FALSE(listener.next(std::chrono::milliseconds(200)).has_value());
}

TEST_CASE("a cancelled run leaves no change row and sends no NOTIFY") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, test_products(0, 200));
    NotificationListener listener(database, config.notify_channel);
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 200, "-v2"), true);
    // The run's bookkeeping comes after the merge: holding its table, the test stops the run
    // with the merge's change rows written but not committed.
    auto blocker = database.connect();
    blocker.exec("BEGIN");
    blocker.exec("LOCK TABLE off.source_state IN EXCLUSIVE MODE");
    ChildProcess importer(offimport_binary(), importer_arguments(database, dump.string()));
    wait_for(database,
             "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
             "application_name = 'offimport load' AND wait_event_type = 'Lock' AND query LIKE "
             "'%source_state%'",
             "the run's bookkeeping to wait for the lock");
    importer.kill(SIGTERM);
    CHECK(importer.wait() == 1);
    blocker.exec("ROLLBACK");
    CHECK(contains(importer.stderr_text(), "cancelled"));
    CHECK(count_changes(database) == "0");
    CHECK_FALSE(listener.next(std::chrono::milliseconds(500)).has_value());
    CHECK(database.scalar("SELECT status FROM off.runs ORDER BY id DESC LIMIT 1") == "failed");
}

TEST_CASE("import.notify_channel names the channel, and \"\" sends none") {
    TestDatabase database;
    Config config = test_config(database);
    config.notify_channel = "catalogue_news";
    NotificationListener named(database, "catalogue_news");
    NotificationListener usual(database, "offimport");
    import_lines(config, test_products(0, 10));
    const auto payload = named.next(std::chrono::seconds(10));
    REQUIRE(payload.has_value());
    CHECK(contains(*payload, R"("inserted":10)"));
    CHECK(contains(*payload, R"("change_feed":false)")); // a first import
    CHECK_FALSE(usual.next(std::chrono::milliseconds(200)).has_value());

    config.notify_channel.clear();
    import_lines(config, test_products(0, 10, "-v2"));
    CHECK_FALSE(named.next(std::chrono::milliseconds(300)).has_value());
    CHECK_FALSE(usual.next(std::chrono::milliseconds(10)).has_value());
}
