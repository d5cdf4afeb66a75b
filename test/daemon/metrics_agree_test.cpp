// The cron run's metrics file and offimportd's /metrics come from one definition
// (metrics/metric_families.hpp): after the same kind of run, both export the same run families
// with the same help, type, label names and label values, so that one dashboard and one set of
// alert rules serve both deployments.
#include "daemon_process.hpp"
#include "metrics/metric_families.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <map>
#include <set>
#include <sstream>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

// What a scrape says of one family, values aside: "# HELP", "# TYPE" and each series' name and
// labels ("offimport_runs_total{mode="full",result="failed"}").
struct FamilyShape {
    std::string help;
    std::string type;
    std::set<std::string> series;
    bool operator==(const FamilyShape&) const = default;
};

std::string family_of(const std::string& series_name, const std::map<std::string, FamilyShape>& f) {
    for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
        if (series_name.ends_with(suffix)) {
            const auto base = series_name.substr(0, series_name.size() - suffix.size());
            if (f.contains(base)) {
                return base;
            }
        }
    }
    return series_name;
}

std::map<std::string, FamilyShape> shapes(const std::string& exposition) {
    std::map<std::string, FamilyShape> families;
    std::istringstream lines(exposition);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string first, name;
        words >> first;
        if (first == "#") {
            std::string kind;
            words >> kind >> name;
            std::string rest;
            std::getline(words, rest);
            (kind == "HELP" ? families[name].help : families[name].type) = rest;
        } else if (!first.empty()) {
            const std::string series = line.substr(0, line.rfind(' '));
            const std::string series_name = series.substr(0, series.find('{'));
            families[family_of(series_name, families)].series.insert(series);
        }
    }
    return families;
}

void check_agreement(const std::string& file, const std::string& scrape) {
    const auto from_file = shapes(file);
    const auto from_daemon = shapes(scrape);
    for (const auto& family : metrics::run_families) {
        const std::string name(family.name);
        CAPTURE(name);
        REQUIRE(from_file.contains(name));
        REQUIRE(from_daemon.contains(name));
        CHECK(from_file.at(name).help == " " + std::string(family.help));
        CHECK(from_file.at(name) == from_daemon.at(name));
        if (!(from_file.at(name) == from_daemon.at(name))) {
            for (const auto& series : from_file.at(name).series) {
                CHECK_MESSAGE(from_daemon.at(name).series.contains(series),
                              "file only: " << series);
            }
            for (const auto& series : from_daemon.at(name).series) {
                CHECK_MESSAGE(from_file.at(name).series.contains(series),
                              "daemon only: " << series);
            }
        }
    }
    std::set<std::string> defined;
    for (const auto& family : metrics::run_families) {
        defined.emplace(family.name);
    }
    for (const auto& [name, shape] : from_file) {
        CHECK_MESSAGE(defined.contains(name), "the metrics file has an undefined family " << name);
    }
    for (const auto& family : metrics::daemon_families) {
        defined.emplace(family.name);
    }
    for (const auto& [name, shape] : from_daemon) {
        CHECK_MESSAGE(defined.contains(name), "/metrics has an undefined family " << name);
    }
}

} // namespace

TEST_CASE("the metrics file and /metrics export the same families after the same runs") {
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 30), true);
    const auto file = dir / "offimport.prom";
    TestDatabase cron_database, daemon_database;
    DaemonProcess daemon({daemon_database.conninfo(), dump.string(), never, token});

    // A first import, then the same dump again (nothing to write), in each deployment.
    const std::string succeeded = "offimport_runs_total{mode=\"full\",result=\"succeeded\"}";
    for (const int daemon_runs : {1, 2}) {
        CAPTURE(daemon_runs);
        REQUIRE(run_offimport({"--full", "0", "--source", dump.string(), "--database",
                               cron_database.conninfo(), "--config", small_dump_config(),
                               "--metrics-file", file.string()})
                    .code == 0);
        REQUIRE(daemon.post("/refresh?mode=full", token).status == 202);
        const bool ran = eventually(
            [&] { return metric_value(daemon.get("/metrics").body, succeeded) == daemon_runs; });
        REQUIRE_MESSAGE(ran, daemon.get("/status").body);
        const std::string file_text = read_file(file);
        CHECK(metric_value(file_text, succeeded) == 1); // the file describes one run
        check_agreement(file_text, daemon.get("/metrics").body);
        CHECK(metric_value(file_text, "offimport_catalog_products") == 30);
        CHECK(metric_value(daemon.get("/metrics").body, "offimport_catalog_products") == 30);
    }
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);
}
