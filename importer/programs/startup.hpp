#pragma once

#include "config/config.hpp"

#include <CLI/CLI.hpp>
#include <string>

// Start-up steps both programs (offimport and offimportd) share.
namespace offimport {

// Parses argv into `app`. Prints --help or --version and returns false when there is nothing
// more to do; a bad command line throws UsageError ending in "(see PROGRAM --help)".
bool parse_command_line(CLI::App& app, int argc, char** argv, const std::string& program);

// The log level after -v (debug), -vv (trace) or -q (warn) over the configured one.
std::string effective_log_level(const std::string& configured, int verbosity);

// --database, else OFFIMPORT_DATABASE_URL, else the configuration, else libpq's PG* variables.
// Returns where the choice came from, for messages that ask the user to fix it.
std::string choose_database(Config& config, const std::string& database_option);

// Masks the token and any database password (conninfo or PGPASSWORD) in all later log lines.
void register_secrets(const Config& config);

} // namespace offimport
