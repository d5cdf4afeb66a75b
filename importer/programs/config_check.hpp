#pragma once

#include "config/config.hpp"
#include "cron/cron_expression.hpp"
#include "cron/time_zone.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace offimport {

// The settings only the daemon acts on, checked the same way by both programs: offimport's
// --check-config must refuse what offimportd would refuse at start or on SIGHUP.

// daemon.KEY as a cron expression; UsageError naming the key otherwise.
cron::CronExpression parse_schedule(const std::string& key, const std::string& text);
// daemon.time_zone ("" = the machine's); UsageError naming the key otherwise.
cron::TimeZone load_time_zone(const std::string& name);
// POST /refresh starts an import that holds the catalogue's lock: its token must not be
// guessable. Empty (refresh over HTTP off) passes.
void check_refresh_token(const std::string& token);

// What --check-config found: errors make the configuration unusable, warnings do not
// (the database may simply be down while the configuration is checked).
struct ConfigReport {
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
};

// Every check a start-up of either program makes on a loaded configuration, each problem
// collected rather than the first thrown; then whether the database answers (a warning).
ConfigReport check_configuration(const Config& config);

// Prints the report ("configuration OK: …" or one line per problem); the exit code: 0, or 2
// when there are errors.
int print_config_report(const Config& config, const ConfigReport& report, std::ostream& out);

} // namespace offimport
