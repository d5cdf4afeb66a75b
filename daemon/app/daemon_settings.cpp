#include "daemon/app/daemon_settings.hpp"

#include "programs/config_check.hpp"
#include "programs/startup.hpp"
#include "base/errors.hpp"
#include "db/connection.hpp"
#include "log/logging.hpp"
#include "source/location.hpp"
#include "source/source.hpp"

#include <cstdlib>

namespace offimport::daemon {
namespace {

void describe(std::vector<std::string>& changes, const char* key, const std::string& before,
              const std::string& after) {
    if (before != after) {
        changes.push_back(std::string(key) + ": '" + before + "' -> '" + after + "'");
    }
}

std::string token_change(const std::string& before, const std::string& after) {
    if (before.empty()) {
        return "refresh token set: POST /refresh is on";
    }
    return after.empty() ? "refresh token removed: POST /refresh is off" : "refresh token replaced";
}

} // namespace

DaemonSettings check_daemon_settings(Config config, int verbosity) {
    check_refresh_token(config.refresh_token);
    check_source_location(config.source_url); // a scheduled run must not find out at 02:00
    auto full = parse_schedule("full_schedule", config.full_schedule);
    std::optional<cron::CronExpression> delta;
    if (!config.delta_schedule.empty()) {
        delta = parse_schedule("delta_schedule", config.delta_schedule);
    }
    auto zone = load_time_zone(config.time_zone);
    std::string level = effective_log_level(config.log_level, verbosity);
    return DaemonSettings{std::move(config), std::move(full), std::move(delta), std::move(zone),
                          std::move(level)};
}

DaemonSettings load_daemon_settings(const DaemonOptions& options) {
    Config config = load_config({options.config_file, options.env});
    choose_database(config, options.database);
    register_secrets(config);
    return check_daemon_settings(std::move(config), options.verbosity);
}

std::vector<std::string> describe_changes(const DaemonSettings& before,
                                          const DaemonSettings& after) {
    std::vector<std::string> changes;
    const Config& old_config = before.config;
    const Config& new_config = after.config;
    describe(changes, "daemon.full_schedule", old_config.full_schedule, new_config.full_schedule);
    describe(changes, "daemon.delta_schedule", old_config.delta_schedule,
             new_config.delta_schedule);
    describe(changes, "daemon.time_zone", before.time_zone.name(), after.time_zone.name());
    describe(changes, "log level", before.log_level, after.log_level);
    describe(changes, "source.url", public_location(old_config.source_url),
             public_location(new_config.source_url));
    describe(changes, "database", db::redact_conninfo(old_config.conninfo),
             db::redact_conninfo(new_config.conninfo));
    if (old_config.refresh_token != new_config.refresh_token) {
        changes.push_back(token_change(old_config.refresh_token, new_config.refresh_token));
    }
    if (old_config.listen_address != new_config.listen_address ||
        old_config.listen_port != new_config.listen_port) {
        changes.push_back("daemon.listen_address/listen_port: a new address needs a restart; "
                          "still listening on " +
                          old_config.listen_address + ":" + std::to_string(old_config.listen_port));
    }
    return changes;
}

} // namespace offimport::daemon
