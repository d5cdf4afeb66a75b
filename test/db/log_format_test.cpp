// What journald and log shippers get from offimport's standard error.
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>
#include <sstream>

using namespace offimport;
using namespace offimport::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// offimport with JOURNAL_STREAM naming its standard error, as systemd sets it for a unit whose
// output goes to the journal (or naming something else: `journal_stream` replaces it then).
Outcome run_under_journald(const std::vector<std::string>& arguments,
                           const std::string& journal_stream = "") {
    std::vector<std::string> shell_arguments{
        "-c",
        journal_stream.empty()
            ? "JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) exec \"$0\" \"$@\""
            : "JOURNAL_STREAM=" + journal_stream + " exec \"$0\" \"$@\"",
        offimport_binary()};
    shell_arguments.insert(shell_arguments.end(), arguments.begin(), arguments.end());
    Outcome outcome;
    outcome.code = run_program("/bin/sh", shell_arguments, outcome.stderr_text);
    return outcome;
}

} // namespace

TEST_CASE("under journald each line has a priority prefix and no timestamp of our own") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 5), true);
    const std::vector<std::string> import{"--full",     "0",
                                          "--source",   dump.string(),
                                          "--database", database.conninfo(),
                                          "--config",   small_dump_config()};
    const auto ok = run_under_journald(import);
    CHECK(ok.code == 0);
    const auto lines = lines_of(ok.stderr_text);
    REQUIRE_FALSE(lines.empty());
    for (const auto& line : lines) {
        CHECK_MESSAGE(line.rfind("<6>info ", 0) == 0, line);
    }
    CHECK(contains(ok.stderr_text, "<6>info full import succeeded: run 1"));

    const auto failed = run_under_journald(
        {"--full", "0", "--source", (dir / "none.gz").string(), "--database", database.conninfo()});
    CHECK(failed.code != 0);
    CHECK_MESSAGE(contains(failed.stderr_text, "<3>error "), failed.stderr_text);

    // A unit whose output was sent elsewhere (a file, a pipe) inherits JOURNAL_STREAM: it names
    // another stream then, and lines keep their timestamps.
    const auto elsewhere = run_under_journald(import, "1:1");
    CHECK(elsewhere.code == 0);
    CHECK_MESSAGE(elsewhere.stderr_text.rfind("20", 0) == 0, elsewhere.stderr_text);
    CHECK_FALSE(contains(elsewhere.stderr_text, "<6>"));
}

TEST_CASE("log.format = json: one object a line with time, level, message, run id and mode") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 5), true);
    const auto config = dir / "offimport.toml";
    write_file(config, "[import]\nmin_products = 1\n[log]\nformat = \"json\"\n");
    const auto ok = run_offimport({"--full", "0", "--source", dump.string(), "--database",
                                   database.conninfo(), "--config", config.string(), "-v"});
    CHECK(ok.code == 0);
    simdjson::dom::parser parser;
    bool summary = false;
    for (const auto& line : lines_of(ok.stderr_text)) {
        simdjson::dom::element object;
        REQUIRE_MESSAGE(parser.parse(line).get(object) == simdjson::SUCCESS, line);
        std::string_view time, level, message;
        CHECK(object["time"].get(time) == simdjson::SUCCESS);
        CHECK(time.size() == 24); // 2026-12-02T06:40:21.486Z
        CHECK(object["level"].get(level) == simdjson::SUCCESS);
        CHECK(object["message"].get(message) == simdjson::SUCCESS);
        CHECK(object["run_id"].error() == simdjson::SUCCESS);
        CHECK(object["mode"].error() == simdjson::SUCCESS);
        if (message.rfind("full import succeeded", 0) == 0) {
            summary = true;
            CHECK(level == "info");
            CHECK(std::int64_t(object["run_id"]) == 1);
            CHECK(std::string_view(object["mode"]) == "full");
        }
    }
    CHECK(summary);

    // A secret stays masked, however JSON escapes it.
    const std::string secret = "pa\"ss\\word-in-a-path";
    const auto failed =
        run_offimport({"--full", "0", "--source", (dir / secret).string(), "--database",
                       database.conninfo(), "--config", config.string()},
                      {"OFFIMPORT_REFRESH_TOKEN=" + secret});
    CHECK(failed.code != 0);
    CHECK_FALSE(contains(failed.stderr_text, "word-in-a-path"));
    CHECK_MESSAGE(contains(failed.stderr_text, "\"level\":\"error\""), failed.stderr_text);
    CHECK(contains(failed.stderr_text, "***"));
}
