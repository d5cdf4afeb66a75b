// Every metric that the documentation, the alert rules and their tests name is one that
// metrics/metric_families.hpp defines: a renamed or removed family cannot leave a README line
// or an alert that watches nothing.
#include "metrics/metric_families.hpp"
#include "support/dump_files.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <set>

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

TEST_CASE("README, the daemon's guide and the alert rules name only defined metrics") {
    const auto defined = defined_series_names();
    const std::regex metric_name("offimport_[a-z_]+");
    for (const char* document :
         {"README.md", "daemon/README.md", "conf/alerts.yml", "conf/alerts_test.yml"}) {
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
