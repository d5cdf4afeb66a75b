// import.after_success: the operator's command after a committed run, through the binary.
#include "support/child_process.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace offimport;
using namespace offimport::test;

namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A configuration file with `command` as import.after_success (a TOML literal string).
std::string config_with(const TempDir& dir, const std::string& command, int timeout = 60) {
    write_file(dir / "offimport.toml",
               "[import]\nmin_products = 1\nafter_success = '''" + command +
                   "'''\nafter_success_timeout_seconds = " + std::to_string(timeout) + "\n");
    return (dir / "offimport.toml").string();
}

// A full import of 30 products with `command` after it ("@DB@" in it: the test database).
struct HookedImport {
    HookedImport(std::string command, int timeout = 60,
                 const std::vector<std::string>& environment = {})
        : dump(write_dump(dir / "dump.jsonl.gz", test_products(0, 30), true)) {
        if (const auto at = command.find("@DB@"); at != std::string::npos) {
            command.replace(at, 4, database.name());
        }
        auto arguments =
            importer_arguments(database, dump.string(), config_with(dir, command, timeout));
        arguments.insert(arguments.end(), {"--metrics-file", (dir / "offimport.prom").string()});
        outcome = run_offimport(arguments, environment);
    }
    std::string metrics() const { return read_text(dir / "offimport.prom"); }
    std::string last_run() const {
        return database.scalar("SELECT id || ':' || status FROM off.runs ORDER BY id DESC LIMIT 1");
    }

    TestDatabase database;
    TempDir dir;
    std::filesystem::path dump;
    Outcome outcome;
};

} // namespace

TEST_CASE("after_success runs once the run is committed, with the run in its environment") {
    TempDir out;
    const auto seen = out / "seen.txt";
    // What the command sees: its environment, and the catalogue from another session.
    HookedImport run("env | grep -E '^OFFIMPORT_' | sort > " + seen.string() +
                         " && psql -AtqX -d @DB@ -c 'SELECT count(*) FROM off.products' >> " +
                         seen.string() + " && echo on-stdout",
                     60, {"OFFIMPORT_REFRESH_TOKEN=secret-token-of-the-daemon-0123456789"});
    REQUIRE(run.outcome.code == 0);
    const std::string run_id = run.database.scalar("SELECT max(id) FROM off.runs");
    CHECK(run.last_run() == run_id + ":succeeded");
    const std::string environment = read_text(seen);
    for (const std::string& line : std::vector<std::string>{
             "OFFIMPORT_CATALOGUE=30", "OFFIMPORT_DELETED=0", "OFFIMPORT_INSERTED=30",
             "OFFIMPORT_MODE=full", "OFFIMPORT_REJECTED=0", "OFFIMPORT_RUN_ID=" + run_id,
             "OFFIMPORT_SCHEMA=off", "OFFIMPORT_UNCHANGED=0", "OFFIMPORT_UPDATED=0"}) {
        CHECK_MESSAGE(contains(environment, line + "\n"), environment);
    }
    CHECK_FALSE(contains(environment, "OFFIMPORT_REFRESH_TOKEN")); // offimport's secrets stay
    CHECK(environment.substr(environment.size() - 3) == "30\n");   // the committed catalogue
    // Its standard output goes to offimport's standard error.
    CHECK(contains(run.outcome.stderr_text, "on-stdout"));
    CHECK(contains(run.metrics(), "offimport_after_success_total{result=\"succeeded\"} 1"));
    CHECK(contains(run.metrics(), "offimport_after_success_total{result=\"failed\"} 0"));
}

TEST_CASE("a failing after_success is logged and counted, and the run stays committed") {
    HookedImport run("echo partial work; exit 3");
    CHECK(run.outcome.code == 0);
    CHECK(contains(run.outcome.stderr_text, "import.after_success exited with status 3"));
    CHECK(contains(run.outcome.stderr_text, "which stays committed"));
    CHECK(run.database.scalar("SELECT count(*) FROM off.products") == "30");
    CHECK(contains(run.last_run(), ":succeeded"));
    CHECK(contains(run.metrics(), "offimport_after_success_total{result=\"failed\"} 1"));
    CHECK(contains(run.metrics(), "offimport_runs_total{mode=\"full\",result=\"succeeded\"} 1"));
}

TEST_CASE("an after_success past its timeout is stopped with what it started") {
    TempDir out;
    const auto child = out / "child.pid";
    const auto started = std::chrono::steady_clock::now();
    HookedImport run("sleep 120 & echo $! > " + child.string() + "; wait", 1);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
    CHECK(run.outcome.code == 0);
    CHECK(contains(run.outcome.stderr_text,
                   "import.after_success did not finish within 1 s and was stopped"));
    // The shell's child went with its group (gone, or a zombie no one here reaps).
    const std::string stat =
        read_text("/proc/" + std::to_string(std::stoi(read_text(child))) + "/stat");
    CHECK_MESSAGE((stat.empty() || contains(stat, ") Z ")), stat);
    CHECK(contains(run.metrics(), "offimport_after_success_total{result=\"failed\"} 1"));
}

TEST_CASE("a failing after_success is sent to Sentry with the run's mode and id") {
    SentryReceiver sentry;
    HookedImport run("kill -9 $$", 60, {"OFFIMPORT_SENTRY_DSN=" + sentry.dsn()});
    CHECK(run.outcome.code == 0);
    CHECK(contains(run.outcome.stderr_text, "import.after_success was killed by signal 9"));
    const auto requests = sentry.requests();
    REQUIRE(requests.size() == 1);
    CHECK(contains(requests[0], "import.after_success was killed by signal 9 (SIGKILL) after "
                                "full run " +
                                    run.database.scalar("SELECT max(id) FROM off.runs")));
    CHECK(contains(requests[0], R"(\"mode\":\"full\")"));
}

TEST_CASE("after_success is not run after a run that failed") {
    TempDir out;
    const auto ran = out / "ran";
    HookedImport run("touch " + ran.string());
    REQUIRE(run.outcome.code == 0);
    REQUIRE(std::filesystem::remove(ran));
    auto arguments = importer_arguments(run.database, (run.dir / "missing.jsonl.gz").string(),
                                        config_with(run.dir, "touch " + ran.string()));
    CHECK(run_offimport(arguments).code == 2);
    CHECK(contains(run.last_run(), ":failed"));
    CHECK_FALSE(std::filesystem::exists(ran));
}
