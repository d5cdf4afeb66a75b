// offimport --check-config and offimportd --check-config: what a start would refuse, before a
// reload or a deployment finds out.
#include "daemon_process.hpp"
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <sys/stat.h>

using namespace offimport;
using namespace offimport::test;

namespace {

struct Report {
    int code = -1;
    std::string text; // standard output and standard error
};

Report check_config(const std::string& program, const std::vector<std::string>& arguments,
                    const std::vector<std::string>& environment = {}) {
    std::vector<std::string> shell{"-c", "exec \"$0\" --check-config \"$@\" 1>&2", program};
    shell.insert(shell.end(), arguments.begin(), arguments.end());
    Report report;
    report.code = run_program("/bin/sh", shell, report.text, environment);
    return report;
}

} // namespace

TEST_CASE("--check-config names every problem of a configuration and exits 2, in both programs") {
    TestDatabase database;
    TempDir dir;
    const auto config = dir / "offimport.toml";
    write_file(config, "[daemon]\nfull_schedule = \"0 25 * * 2\"\ntime_zone = \"Mars/Olympus\"\n"
                       "[source]\nurl = \"ftp://example.org/dump.gz\"\n");
    for (const auto& program : {offimport_binary(), offimportd_binary()}) {
        const auto report =
            check_config(program, {"--config", config.string(), "--database", database.conninfo()},
                         {"OFFIMPORT_REFRESH_TOKEN=short"});
        CHECK_MESSAGE(report.code == 2, report.text);
        CHECK_MESSAGE(contains(report.text, "error: daemon.full_schedule: cron expression "
                                            "'0 25 * * 2': hour field '25' is out of range"),
                      report.text);
        CHECK_MESSAGE(contains(report.text, "error: daemon.time_zone: unknown time zone "
                                            "'Mars/Olympus'"),
                      report.text);
        CHECK_MESSAGE(contains(report.text, "error: the refresh token"), report.text);
        CHECK_MESSAGE(contains(report.text, "ftp://example.org"), report.text);
        CHECK_MESSAGE(contains(report.text, "4 error(s) in the configuration (" + config.string()),
                      report.text);
        CHECK_FALSE(contains(report.text, "short"));
    }
}

TEST_CASE("--check-config passes a good configuration and only warns about a database that is "
          "down") {
    TestDatabase database;
    TempDir dir;
    const auto config = dir / "offimport.toml";
    write_file(config, "[daemon]\nfull_schedule = \"30 3 * * 0\"\ntime_zone = \"Europe/Paris\"\n");
    const auto good = check_config(
        offimport_binary(), {"--config", config.string(), "--database", database.conninfo()});
    CHECK_MESSAGE(good.code == 0, good.text);
    CHECK_MESSAGE(contains(good.text, "configuration OK (" + config.string()), good.text);
    CHECK_FALSE(contains(good.text, "warning"));

    const auto down =
        check_config(offimportd_binary(), {"--config", config.string(), "--database",
                                           "host=127.0.0.1 port=1 password=Hidden-Pass-42"});
    CHECK_MESSAGE(down.code == 0, down.text);
    CHECK_MESSAGE(contains(down.text, "warning: the database does not answer"), down.text);
    CHECK_FALSE(contains(down.text, "Hidden-Pass-42"));
}

TEST_CASE("--check-config refuses what loading refuses: a secrets file others can read") {
    TempDir dir;
    const auto config = dir / "offimport.toml";
    write_file(config, "[log]\nlevel = \"info\"\n");
    write_file(dir / "secrets.toml",
               "[daemon]\nrefresh_token = \"" + std::string(40, 'x') + "\"\n");
    ::chmod((dir / "secrets.toml").c_str(), 0644);
    const auto report = check_config(offimport_binary(), {"--config", config.string()});
    CHECK(report.code == 2);
    CHECK_MESSAGE(contains(report.text, "other users can read it (mode 0644)"), report.text);
}
