#pragma once

#include "config/config.hpp"

#include <optional>
#include <string>

namespace offimport {

// The status document: what offimportd's GET /status and `offimport --status --json` print.
// Its keys are defined here, once. Both programs read the catalogue's side from the database;
// the daemon's side (schedules, the running import, its recent runs) only offimportd knows,
// and offimport writes null for each of those keys.

// The catalogue's side, read from the database (values are JSON text).
struct CatalogueView {
    // {"schema", "products" (null while a first import holds the tables), "watermark",
    //  "last_success": {"full", "delta"}, "extra_columns": [...], "sources": [...]};
    // null when the schema has no catalogue yet or the database could not be read.
    std::string catalogue = "null";
    std::string last_runs = "null";   // the ledger's last runs, newest first ([] before any)
    std::optional<std::string> error; // the database could not be read: why (secrets masked)
};
// Never throws: a database that does not answer is part of the answer.
CatalogueView read_catalogue_view(const Config& config, int runs);

// The daemon's side (values are JSON text).
struct DaemonView {
    std::string time_zone = "null";
    std::string schedules = "null";
    std::string next_run = "null";
    std::string running = "null";
    std::string recent = "null";
    std::string refresh_over_http = "null";
};

// The whole document, keys in a fixed order.
std::string status_document_json(const CatalogueView& catalogue, const DaemonView& daemon);

} // namespace offimport
