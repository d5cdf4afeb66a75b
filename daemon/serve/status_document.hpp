#pragma once

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
    std::string last_runs_json;           // from the ledger; empty when it could not be read
    std::optional<std::string> database_error;
    bool refresh_enabled;
};

// The /status JSON document: version, schedules and the next run, the running import and its
// progress, the daemon's recent runs (ticket -> run id) and the ledger's last runs.
std::string status_document(const StatusFacts& facts);

// Share of the source read so far; nullopt when the size of the source is unknown.
std::optional<double> progress_ratio(const SourceProgress& progress);

} // namespace offimport::daemon
