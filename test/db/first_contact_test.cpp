// What a newcomer meets first, through the binary against a real PostgreSQL: the command line
// says what was meant, a small dump imports with no configuration, a dry run predicts the real
// run, exit codes follow the cause, and every message is one clean line.
#include "base/one_line.hpp"
#include "support/child_process.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"
#include "support/skip.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <sstream>

using namespace offimport;
using namespace offimport::test;

namespace {

// No --config: the built-in defaults (import.min_products = 1,000,000) apply, as for a
// newcomer who has written no file.
Outcome offimport_in(const TestDatabase& database, std::vector<std::string> arguments,
                     const std::string& stdin_bytes = {}) {
    arguments.insert(arguments.end(), {"--database", database.conninfo(), "--no-progress"});
    return run_offimport(arguments, {}, stdin_bytes);
}

std::string help_text() {
    TempDir dir;
    const auto out = dir / "help.txt";
    ChildProcess shell("/bin/sh",
                       {"-c", "\"$0\" --help > \"$1\"", offimport_binary(), out.string()});
    REQUIRE(shell.wait() == 0);
    return read_file(out);
}

// Standard error holds no control character but the newlines that end its lines.
bool clean_lines(const Outcome& outcome) {
    for (const char c : outcome.stderr_text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n') || byte == 0x7f) {
            return false;
        }
    }
    return true;
}

bool one_clean_line(const Outcome& outcome) {
    const std::string& text = outcome.stderr_text;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7f) {
            return false; // a tab, a newline inside the message, an escape
        }
    }
    return outcome.lines() == 1;
}

} // namespace

TEST_CASE("--full without LIMIT imports every product, also after --dry-run") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 12), true);
    const auto dry = offimport_in(database, {"--dry-run", "--full", "--source", dump.string()});
    CHECK_MESSAGE(dry.code == 0, dry.stderr_text);
    CHECK(contains(dry.stderr_text, "the import would succeed: 12 lines, 12 valid products"));
    const auto run = offimport_in(database, {"--full", "--source", dump.string()});
    CHECK_MESSAGE(run.code == 0, run.stderr_text);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "12");
}

TEST_CASE("the command line says what the user meant, in one line, exit 2") {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{},
         "no command given: say what to do with --full [LIMIT], --delta, --migrate, "
         "--status or --check-config"},
        {{"--ful", "0"}, "unknown option --ful: did you mean --full?"},
        {{"--full", "--sorce", "dump.gz"}, "unknown option --sorce: did you mean --source?"},
        {{"--full", "--databse=x"}, "unknown option --databse: did you mean --database?"},
        {{"--full", "--dry"}, "unknown option --dry: did you mean --dry-run?"},
        {{"--full", "--zzzzzzzz"}, "unknown option --zzzzzzzz (see offimport --help)"},
        {{"--full", "0", "extra"}, "unexpected argument 'extra'"},
        {{"--full", "--migrate"}, "--full and --migrate are two commands: give one"},
        {{"--status", "--delta"}, "--delta and --status are two commands: give one"},
        {{"--status", "--dry-run"}, "--dry-run does not go with --status: it is for --full"},
        {{"--migrate", "--source", "x.gz"},
         "--source does not go with --migrate: it is for --full"},
        {{"--full", "--json"}, "--json does not go with --full: it is for --status"},
        {{"--status", "--no-progress", "--metrics-file", "m.prom"},
         "--metrics-file does not go with --status: it is for --full or --delta"},
        {{"--full", "--progress", "--no-progress"}, "--progress and --no-progress contradict"},
    };
    for (const auto& [arguments, message] : cases) {
        const auto outcome = run_offimport(arguments);
        CHECK_MESSAGE(outcome.code == 2, outcome.stderr_text);
        CHECK_MESSAGE(contains(outcome.stderr_text, message), outcome.stderr_text);
        CHECK_MESSAGE(one_clean_line(outcome), outcome.stderr_text);
    }
}

TEST_CASE("--help fits 100 columns and says what a small dump needs") {
    const std::string help = help_text();
    const std::string flowing = one_line(help);
    std::istringstream lines(help);
    std::string line;
    while (std::getline(lines, line)) {
        CHECK_MESSAGE(line.size() <= 100, line);
    }
    CHECK_FALSE(contains(help, "Excludes"));
    CHECK(contains(flowing, "0 or none = all"));
    CHECK(contains(flowing, "only keeps a dump that small from replacing a larger catalogue"));
    CHECK(contains(flowing, "75 try again later"));
}

TEST_CASE("a small dump imports into an empty database with no configuration") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 40), true);
    const auto first = offimport_in(database, {"--full", "--source", dump.string()});
    CHECK_MESSAGE(first.code == 0, first.stderr_text);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "40");
    // A larger small dump replaces a smaller catalogue too: it holds more than the catalogue.
    const auto more = write_dump(dir / "more.jsonl.gz", test_products(0, 41), true);
    const auto second = offimport_in(database, {"--full", "--source", more.string()});
    CHECK_MESSAGE(second.code == 0, second.stderr_text);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "41");
}

TEST_CASE("the shared sample imports into an empty database with no configuration") {
    const auto sample = shared_sample();
    if (sample.empty()) {
        skip_test("../shared/data is absent: the sample's first import is not tried");
    }
    TestDatabase database;
    const auto outcome = offimport_in(database, {"--full", "--source", sample.string()});
    CHECK_MESSAGE(outcome.code == 0, outcome.stderr_text);
    CHECK(std::stoi(database.scalar("SELECT count(*) FROM off.products")) > 7000);
}

TEST_CASE("empty and tiny dumps never replace a larger catalogue, whatever the flags") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 40), true);
    REQUIRE(offimport_in(database, {"--full", "--source", dump.string()}).code == 0);
    const auto before = database.catalogue_checksum();
    const auto tiny = write_dump(dir / "tiny.jsonl.gz", test_products(0, 3), true);
    const auto junk = write_dump(dir / "junk.txt", {"hello", "world"}, false);
    const std::vector<std::pair<std::filesystem::path, std::string>> cases{
        {tiny, "the dump has 3 valid product(s) in 3 line(s), fewer than import.min_products "
               "(1,000,000), and the catalogue holds 40"},
        {"/dev/null", "the dump has no valid product in 0 line(s)"},
        {junk, "2 of 2 lines rejected"},
    };
    for (const auto& [source, message] : cases) {
        for (const auto& flags : std::vector<std::vector<std::string>>{
                 {}, {"--force", "--allow-shrink"}, {"--verify", "--allow-shrink"}}) {
            std::vector<std::string> arguments{"--full", "--source", source.string()};
            arguments.insert(arguments.end(), flags.begin(), flags.end());
            const auto outcome = offimport_in(database, arguments);
            CHECK_MESSAGE(outcome.code == 1, outcome.stderr_text);
            CHECK_MESSAGE(contains(outcome.stderr_text, message), outcome.stderr_text);
            CHECK(database.catalogue_checksum() == before);
        }
    }
}

TEST_CASE("a dry run predicts the real run: each guard refuses it as it would refuse the run") {
    TestDatabase database;
    TempDir dir;
    write_file(dir / "small.toml", "[import]\nmin_products = 1\n");
    const std::string config = (dir / "small.toml").string();
    const auto all = write_dump(dir / "all.jsonl.gz", test_products(0, 100), true);
    REQUIRE(offimport_in(database, {"--full", "--source", all.string()}).code == 0);
    const auto before = database.catalogue_checksum();

    // The shrink guard: half the catalogue would go.
    const auto half = write_dump(dir / "half.jsonl.gz", test_products(0, 50), true);
    const auto shrink = offimport_in(
        database, {"--full", "--dry-run", "--source", half.string(), "--config", config});
    CHECK_MESSAGE(shrink.code == 1, shrink.stderr_text);
    CHECK(contains(shrink.stderr_text, "the import would fail: refusing to delete 50 of 100"));
    CHECK(one_clean_line(shrink));
    const auto real =
        offimport_in(database, {"--full", "--source", half.string(), "--config", config});
    CHECK(real.code == 1);
    CHECK(contains(real.stderr_text, "refusing to delete 50 of 100"));

    // With --allow-shrink the guard passes; an application's foreign key still refuses.
    const auto allowed = offimport_in(database, {"--full", "--dry-run", "--allow-shrink",
                                                 "--source", half.string(), "--config", config});
    CHECK_MESSAGE(allowed.code == 0, allowed.stderr_text);
    CHECK(contains(allowed.stderr_text,
                   "the import would succeed: 50 lines, 50 valid products, rejected 0, "
                   "duplicates 0; it would delete 50 of the 100 products"));
    database.connect().exec("CREATE TABLE public.favourites (id serial PRIMARY KEY, product_code "
                            "text REFERENCES off.products (code))");
    database.connect().exec("INSERT INTO public.favourites (product_code) VALUES ($1)",
                            db::Params{test_code(70)});
    const auto referenced = offimport_in(database, {"--full", "--dry-run", "--allow-shrink",
                                                    "--source", half.string(), "--config", config});
    CHECK_MESSAGE(referenced.code == 1, referenced.stderr_text);
    CHECK(contains(referenced.stderr_text,
                   "the import would fail: deleting the 50 products the dump no longer has would "
                   "violate foreign key constraint \"favourites_product_code_fkey\""));

    // The minimum of products, against the catalogue it would replace (default configuration).
    const auto tiny = write_dump(dir / "tiny.jsonl.gz", test_products(0, 3), true);
    const auto small = offimport_in(database, {"--full", "--dry-run", "--source", tiny.string()});
    CHECK(small.code == 1);
    CHECK(contains(small.stderr_text, "the import would fail: the dump has 3 valid product(s)"));

    // The reject ratio.
    auto lines = test_products(0, 100);
    lines.push_back("{not json");
    lines.push_back("[1]");
    const auto broken = write_dump(dir / "broken.jsonl.gz", lines, true);
    const auto rejects =
        offimport_in(database, {"--full", "--dry-run", "--source", broken.string()});
    CHECK(rejects.code == 1);
    CHECK(contains(rejects.stderr_text, "the import would fail: 2 of 102 lines rejected"));

    // A dump the import takes: the same counts, then the real run succeeds.
    const auto same = offimport_in(database, {"--full", "--dry-run", "--source", all.string()});
    CHECK_MESSAGE(same.code == 0, same.stderr_text);
    CHECK(contains(same.stderr_text, "it would delete 0 of the 100 products"));
    CHECK(database.catalogue_checksum() == before);
    CHECK(database.scalar("SELECT count(*) FROM off.runs WHERE status = 'succeeded'") == "1");
}

TEST_CASE("a dry run with no database says which guards it could not check") {
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 5), true);
    const auto outcome =
        run_offimport({"--full", "--dry-run", "--no-progress", "--source", dump.string(),
                       "--database", "host=127.0.0.1 port=1 connect_timeout=3"});
    CHECK_MESSAGE(outcome.code == 0, outcome.stderr_text);
    CHECK(contains(outcome.stderr_text, "the import would succeed: 5 lines, 5 valid products"));
    CHECK(contains(outcome.stderr_text, "not checked, the database did not answer"));
    CHECK(contains(outcome.stderr_text, "import.max_delete_ratio"));
    CHECK(one_clean_line(outcome));
    // The dump alone can still fail it.
    const auto empty =
        run_offimport({"--full", "--dry-run", "--no-progress", "--source", "/dev/null",
                       "--database", "host=127.0.0.1 port=1 connect_timeout=3"});
    CHECK(empty.code == 1);
    CHECK(contains(empty.stderr_text, "the import would fail: the dump has no valid product"));
}

TEST_CASE("exit codes follow the cause: unreachable is 75, a setting to fix is 2") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 5), true);
    const std::string source = dump.string();
    const auto port = std::to_string(free_port()); // nothing listens there
    write_file(dir / "no-retry.toml", "[source]\nretries = 0\n");
    const std::string no_retry = (dir / "no-retry.toml").string();
    struct Case {
        std::vector<std::string> arguments;
        int code;
        std::string message;
    };
    const std::vector<Case> cases{
        // The server is not running: libpq's two-line message becomes one line.
        {{"--migrate", "--database", "host=127.0.0.1 port=" + port + " connect_timeout=3"},
         75,
         "Connection refused Is the server running"},
        {{"--full", "--source", source, "--database",
          "host=127.0.0.1 port=" + port + " connect_timeout=3"},
         75,
         "try again once the database is reachable"},
        {{"--full", "--source", source, "--database",
          "host=no-such-host.invalid connect_timeout=3"},
         75,
         "could not translate host name"},
        {{"--migrate", "--database", "dbname=no_such_database_" + database.name()},
         2,
         "does not exist; fix the database setting (--database)"},
        {{"--full", "--source", source, "--database",
          "dbname=" + database.name() + " user=no_such_role password=x"},
         2,
         "fix the database setting (--database)"},
        {{"--full", "--source", "http://127.0.0.1:" + port + "/dump.gz", "--database",
          database.conninfo(), "--config", no_retry},
         75,
         "try again later"},
        {{"--full", "--source", "http://[::1/dump.gz", "--database", database.conninfo()},
         2,
         "source"},
        {{"--full", "--source", (dir / "missing.jsonl.gz").string(), "--database",
          database.conninfo()},
         2,
         "cannot open source"},
    };
    for (const auto& each : cases) {
        auto arguments = each.arguments;
        arguments.push_back("--no-progress");
        const auto outcome = run_offimport(arguments, {"PGCONNECT_TIMEOUT=3"});
        CHECK_MESSAGE(outcome.code == each.code, outcome.stderr_text);
        CHECK_MESSAGE(contains(outcome.stderr_text, each.message), outcome.stderr_text);
        // A full import may have created the schema first: info lines, then the error.
        CHECK_MESSAGE(clean_lines(outcome), outcome.stderr_text);
    }
}

TEST_CASE("a source that answers 503 after every retry exits 75, the catalogue unchanged") {
    TestDatabase database;
    TempDir dir;
    write_file(dir / "retry.toml", "[import]\nmin_products = 1\n[source]\nretries = 1\n"
                                   "retry_backoff_seconds = 0.1\n");
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 5), true);
    REQUIRE(offimport_in(database, {"--full", "--source", dump.string()}).code == 0);
    const auto before = database.catalogue_checksum();
    FaultServer server(dump, "status:503", 100);
    const auto outcome = offimport_in(
        database, {"--full", "--source", server.url(), "--config", (dir / "retry.toml").string()});
    CHECK_MESSAGE(outcome.code == 75, outcome.stderr_text);
    CHECK(contains(outcome.stderr_text, "HTTP status 503 after 2 attempt(s)"));
    CHECK(database.catalogue_checksum() == before);
}

TEST_CASE("every time in --status --json and in JSON logs is RFC 3339 with its offset") {
    TestDatabase database;
    TempDir dir;
    write_file(dir / "json.toml", "[log]\nformat = \"json\"\n");
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 5), true);
    const auto run = offimport_in(
        database, {"--full", "--source", dump.string(), "--config", (dir / "json.toml").string()});
    REQUIRE_MESSAGE(run.code == 0, run.stderr_text);
    TempDir out;
    ChildProcess shell("/bin/sh",
                       {"-c", "\"$0\" --status --json --database \"$1\" > \"$2\"",
                        offimport_binary(), database.conninfo(), (out / "status.json").string()});
    REQUIRE(shell.wait() == 0);
    const std::string status = read_file(out / "status.json");
    // Every JSON string that begins like a date must be a whole RFC 3339 time with an offset.
    const std::regex date_like(R"re("(\d{4}-\d\d-\d\d[^"]*)")re");
    const std::regex rfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d))");
    int times = 0;
    for (const std::string& text : {status, run.stderr_text}) {
        for (auto it = std::sregex_iterator(text.begin(), text.end(), date_like);
             it != std::sregex_iterator(); ++it) {
            const std::string value = (*it)[1];
            CHECK_MESSAGE(std::regex_match(value, rfc3339), value);
            ++times;
        }
    }
    // started_at, finished_at, last_success.full, last_success_at, watermark, log times.
    CHECK(times >= 7);
    CHECK(contains(status, "\"last_success_at\":\"20"));
}
