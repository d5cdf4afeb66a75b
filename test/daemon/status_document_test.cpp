// offimport --status --json and offimportd's GET /status: one document, one set of keys.
#include "in_process_daemon.hpp"
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>
#include <vector>

using namespace offimport;
using namespace offimport::test;

namespace {

std::string stdout_of_offimport(const std::vector<std::string>& arguments, int& code) {
    TempDir dir;
    const auto out = dir / "out.json";
    std::vector<std::string> shell{"-c", "\"$0\" \"$@\" > " + out.string(), offimport_binary()};
    shell.insert(shell.end(), arguments.begin(), arguments.end());
    std::string stderr_text;
    code = run_program("/bin/sh", shell, stderr_text);
    return read_file(out);
}

// The document's keys in order, and the JSON text of each value.
std::vector<std::pair<std::string, std::string>> fields(const std::string& json) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    REQUIRE_MESSAGE(parser.parse(json).get(object) == simdjson::SUCCESS, json);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto field : object) {
        out.emplace_back(std::string(field.key), simdjson::minify(field.value));
    }
    return out;
}

std::string value_of(const std::vector<std::pair<std::string, std::string>>& document,
                     const std::string& key) {
    for (const auto& [name, value] : document) {
        if (name == key) {
            return value;
        }
    }
    return "(missing)";
}

} // namespace

TEST_CASE("offimport --status --json is the daemon's /status document, daemon-only keys null") {
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 1200), true);
    REQUIRE(run_offimport({"--full", "0", "--source", dump.string(), "--database",
                           database.conninfo(), "--config", small_dump_config()})
                .code == 0);
    int code = -1;
    const auto from_offimport = fields(
        stdout_of_offimport({"--status", "--json", "--database", database.conninfo()}, code));
    CHECK(code == 0);

    ImportGate gate;
    InProcessDaemon daemon(daemon_test_config(database.conninfo(), ""), gate.runner());
    const auto from_daemon = fields(daemon.get("/status").body);

    REQUIRE(from_offimport.size() == from_daemon.size());
    for (std::size_t i = 0; i < from_daemon.size(); ++i) {
        CHECK(from_offimport[i].first == from_daemon[i].first);
    }
    for (const char* shared : {"version", "catalogue", "last_runs", "database"}) {
        CHECK_MESSAGE(value_of(from_offimport, shared) == value_of(from_daemon, shared), shared);
    }
    for (const char* daemon_only :
         {"time_zone", "schedules", "next_run", "running", "recent", "refresh_over_http"}) {
        CHECK_MESSAGE(value_of(from_offimport, daemon_only) == "null", daemon_only);
    }
    CHECK(value_of(from_daemon, "schedules").rfind("[{\"mode\":\"full\"", 0) == 0);
    CHECK(value_of(from_daemon, "time_zone").rfind("\"", 0) == 0);
    CHECK(value_of(from_daemon, "recent") == "[]");
    CHECK(value_of(from_daemon, "refresh_over_http") == "false");
    const std::string catalogue = value_of(from_daemon, "catalogue");
    CHECK_MESSAGE(contains(catalogue, "\"schema\":\"off\",\"products\":1200"), catalogue);
    CHECK_MESSAGE(contains(catalogue, "\"last_success\":{\"full\":\"20"), catalogue);
    CHECK_MESSAGE(contains(catalogue, "\"delta\":null"), catalogue);
    CHECK_MESSAGE(contains(catalogue, "\"source\":\"" + dump.string() + "\""), catalogue);
    CHECK(contains(value_of(from_daemon, "last_runs"), "\"inserted\":1200"));
}

TEST_CASE("offimport --status --json says when the database does not answer, and exits 1") {
    int code = -1;
    const auto document = fields(stdout_of_offimport(
        {"--status", "--json", "--database", "host=127.0.0.1 port=1 connect_timeout=2"}, code));
    CHECK(code == 1);
    CHECK(value_of(document, "catalogue") == "null");
    CHECK(contains(value_of(document, "database"), "\"ready\":false,\"error\":\"cannot connect"));
}
