#pragma once

#include "config/config.hpp"
#include "cron/cron_expression.hpp"
#include "cron/time_zone.hpp"
#include "daemon/app/daemon_options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace offimport::daemon {

// The configuration with what the daemon needs checked: schedules parsed, time zone loaded,
// database resolved, log level decided. Built at start-up and again on SIGHUP.
struct DaemonSettings {
    Config config;
    cron::CronExpression full_schedule;
    std::optional<cron::CronExpression> delta_schedule;
    cron::TimeZone time_zone;
    std::string log_level;
};

// Loads the configuration as offimport does and checks it; secrets (token, password) are
// registered for masking before anything can log them. Throws UsageError naming the key.
DaemonSettings load_daemon_settings(const DaemonOptions& options);

// Checks an already loaded configuration (tests build one in code).
DaemonSettings check_daemon_settings(Config config, int verbosity);

// One line per difference that matters to a running daemon, secrets never shown.
std::vector<std::string> describe_changes(const DaemonSettings& before,
                                          const DaemonSettings& after);

} // namespace offimport::daemon
