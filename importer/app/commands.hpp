#pragma once

#include "app/options.hpp"
#include "base/cancel.hpp"
#include "config/config.hpp"

namespace offimport {

// Runs the command the options name and returns the exit code.
int run_command(const Config& config, const Options& options, const CancelFlag& cancel);

} // namespace offimport
