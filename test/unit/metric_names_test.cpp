// Every metric that the documentation, the alert rules and their tests name is one that
// metrics/metric_families.hpp defines: a renamed or removed family cannot leave a README line
// or an alert that watches nothing.
#include "metrics/metric_families.hpp"
#include "support/dump_files.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <set>
#include <simdjson.h>

using namespace offimport;

namespace {

std::set<std::string> defined_series_names() {
    std::set<std::string> names;
    for (const auto& family : metrics::run_families) {
        names.emplace(family.name);
    }
    for (const auto& family : metrics::daemon_families) {
        names.emplace(family.name);
    }
    for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
        names.insert(std::string(metrics::run_duration.name) + suffix);
    }
    return names;
}

} // namespace

TEST_CASE("README, docs/, the daemon's guide and the alert rules name only defined metrics") {
    const auto defined = defined_series_names();
    const std::regex metric_name("offimport_[a-z_]+");
    for (const char* document :
         {"docs/operations.md", "docs/catalogue.md", "daemon/README.md", "conf/alerts.yml",
          "conf/alerts_test.yml", "conf/grafana-dashboard.json", "man/offimport.1",
          "man/offimportd.8"}) {
        CAPTURE(document);
        const std::string text = test::read_file(test::project_dir() / document);
        int named = 0;
        for (std::sregex_iterator it(text.begin(), text.end(), metric_name), end; it != end; ++it) {
            const std::string name = it->str();
            // Names that are no metric: the library, its test programs, the temp tables.
            if (name.starts_with("offimport_core") || name.starts_with("offimport_test") ||
                name == "offimport_staging" || name == "offimport_cron") {
                continue;
            }
            CHECK_MESSAGE(defined.contains(name), document << " names " << name);
            ++named;
        }
        CHECK(named > 0);
    }
}

TEST_CASE("every query of the Grafana dashboard names metrics that offimport exports") {
    const auto defined = defined_series_names();
    const std::regex metric_name("offimport_[a-z_]+");
    simdjson::dom::parser parser;
    simdjson::dom::element dashboard;
    REQUIRE(parser.load((test::project_dir() / "conf/grafana-dashboard.json").string())
                .get(dashboard) == simdjson::SUCCESS);
    std::set<std::string> shown;
    int queries = 0;
    for (const auto panel : dashboard["panels"].get_array()) {
        const std::string_view title = panel["title"].get_string().value();
        for (const auto target : panel["targets"].get_array()) {
            const std::string expr(target["expr"].get_string().value());
            CAPTURE(title);
            CAPTURE(expr);
            int named = 0;
            for (std::sregex_iterator it(expr.begin(), expr.end(), metric_name), end; it != end;
                 ++it) {
                CHECK(defined.contains(it->str()));
                shown.insert(it->str());
                ++named;
            }
            CHECK(named > 0);
            ++queries;
        }
    }
    CHECK(queries >= 10);
    // What an operator looks at first: size, freshness, durations, outcomes, refreshes.
    for (const auto& family : {metrics::catalogue_products, metrics::last_success,
                               metrics::products, metrics::refresh_requests, metrics::runs}) {
        CHECK_MESSAGE(shown.contains(std::string(family.name)), family.name);
    }
    CHECK(shown.contains(std::string(metrics::run_duration.name) + "_sum"));
}
