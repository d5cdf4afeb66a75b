// A failed, cancelled or killed run leaves the catalogue exactly as it was; the next run works.
#include "db/locks.hpp"
#include "import/run_session.hpp"
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <chrono>
#include <csignal>
#include <doctest/doctest.h>
#include <memory>
#include <thread>

using namespace offimport;
using namespace offimport::test;

namespace {

struct Catalogue {
    Catalogue() : config(test_config(database)) {
        import_lines(config, test_products(0, 200));
        checksum = database.catalogue_checksum();
    }
    void expect_unchanged() const { CHECK(database.catalogue_checksum() == checksum); }
    void expect_next_run_succeeds() const {
        const auto report = import_lines(config, test_products(0, 200, "-next"));
        CHECK(report.counts.updated == 200);
    }
    TestDatabase database;
    Config config;
    std::string checksum;
};

// An importer stopped in the middle of its merge: a test session holds a lock that lets readers
// in but makes the merge's writes wait, until release().
struct ImporterInMerge {
    ImporterInMerge(const Catalogue& catalogue, const std::string& variant)
        : dump(write_dump(dir / "dump.jsonl.gz", test_products(0, 200, variant), true)),
          blocker(catalogue.database.connect()) {
        blocker.exec("BEGIN");
        blocker.exec("LOCK TABLE off.products IN EXCLUSIVE MODE");
        importer = std::make_unique<ChildProcess>(
            offimport_binary(), importer_arguments(catalogue.database, dump.string()));
        wait_for(catalogue.database,
                 "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                 "application_name = 'offimport "
                 "load' AND wait_event_type = 'Lock'",
                 "the merge to wait for the lock");
    }
    void release(const char* how) { blocker.exec(how); }

    TempDir dir;
    std::filesystem::path dump;
    db::Connection blocker;
    std::unique_ptr<ChildProcess> importer;
};

} // namespace

TEST_CASE("a gzip stream corrupt in the middle fails the run and changes nothing") {
    Catalogue catalogue;
    TempDir dir;
    std::string compressed = gzip(dump_text(test_products(0, 5000, "-v2")));
    for (std::size_t i = compressed.size() / 2; i < compressed.size() / 2 + 64; ++i) {
        compressed[i] = static_cast<char>(compressed[i] ^ 0x5a);
    }
    write_file(dir / "corrupt.jsonl.gz", compressed);
    std::string stderr_text;
    const int code = run_program(
        offimport_binary(),
        importer_arguments(catalogue.database, (dir / "corrupt.jsonl.gz").string()), stderr_text);
    CHECK(code == 1);
    CHECK(stderr_text.find("corrupt gzip stream") != std::string::npos);
    catalogue.expect_unchanged();
    CHECK(catalogue.database.scalar("SELECT status FROM off.runs ORDER BY id DESC LIMIT 1") ==
          "failed");
    catalogue.expect_next_run_succeeds();
}

TEST_CASE("a truncated gzip file fails the run and changes nothing") {
    Catalogue catalogue;
    TempDir dir;
    const std::string compressed = gzip(dump_text(test_products(0, 5000, "-v2")));
    write_file(dir / "short.jsonl.gz", compressed.substr(0, compressed.size() - 100));
    std::string stderr_text;
    CHECK(run_program(offimport_binary(),
                      importer_arguments(catalogue.database, (dir / "short.jsonl.gz").string()),
                      stderr_text) == 1);
    CHECK(stderr_text.find("truncated") != std::string::npos);
    catalogue.expect_unchanged();
    catalogue.expect_next_run_succeeds();
}

TEST_CASE("a failed first import leaves the empty catalogue with all its indexes") {
    // A first import drops the indexes and links categories before the data is read whole.
    TestDatabase database;
    const Config config = test_config(database);
    std::string migrate_errors;
    REQUIRE(run_program(offimport_binary(), {"--migrate", "--database", database.conninfo()},
                        migrate_errors) == 0);
    const auto indexes = [&] {
        return database.scalar("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM "
                               "pg_indexes WHERE schemaname = 'off' AND tablename IN "
                               "('products', 'product_categories', 'categories')");
    };
    const std::string before = indexes();
    TempDir dir;
    // 60,000 products: batches of category links are sent before the stream breaks.
    const std::string compressed = gzip(dump_text(test_products(0, 60000)));
    write_file(dir / "short.jsonl.gz", compressed.substr(0, compressed.size() - 100));
    std::string stderr_text;
    CHECK(run_program(offimport_binary(),
                      importer_arguments(database, (dir / "short.jsonl.gz").string()),
                      stderr_text) == 1);
    CHECK(stderr_text.find("truncated") != std::string::npos);
    CHECK(indexes() == before);
    CHECK(database.scalar("SELECT (SELECT count(*) FROM off.products) + (SELECT count(*) FROM "
                          "off.categories) + (SELECT count(*) FROM off.product_categories)") ==
          "0");
    CHECK(import_lines(config, test_products(0, 50)).counts.inserted == 50);
}

TEST_CASE("too many rejects fail the run and the rejects stay recorded for diagnosis") {
    Catalogue catalogue;
    auto lines = test_products(0, 200, "-v2");
    for (int i = 0; i < 5; ++i) {
        lines.push_back("{\"code\":\"bad" + std::to_string(i) + "\"}");
    }
    CHECK_THROWS_WITH(import_lines(catalogue.config, lines),
                      doctest::Contains("5 of 205 lines rejected"));
    catalogue.expect_unchanged();
    CHECK(catalogue.database.scalar("SELECT count(*) FROM off.rejects r JOIN off.runs u ON u.id "
                                    "= r.run_id WHERE u.status = 'failed'") == "5");
    catalogue.expect_next_run_succeeds();
}

TEST_CASE("a source path that does not exist: exit 2, recorded, catalogue intact") {
    Catalogue catalogue;
    std::string stderr_text;
    CHECK(run_program(offimport_binary(),
                      importer_arguments(catalogue.database, "/nonexistent/dump.jsonl.gz"),
                      stderr_text) == 2);
    CHECK(stderr_text.find("cannot open source /nonexistent/dump.jsonl.gz") != std::string::npos);
    catalogue.expect_unchanged();
    CHECK(catalogue.database.scalar("SELECT error FROM off.runs ORDER BY id DESC LIMIT 1")
              .find("No such file") != std::string::npos);
}

TEST_CASE("the importer killed with SIGKILL during COPY leaves the catalogue as it was") {
    Catalogue catalogue;
    ChildProcess importer(offimport_binary(), importer_arguments(catalogue.database, "-"));
    // More than one parser block (4 MiB), so rows really reach the server before the kill.
    importer.write_stdin(dump_text(test_products(0, 40000, "-killed")));
    wait_for(catalogue.database,
             "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
             "application_name = 'offimport load' AND state = 'active' AND query LIKE 'COPY%'",
             "COPY to start");
    // The first 4 MiB block is parsed and sent within milliseconds; stdin stays open, so the
    // COPY cannot end before the kill.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    importer.kill(SIGKILL);
    CHECK(importer.wait() == 128 + SIGKILL);
    catalogue.expect_unchanged();
    catalogue.expect_next_run_succeeds();
    CHECK(catalogue.database.scalar("SELECT count(*) FROM off.runs WHERE status = 'abandoned'") ==
          "1");
}

TEST_CASE("the importer killed with SIGKILL during the merge leaves the catalogue as it was") {
    Catalogue catalogue;
    ImporterInMerge merging(catalogue, "-killed");
    merging.importer->kill(SIGKILL);
    CHECK(merging.importer->wait() == 128 + SIGKILL);
    merging.release("ROLLBACK");
    catalogue.expect_unchanged();
    catalogue.expect_next_run_succeeds();
}

TEST_CASE("SIGTERM during the merge cancels the run: exit 1, rolled back, recorded") {
    Catalogue catalogue;
    ImporterInMerge merging(catalogue, "-term");
    merging.importer->kill(SIGTERM);
    CHECK(merging.importer->wait() == 1);
    merging.release("ROLLBACK");
    CHECK(merging.importer->stderr_text().find("cancelled") != std::string::npos);
    catalogue.expect_unchanged();
    CHECK(catalogue.database.scalar("SELECT status FROM off.runs ORDER BY id DESC LIMIT 1") ==
          "failed");
}

TEST_CASE("two imports at once: the second exits 75 at once, naming the first") {
    Catalogue catalogue;
    ImporterInMerge first(catalogue, "-first");
    const std::string first_run =
        catalogue.database.scalar("SELECT id FROM off.runs WHERE status = 'running'");
    std::string stderr_text;
    const auto started = std::chrono::steady_clock::now();
    CHECK(run_program(offimport_binary(),
                      importer_arguments(catalogue.database, first.dump.string()),
                      stderr_text) == 75);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    CHECK(stderr_text.find("another import is running: run " + first_run) != std::string::npos);

    // With a migration pending too, the second run still learns of the first before it touches
    // the schema (a migration would wait for the first run's tables, or fail on them).
    catalogue.database.scalar("DELETE FROM off.schema_migrations RETURNING version");
    CHECK(run_program(offimport_binary(),
                      importer_arguments(catalogue.database, first.dump.string()),
                      stderr_text) == 75);
    CHECK_MESSAGE(contains(stderr_text, "another import is running: run " + first_run),
                  stderr_text);
    catalogue.database.scalar("INSERT INTO off.schema_migrations (version, name) VALUES "
                              "(1, '001_catalogue.sql') RETURNING version");
    first.release("COMMIT");
    CHECK(first.importer->wait() == 0);
    CHECK(catalogue.database.scalar("SELECT count(*) FROM off.products WHERE product_name LIKE "
                                    "'%-first'") == "200");
}

TEST_CASE("a run whose database connections are cut: exit 75, recorded as failed with the error") {
    Catalogue catalogue;
    const auto& database = catalogue.database;
    ChildProcess importer(offimport_binary(), importer_arguments(database, "-"));
    // More than one block, and standard input stays open: the import stays inside its COPY.
    importer.write_stdin(dump_text(test_products(0, 40000, "-cut")));
    wait_for(database,
             "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
             "application_name = 'offimport load' AND query LIKE 'COPY%'",
             "the import to be inside its COPY");
    // What a server restart does to the importer's sessions, here to this database only.
    database.scalar(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
        "current_database() AND application_name IN ('offimport load', 'offimport control')");
    importer.close_stdin();
    const int code = importer.wait();
    CHECK_MESSAGE(code == 75, importer.stderr_text());
    CHECK(contains(importer.stderr_text(), "lost the database connection"));
    catalogue.expect_unchanged();
    CHECK(database.scalar("SELECT status FROM off.runs ORDER BY id DESC LIMIT 1") == "failed");
    CHECK(contains(database.scalar("SELECT error FROM off.runs ORDER BY id DESC LIMIT 1"),
                   "lost the database connection"));
    catalogue.expect_next_run_succeeds();
}

TEST_CASE("a run hands the import lock back as it ends, so that the next run starts at once") {
    TestDatabase database;
    const Config config = test_config(database);
    auto probe = database.connect();
    const std::string lock = "SELECT pg_try_advisory_lock(" +
                             std::to_string(db::import_lock_class) +
                             ", hashtext('off')) AND pg_advisory_unlock(" +
                             std::to_string(db::import_lock_class) + ", hashtext('off'))";
    // Closing the session's connection left the lock to the server's backend, which releases
    // it when it exits, a moment later: a run started in that moment was refused (exit 75,
    // "another import holds the lock"), as a test that imported twice in a row once was.
    int refused = 0;
    for (int run = 0; run < 20; ++run) {
        {
            RunSession session(config, RunMode::full, "test", 0);
            session.finish(RunStatus::skipped, "nothing to do");
        }
        refused += probe.exec(lock).get(0, 0) == "t" ? 0 : 1;
    }
    CHECK(refused == 0);
}
