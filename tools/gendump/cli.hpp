// Command-line parsing (CLI11) for offimport-gendump.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gendump {

struct Arguments {
    std::uint64_t count = 0;
    std::string from;
    std::uint64_t target_bytes = 0;
    std::uint64_t seed = 0;
    std::string output = "-";
    std::string format; // "gzip", "plain" or "" (decide from the output name)
    double duplicate_rate = 0;
    double invalid_rate = 0;
    double change_rate = 0;
    double drop_rate = 0;
    bool quiet = false;
};

// The parsed arguments, or nullopt with `exit_code` set (0 after --help, 2 on a usage error;
// the message has then been printed).
std::optional<Arguments> parse_arguments(int argc, char** argv, int& exit_code);

} // namespace gendump
