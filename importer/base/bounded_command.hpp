#pragma once

#include "base/cancel.hpp"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace offimport {

// A shell command run to its end, or stopped.
struct BoundedCommand {
    std::string command; // for /bin/sh -c
    // Added to (or replacing in) the inherited environment, less `withheld`.
    std::vector<std::pair<std::string, std::string>> environment;
    std::vector<std::string> withheld; // names not passed on (secrets of the caller's)
    std::chrono::milliseconds timeout{600'000};
    std::chrono::milliseconds grace{5'000}; // after SIGTERM, before SIGKILL
};

struct CommandOutcome {
    bool succeeded = false;
    std::string failure; // "exited with status 3", "did not finish within 10 s", ...
    double seconds = 0;
};

// Runs the command in a process group of its own, with standard input from /dev/null and
// standard output sent to standard error (the caller's standard output stays its own), and
// waits for it. On timeout or `cancel`, the whole group is sent SIGTERM, then SIGKILL after the
// grace period, and reaped. Never throws for the command's own failure.
CommandOutcome run_bounded_command(const BoundedCommand& request, const CancelFlag& cancel);

} // namespace offimport
