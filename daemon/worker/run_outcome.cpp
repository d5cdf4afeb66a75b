#include "daemon/worker/run_outcome.hpp"

#include "base/errors.hpp"
#include "db/connection.hpp"
#include "import/delta_import.hpp"
#include "import/full_import.hpp"
#include "log/logging.hpp"

#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

// The importer connects before it records anything: when that fails, the ledger has no trace
// of the run, and the daemon records it itself once the database is back.
bool failed_to_connect(const std::exception& error) {
    return dynamic_cast<const db::ConnectError*>(&error) != nullptr;
}

} // namespace

const char* to_string(RunOrigin origin) {
    return origin == RunOrigin::http ? "http" : "schedule";
}

RunReport run_import(const Config& config, const RunTicket& run, SourceProgress& progress,
                     const CancelFlag& cancel, const RunStarted& on_started) {
    if (run.mode == RunMode::delta) {
        return run_delta_import(config, cancel, on_started);
    }
    FullImportRequest request;
    request.source = config.source_url;
    request.limit = 0;
    request.verify = run.verify;
    request.observer = &progress;
    request.on_run_started = on_started;
    return run_full_import(config, request, cancel);
}

RunOutcome perform_run(const ImportRunner& runner, const Config& config, const RunTicket& run,
                       SourceProgress& progress, const CancelFlag& cancel,
                       const RunStarted& on_started) {
    RunOutcome outcome;
    outcome.run = run;
    const auto started = std::chrono::steady_clock::now();
    try {
        outcome.report = runner(config, run, progress, cancel, on_started);
        outcome.result = metrics::result_of(outcome.report);
    } catch (const TryLaterError& error) {
        outcome.locked = true;
        outcome.error = mask_secrets(error.what());
    } catch (const std::exception& error) {
        // A cancel interrupts a statement, which PostgreSQL reports as an ordinary error.
        outcome.result = cancel.requested() ? RunResult::cancelled : RunResult::failed;
        outcome.error = mask_secrets(error.what());
        outcome.unrecorded = failed_to_connect(error);
    }
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    outcome.finished = Clock::now();
    return outcome;
}

} // namespace offimport::daemon
