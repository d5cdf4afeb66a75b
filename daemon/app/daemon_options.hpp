#pragma once

#include <optional>
#include <string>

namespace offimport::daemon {

// The command line of offimportd. Kept for the life of the daemon: SIGHUP reloads the
// configuration the same way.
struct DaemonOptions {
    std::string config_file;
    std::string env;
    std::string database;      // empty = OFFIMPORT_DATABASE_URL, else the configuration, else PG*
    int verbosity = 0;         // -v: +1, -q: -1
    bool check_config = false; // check the configuration and exit (ExecReload runs it first)
};

// Parses argv; prints --help / --version and returns nullopt when there is nothing else to do.
// Throws UsageError for a bad command line.
std::optional<DaemonOptions> parse_daemon_options(int argc, char** argv);

} // namespace offimport::daemon
