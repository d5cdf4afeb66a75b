#pragma once

#include "config/config.hpp"

#include <ostream>

namespace offimport {

// `offimport --status`: the last runs, and what is known of each source.
int print_status(const Config& config, std::ostream& out);

// `offimport --status --json`: the status document offimportd's GET /status serves
// (app/status_json.hpp), with null for what only the daemon knows. Exit 1 when the database
// could not be read (the document says why).
int print_status_json(const Config& config, std::ostream& out);

} // namespace offimport
