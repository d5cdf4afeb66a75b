#include "programs/config_check.hpp"

#include "base/errors.hpp"
#include "db/connection.hpp"
#include "source/source.hpp"

#include <cstdlib>
#include <functional>
#include <stdexcept>

namespace offimport {
namespace {

constexpr std::size_t min_refresh_token_length = 32;

// Runs one check; its UsageError (or any error) becomes a line of the report.
void collect(std::vector<std::string>& problems, const std::function<void()>& check) {
    try {
        check();
    } catch (const std::exception& error) {
        problems.emplace_back(error.what());
    }
}

std::string joined_files(const Config& config) {
    std::string files;
    for (const auto& file : config.loaded_files) {
        files += (files.empty() ? "" : ", ") + file.string();
    }
    return files.empty() ? "built-in defaults only" : files;
}

} // namespace

cron::CronExpression parse_schedule(const std::string& key, const std::string& text) {
    try {
        return cron::CronExpression::parse(text);
    } catch (const std::invalid_argument& error) {
        throw UsageError("daemon." + key + ": " + error.what());
    }
}

cron::TimeZone load_time_zone(const std::string& name) {
    try {
        return cron::TimeZone::load(name);
    } catch (const std::invalid_argument& error) {
        throw UsageError("daemon.time_zone: " + std::string(error.what()));
    }
}

void check_refresh_token(const std::string& token) {
    if (!token.empty() && token.size() < min_refresh_token_length) {
        throw UsageError("the refresh token (OFFIMPORT_REFRESH_TOKEN or daemon.refresh_token in "
                         "conf/secrets.toml) has " +
                         std::to_string(token.size()) + " characters; it needs at least " +
                         std::to_string(min_refresh_token_length) +
                         " characters. Make one with: openssl rand -hex 32");
    }
}

ConfigReport check_configuration(const Config& config) {
    ConfigReport report;
    collect(report.errors, [&] { check_refresh_token(config.refresh_token); });
    collect(report.errors, [&] { check_source_location(config.source_url); });
    collect(report.errors, [&] { parse_schedule("full_schedule", config.full_schedule); });
    if (!config.delta_schedule.empty()) {
        collect(report.errors, [&] { parse_schedule("delta_schedule", config.delta_schedule); });
    }
    collect(report.errors, [&] { load_time_zone(config.time_zone); });
    collect(report.warnings, [&] {
        ::setenv("PGCONNECT_TIMEOUT", "5", 0); // a check must not hang on an unreachable host
        try {
            db::Connection connection(config.conninfo, "offimport check-config");
            connection.exec("SELECT 1", "checking the database");
        } catch (const std::exception& error) {
            throw std::runtime_error("the database does not answer (imports would fail until "
                                     "it does): " +
                                     std::string(error.what()));
        }
    });
    return report;
}

int print_config_report(const Config& config, const ConfigReport& report, std::ostream& out) {
    for (const auto& error : report.errors) {
        out << "error: " << error << "\n";
    }
    for (const auto& warning : report.warnings) {
        out << "warning: " << warning << "\n";
    }
    if (!report.errors.empty()) {
        out << report.errors.size() << " error(s) in the configuration (" << joined_files(config)
            << ")\n";
        return static_cast<int>(ExitCode::usage);
    }
    out << "configuration OK (" << joined_files(config) << "; database "
        << db::redact_conninfo(config.conninfo) << ")\n";
    return static_cast<int>(ExitCode::success);
}

} // namespace offimport
