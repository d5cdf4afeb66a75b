#include "programs/startup.hpp"

#include "base/errors.hpp"
#include "base/version.hpp"
#include "db/connection.hpp"
#include "log/logging.hpp"
#include "programs/nearest_name.hpp"
#include "sentry/sentry_dsn.hpp"
#include "source/location.hpp"

#include <cstdlib>
#include <iostream>

namespace offimport {
namespace {

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) {
            names.push_back("--" + name);
        }
    }
    return names;
}

// What CLI11 would only list ("The following arguments were not expected: 0 --ful"), said
// about the first of them, with the option the user most likely meant.
[[noreturn]] void refuse_unexpected(const CLI::App& app, const std::string& argument,
                                    const std::string& program) {
    const std::string see = " (see " + program + " --help)";
    if (argument.size() > 1 && argument[0] == '-') {
        const std::string typed = argument.substr(0, argument.find('='));
        const auto meant = nearest_name(typed, option_names(app));
        throw UsageError("unknown option " + typed +
                         (meant ? ": did you mean " + *meant + "?" : std::string()) + see);
    }
    throw UsageError("unexpected argument '" + argument + "': only options are taken" + see);
}

} // namespace

bool parse_command_line(CLI::App& app, int argc, char** argv, const std::string& program) {
    app.set_version_flag("--version", program + " " + version());
    app.allow_extras(); // refused below, with a suggestion
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return false;
    } catch (const CLI::CallForVersion&) {
        std::cout << program << " " << version() << "\n";
        return false;
    } catch (const CLI::ParseError& error) {
        throw UsageError(std::string(error.what()) + " (see " + program + " --help)");
    }
    if (const auto extras = app.remaining(); !extras.empty()) {
        refuse_unexpected(app, extras.front(), program);
    }
    return true;
}

std::string effective_log_level(const std::string& configured, int verbosity) {
    if (verbosity > 1) {
        return "trace";
    }
    if (verbosity == 1) {
        return "debug";
    }
    return verbosity < 0 ? "warn" : configured;
}

std::string choose_database(Config& config, const std::string& database_option) {
    std::string origin = config.conninfo.empty() ? "libpq's PG* variables"
                                                 : "database.conninfo in the configuration";
    if (!database_option.empty()) {
        config.conninfo = database_option;
        origin = "--database";
    } else if (const char* url = std::getenv("OFFIMPORT_DATABASE_URL"); url && *url) {
        config.conninfo = url;
        origin = "OFFIMPORT_DATABASE_URL";
    }
    // A conninfo that libpq cannot parse is the user's to fix, before any connection is tried.
    try {
        db::conninfo_password(config.conninfo);
    } catch (const db::DbError& error) {
        throw UsageError(origin + ": " + error.what());
    }
    return origin;
}

void register_secrets(const Config& config) {
    register_secret(config.refresh_token);
    register_secret(config.sentry_dsn);
    try {
        if (const auto dsn = parse_sentry_dsn(config.sentry_dsn)) {
            register_secret(dsn->public_key);
        }
    } catch (const std::invalid_argument& error) {
        throw UsageError(std::string("sentry.dsn (or OFFIMPORT_SENTRY_DSN): ") + error.what());
    }
    if (auto password = db::conninfo_password(config.conninfo)) {
        register_secret(*password);
    }
    if (const char* password = std::getenv("PGPASSWORD")) {
        register_secret(password);
    }
    // Passwords in the configured URLs (a --source URL registers its own when it is opened).
    for (const auto* url : {&config.source_url, &config.delta_base_url}) {
        for (const auto& secret : location_secrets(*url)) {
            register_secret(secret);
        }
    }
}

} // namespace offimport
