#pragma once

#include "config/config.hpp"

#include <ostream>

namespace offimport {

// `offimport --status`: the last runs, and what is known of each source.
int print_status(const Config& config, std::ostream& out);

} // namespace offimport
