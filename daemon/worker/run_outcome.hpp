#pragma once

#include "base/cancel.hpp"
#include "config/config.hpp"
#include "ledger/run_report.hpp"
#include "metrics/metric_families.hpp"
#include "source/source.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace offimport::daemon {

using Clock = std::chrono::system_clock;

// Who asked for a run: the schedule (also its catch-up and retries) or POST /refresh.
enum class RunOrigin { schedule, http };

using metrics::RunResult;

const char* to_string(RunOrigin origin);

// A run the worker accepted; `ticket` numbers the daemon's runs, since the ledger's run id is
// only known once the run has reached the database.
struct RunTicket {
    std::uint64_t ticket = 0;
    RunMode mode = RunMode::full;
    RunOrigin origin = RunOrigin::schedule;
    bool verify = false; // a full import comparing every product (POST /refresh?verify=true)
    Clock::time_point started;
    std::optional<std::int64_t> run_id; // the ledger's id, once the run has reached it
};

struct RunOutcome {
    RunTicket run;
    RunResult result = RunResult::failed;
    bool locked = false; // another process holds the import lock: no run took place
    RunReport report;    // a failed run's report is empty: run_full_import throws
    std::string error;
    bool unrecorded = false; // the database was unreachable: the ledger does not know the run
    Clock::time_point finished;
    double seconds = 0;
};

// Performs one import to its end; throws as run_full_import does. Replaceable in tests.
// `on_started` receives the ledger's run id as soon as the run has one.
using RunStarted = std::function<void(std::int64_t run_id)>;
using ImportRunner =
    std::function<RunReport(const Config& config, const RunTicket& run, SourceProgress& progress,
                            const CancelFlag& cancel, const RunStarted& on_started)>;

// The real imports: a full import of config.source_url (all products), or the delta files.
RunReport run_import(const Config& config, const RunTicket& run, SourceProgress& progress,
                     const CancelFlag& cancel, const RunStarted& on_started);

// Runs `runner` and turns whatever happened into an outcome; never throws.
RunOutcome perform_run(const ImportRunner& runner, const Config& config, const RunTicket& run,
                       SourceProgress& progress, const CancelFlag& cancel,
                       const RunStarted& on_started);

} // namespace offimport::daemon
