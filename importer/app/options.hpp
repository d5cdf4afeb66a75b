#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace offimport {

enum class Command { none, full, delta, migrate, status, check_config };

// The command line of `offimport` (docs/command-line.md).
struct Options {
    Command command = Command::none;
    std::uint64_t limit = 0;
    std::string source;   // empty = source.url from the configuration
    std::string database; // empty = OFFIMPORT_DATABASE_URL, else libpq's PG* variables
    std::string config_file;
    std::string env;
    bool force = false;
    bool allow_shrink = false;
    bool verify = false;
    bool dry_run = false;
    bool json = false; // --status --json
    std::string metrics_file;
    std::optional<bool> progress; // unset = on when stderr is a terminal
    int verbosity = 0;            // -v: +1, -q: -1
};

// Parses argv; prints --help / --version and returns nullopt when there is nothing else to do.
// Throws UsageError for a bad command line.
std::optional<Options> parse_options(int argc, char** argv);

} // namespace offimport
