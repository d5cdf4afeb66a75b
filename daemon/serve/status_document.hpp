#pragma once

#include "programs/status_json.hpp"
#include "daemon/timetable/timetable.hpp"
#include "daemon/worker/run_outcome.hpp"

#include <deque>
#include <optional>
#include <string>

namespace offimport::daemon {

// Everything GET /status shows, gathered by the daemon.
struct StatusFacts {
    const Timetable& timetable;
    const std::optional<RunTicket>& running;
    const SourceProgress& progress;
    const std::deque<RunOutcome>& recent; // this daemon's last runs, newest first
    const CatalogueView& catalogue;       // from the database, as offimport --status --json
    bool refresh_enabled;
};

// The /status JSON document (app/status_json.hpp): version, schedules and the next run, the
// running import and its progress, the daemon's recent runs (ticket -> run id), the
// catalogue and the ledger's last runs.
std::string status_document(const StatusFacts& facts);

// Share of the source read so far; nullopt when the size of the source is unknown.
std::optional<double> progress_ratio(const SourceProgress& progress);

} // namespace offimport::daemon
