// What a user sees from the offimport command: exit codes, one-line messages, no secrets.
#include "db/migration.hpp"
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <thread>

using namespace offimport;
using namespace offimport::test;

TEST_CASE("--help documents every option of the command line") {
    TempDir dir;
    const auto out = dir / "help.txt";
    // --help prints to stdout: capture it through a shell redirection.
    ChildProcess shell("/bin/sh",
                       {"-c", "\"$0\" --help > \"$1\"", offimport_binary(), out.string()});
    CHECK(shell.wait() == 0);
    const std::string help = read_file(out);
    for (const char* option :
         {"--full", "--delta", "--migrate", "--status", "--source", "--database", "--config",
          "--env", "--force", "--allow-shrink", "--dry-run", "--metrics-file", "--progress",
          "--no-progress", "--version", "Exit codes", "75"}) {
        CHECK_MESSAGE(contains(help, option), option);
    }
}

TEST_CASE("usage and configuration errors: exit 2 and one line saying what to fix") {
    TempDir dir;
    write_file(dir / "bad.toml", "[import]\nmax_reject_ratio = \"high\"\n");
    write_file(dir / "empty-schema.toml", "[database]\nschema = \"\"\n");
    write_file(dir / "long-schema.toml", "[database]\nschema = \"" + std::string(64, 's') + "\"\n");
    const auto cases = std::vector<std::pair<std::vector<std::string>, std::string>>{
        {{}, "no command given"},
        {{"--full", "abc"}, "LIMIT must be a whole number"},
        {{"--full", "0", "--migrate"}, "--full and --migrate are two commands"},
        {{"--full", "0", "--config", "/nonexistent/offimport.toml"},
         "/nonexistent/offimport.toml does not exist"},
        {{"--full", "0", "--config", (dir / "bad.toml").string()},
         "bad.toml:2: 'import.max_reject_ratio' must be a number from 0 to 1"},
        {{"--full", "0", "--source", "ftp://example.org/dump.gz"}, "unsupported scheme"},
        {{"--full", "0", "--source", "file:///tmp/%zz"}, "malformed %-escape"},
        {{"--full", "0", "--source", "file:///tmp/a%00b.gz"}, "malformed %-escape"},
        {{"--full", "0", "--source", "file://host/dump.gz"}, "only local file:///"},
        {{"--full", "0", "--source", "https://example.org/" + std::string(3000, 'd')},
         "source of 3020 bytes: at most 2000"},
        {{"--migrate", "--database", "garbage=="}, "--database: invalid database conninfo"},
        {{"--status", "--database", "host=x password=Tr1cky pass"}, "--database: invalid"},
        {{"--migrate", "--config", (dir / "empty-schema.toml").string()},
         "'database.schema' must be a schema name of 1 to 63 bytes"},
        {{"--migrate", "--config", (dir / "long-schema.toml").string()},
         "'database.schema' must be a schema name of 1 to 63 bytes"},
    };
    for (const auto& [arguments, message] : cases) {
        const auto outcome = run_offimport(arguments);
        CHECK_MESSAGE(outcome.code == 2, outcome.stderr_text);
        CHECK_MESSAGE(contains(outcome.stderr_text, message), outcome.stderr_text);
        CHECK_MESSAGE(outcome.lines() == 1, outcome.stderr_text);
        CHECK_FALSE(contains(outcome.stderr_text, "Tr1cky"));
    }
}

TEST_CASE("an unreachable database: exit 75, one line, and the password never shown") {
    const auto outcome = run_offimport(
        {"--migrate", "--database",
         "postgresql://importer:Sup3rSecretPw@127.0.0.1:1/catalogue?connect_timeout=3"});
    CHECK(outcome.code == 75);
    CHECK(contains(outcome.stderr_text, "cannot connect to PostgreSQL"));
    CHECK_FALSE(contains(outcome.stderr_text, "Sup3rSecretPw"));
    CHECK(outcome.lines() == 1);

    const auto from_env =
        run_offimport({"--migrate"}, {"OFFIMPORT_DATABASE_URL=host=127.0.0.1 port=1 "
                                      "password=An0therSecret connect_timeout=3"});
    CHECK(from_env.code == 75);
    CHECK_FALSE(contains(from_env.stderr_text, "An0therSecret"));
}

TEST_CASE("--migrate creates every table once, and a second run changes nothing") {
    TestDatabase database;
    const auto first = run_offimport(
        {"--migrate", "--database", database.conninfo(), "--config", small_dump_config()});
    CHECK(first.code == 0);
    const auto migrations = std::to_string(db::embedded_migrations().size());
    CHECK(contains(first.stderr_text, migrations + " migrations applied now"));
    CHECK(database.scalar("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM "
                          "information_schema.tables WHERE table_schema = 'off'") ==
          "catalogue_state,categories,category_figures,extra_columns,fingerprint_state,"
          "line_fingerprints,product_categories,product_changes,products,rejects,runs,"
          "schema_migrations,source_state");
    const auto second = run_offimport(
        {"--migrate", "--database", database.conninfo(), "--config", small_dump_config()});
    CHECK(second.code == 0);
    CHECK(contains(second.stderr_text, "0 migrations applied now"));
    CHECK(database.scalar("SELECT count(*) FROM off.schema_migrations") == migrations);
}

TEST_CASE("a failing migration is rolled back and named with its file, line and statement") {
    TestDatabase database;
    auto connection = database.connect();
    const std::vector<db::Migration> migrations{
        {1, "001_first.sql", "CREATE TABLE {schema}.first (id int);"},
        {2, "002_broken.sql",
         "CREATE TABLE {schema}.second (id int);\nSELECT no_such_column FROM {schema}.first;"},
    };
    CHECK_THROWS_WITH(db::migrate(connection, "off", migrations),
                      doctest::Contains("schema/002_broken.sql:2 failed"));
    CHECK_THROWS_WITH(db::migrate(connection, "off", migrations),
                      doctest::Contains("SELECT no_such_column FROM \"off\".first"));
    CHECK(database.scalar("SELECT string_agg(version::text, ',') FROM off.schema_migrations") ==
          "1");
    CHECK(database.scalar("SELECT to_regclass('off.second') IS NULL") == "t");
}

TEST_CASE("migrations resolve built-ins in pg_catalog and refuse unqualified names") {
    TestDatabase database;
    auto connection = database.connect();
    // Someone's function in the schema named like a built-in must not be what a migration calls.
    connection.exec("CREATE SCHEMA off");
    connection.exec("CREATE FUNCTION off.lower(text) RETURNS text LANGUAGE sql AS "
                    "$$ SELECT 'hijacked'::text $$");
    db::migrate(connection, "off",
                {{1, "001_lower.sql", "CREATE TABLE {schema}.t AS SELECT lower('ABC') AS v;"}});
    CHECK(database.scalar("SELECT v FROM off.t") == "abc");
    CHECK_THROWS_WITH(db::migrate(connection, "off",
                                  {{1, "001_lower.sql", ""},
                                   {2, "002_unqualified.sql", "CREATE TABLE loose (id int);"}}),
                      doctest::Contains("002_unqualified.sql:1 failed"));
    CHECK(database.scalar("SELECT count(*) FROM pg_class WHERE relname = 'loose'") == "0");
}

TEST_CASE("concurrent migrations apply each file once") {
    TestDatabase database;
    std::vector<std::thread> threads;
    std::atomic<int> applied{0};
    for (int i = 0; i < 3; ++i) {
        threads.emplace_back([&] {
            auto connection = database.connect();
            applied += db::migrate(connection, "off").applied;
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(applied == static_cast<int>(db::embedded_migrations().size()));
}

TEST_CASE("--dry-run reads and counts but writes nothing, not even the schema") {
    TestDatabase database;
    TempDir dir;
    write_file(dir / "lenient.toml", "[import]\nmax_reject_ratio = 0.5\n");
    const std::string config = (dir / "lenient.toml").string();
    const std::string dump = dump_text(test_products(0, 30)) + dump_text({test_product(3), "[1]"});
    const auto outcome = run_offimport({"--full", "0", "--dry-run", "--source", "-", "--database",
                                        database.conninfo(), "--no-progress", "--config", config},
                                       {}, dump);
    CHECK_MESSAGE(outcome.code == 0, outcome.stderr_text);
    CHECK(contains(outcome.stderr_text, "32 lines, 31 valid products, rejected 1, duplicates 1"));
    CHECK(database.scalar("SELECT to_regnamespace('off') IS NULL") == "t");
    // Each rejected line is listed with -v only: a broken dump has millions.
    CHECK_FALSE(contains(outcome.stderr_text, "line 32 rejected"));
    const auto verbose =
        run_offimport({"--full", "0", "--dry-run", "--source", "-", "--database",
                       database.conninfo(), "--no-progress", "-v", "--config", config},
                      {}, dump);
    CHECK(contains(verbose.stderr_text, "debug line 32 rejected"));
}

TEST_CASE("standard input, file:// sources and the metrics file") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump with space.jsonl.gz", test_products(0, 25), true);
    const auto metrics = dir / "offimport.prom";
    const auto from_url = run_offimport(
        {"--full", "0", "--source", "file://" + dump.string(), "--database", database.conninfo(),
         "--metrics-file", metrics.string(), "--no-progress", "--config", small_dump_config()});
    CHECK(from_url.code == 0);
    CHECK(contains(from_url.stderr_text, "inserted 25"));
    const std::string text = read_file(metrics);
    for (const char* line : {"offimport_runs_total{mode=\"full\",result=\"succeeded\"} 1",
                             "offimport_products_total{outcome=\"inserted\"} 25",
                             "offimport_catalog_products 25", "offimport_build_info{version=",
                             "offimport_last_success_timestamp_seconds{mode=\"full\"}",
                             "offimport_run_duration_seconds_bucket{mode=\"full\""}) {
        CHECK_MESSAGE(contains(text, line), line);
    }
    const auto from_stdin = run_offimport({"--full", "0", "--source", "-", "--database",
                                           database.conninfo(), "--config", small_dump_config()},
                                          {}, gzip(dump_text(test_products(0, 25, "-stdin"))));
    CHECK(from_stdin.code == 0);
    CHECK(contains(from_stdin.stderr_text, "updated 25"));
}

TEST_CASE("--status shows the catalogue, the watermark, the last runs and each source") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 25), true);
    CHECK(run_offimport({"--full", "0", "--source", dump.string(), "--database",
                         database.conninfo(), "--config", small_dump_config()})
              .code == 0);
    write_file(dir / "dump.jsonl.gz", gzip(dump_text(test_products(0, 25))).substr(0, 100));
    CHECK(run_offimport({"--full", "0", "--source", dump.string(), "--database",
                         database.conninfo(), "--config", small_dump_config()})
              .code == 1);
    const auto out = dir / "status.txt";
    ChildProcess shell("/bin/sh", {"-c", "\"$0\" --status --database \"$1\" > \"$2\"",
                                   offimport_binary(), database.conninfo(), out.string()});
    CHECK(shell.wait() == 0);
    const std::string status = read_file(out);
    CHECK_MESSAGE(contains(status, "Catalogue: 25 products in schema off"), status);
    CHECK_MESSAGE(contains(status, "Watermark (newest last_modified_t applied"), status);
    CHECK_MESSAGE(contains(status, "2023-11-14T22:13:44Z"), status); // 1700000024
    CHECK_MESSAGE(contains(status, "run 1  full  succeeded"), status);
    CHECK_MESSAGE(contains(status, "run 2  full  failed"), status);
    CHECK_MESSAGE(contains(status, "error: corrupt gzip stream"), status);
    CHECK_MESSAGE(contains(status, dump.string()), status);
    CHECK_MESSAGE(contains(status, "last failure 20"), status);
    CHECK_MESSAGE(contains(status, "Last success (a whole source imported or found unchanged): "
                                   "full 20"),
                  status);
    CHECK_MESSAGE(contains(status, "delta never"), status);
}

TEST_CASE("--status groups its counts by thousands") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 1200), true);
    CHECK(run_offimport({"--full", "0", "--source", dump.string(), "--database",
                         database.conninfo(), "--config", small_dump_config()})
              .code == 0);
    const auto out = dir / "status.txt";
    ChildProcess shell("/bin/sh", {"-c", "\"$0\" --status --database \"$1\" > \"$2\"",
                                   offimport_binary(), database.conninfo(), out.string()});
    CHECK(shell.wait() == 0);
    const std::string status = read_file(out);
    CHECK_MESSAGE(contains(status, "Catalogue: 1,200 products"), status);
    CHECK_MESSAGE(contains(status, "inserted 1,200, updated 0"), status);
}

TEST_CASE("--status answers while a first import holds the catalogue locked") {
    TestDatabase database;
    ChildProcess importer(offimport_binary(),
                          {"--full", "0", "--source", "-", "--database", database.conninfo(),
                           "--no-progress", "--config", small_dump_config()});
    // More than one block, and stdin stays open: the first import stays inside its COPY.
    importer.write_stdin(dump_text(test_products(0, 40000)));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (database.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                           "current_database() AND application_name = 'offimport load' AND "
                           "query LIKE 'COPY%'") == "0" &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    TempDir dir;
    const auto out = dir / "status.txt";
    const auto started = std::chrono::steady_clock::now();
    ChildProcess shell("/bin/sh", {"-c", "\"$0\" --status --database \"$1\" > \"$2\"",
                                   offimport_binary(), database.conninfo(), out.string()});
    CHECK(shell.wait() == 0);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(15));
    const std::string status = read_file(out);
    CHECK_MESSAGE(contains(status, "Catalogue: being filled by a first import"), status);
    CHECK_MESSAGE(contains(status, "full  running"), status);
    importer.close_stdin();
    CHECK(importer.wait() == 0);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "40000");
}

TEST_CASE(
    "the metrics file is replaced atomically and a symlink planted beside it is not followed") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 25), true);
    const auto metrics = dir / "offimport.prom";
    const auto victim = dir / "victim";
    write_file(victim, "keep me\n");
    ChildProcess importer(offimport_binary(),
                          {"--full", "0", "--source", dump.string(), "--database",
                           database.conninfo(), "--metrics-file", metrics.string(), "--config",
                           small_dump_config(), "--no-progress"});
    // The name the importer used to write through, planted before it gets there.
    std::filesystem::create_symlink(victim,
                                    metrics.string() + ".tmp." + std::to_string(importer.pid()));
    CHECK(importer.wait() == 0);
    CHECK(read_file(victim) == "keep me\n");
    CHECK(std::filesystem::is_regular_file(std::filesystem::symlink_status(metrics)));
    CHECK(contains(read_file(metrics), "offimport_catalog_products 25"));
    const auto mode = std::filesystem::status(metrics).permissions();
    CHECK((mode & std::filesystem::perms::others_read) != std::filesystem::perms::none);
    CHECK((mode & std::filesystem::perms::others_write) == std::filesystem::perms::none);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        CHECK_MESSAGE(entry.path().filename().string().rfind(".offimport.prom", 0) != 0,
                      "left behind: " << entry.path());
    }
}

TEST_CASE("a limited import is no last success, for the metrics file and --status alike") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 25), true);
    const auto metrics = dir / "offimport.prom";
    const auto limited = run_offimport({"--full", "5", "--source", dump.string(), "--database",
                                        database.conninfo(), "--metrics-file", metrics.string(),
                                        "--config", small_dump_config(), "--no-progress"});
    CHECK_MESSAGE(limited.code == 0, limited.stderr_text);
    const std::string text = read_file(metrics);
    // No success to report: the series is absent (or 0), never the time of this run.
    CHECK_MESSAGE(!contains(text, "offimport_last_success_timestamp_seconds{mode=\"full\"} 1"),
                  text);
    CHECK(contains(text, "offimport_runs_total{mode=\"full\",result=\"succeeded\"} 1"));
    const auto out = dir / "status.txt";
    ChildProcess shell("/bin/sh", {"-c", "\"$0\" --status --database \"$1\" > \"$2\"",
                                   offimport_binary(), database.conninfo(), out.string()});
    CHECK(shell.wait() == 0);
    CHECK_MESSAGE(contains(read_file(out), "unchanged): full never, delta never"), read_file(out));
}
