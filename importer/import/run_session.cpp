#include "import/run_session.hpp"

#include "base/errors.hpp"
#include "db/locks.hpp"
#include "db/migration.hpp"
#include "log/logging.hpp"
#include "sentry/sentry_reporter.hpp"
#include "source/location.hpp"

#include <chrono>
#include <spdlog/spdlog.h>
#include <thread>

namespace offimport {
namespace {

void take_import_lock(db::Connection& control, Ledger& ledger, const std::string& schema_name) {
    const auto locked = control.exec("SELECT pg_try_advisory_lock($1, hashtext($2))",
                                     {std::to_string(db::import_lock_class), schema_name},
                                     "taking the import lock");
    if (locked.get(0, 0) != "t") {
        throw TryLaterError(ledger.describe_running());
    }
}

} // namespace

HttpSettings http_settings(const Config& config) {
    return {config.connect_timeout_seconds, config.low_speed_time_seconds,
            config.low_speed_limit_bytes,   config.retries,
            config.retry_backoff_seconds,   config.max_transfer_seconds,
            config.max_transfer_bytes,      config.ca_file};
}

namespace {
// Seconds (one attempt a second) to wait for the server to come back to record a failed run:
// a restart takes a few; kept under offimportd's 10 s to stop after SIGTERM.
constexpr int ledger_reconnect_attempts = 8;
} // namespace

RunSession::RunSession(const Config& config, RunMode mode, const std::string& source,
                       std::uint64_t limit)
    : conninfo_(config.conninfo), lock_name_(config.schema),
      control_(config.conninfo, "offimport control"),
      schema_(control_.quote_identifier(config.schema)), ledger_(control_, schema_),
      started_(std::chrono::steady_clock::now()) {
    set_log_run(to_string(mode), 0);
    // The lock first: a migration waits for the tables a running import uses, so a second
    // run must learn that another holds the lock (exit 75) before it tries to migrate.
    take_import_lock(control_, ledger_, config.schema);
    db::migrate(control_, config.schema);
    if (const auto abandoned = ledger_.mark_abandoned(); abandoned > 0) {
        const std::string message =
            std::to_string(abandoned) +
            " earlier run(s) ended without recording an outcome "
            "(killed, crashed, or they lost the database): now marked abandoned";
        spdlog::warn("{}", message);
        SentryReporter(config).send({"warning", message, {{"mode", std::string(to_string(mode))}}});
    }
    report_.mode = mode;
    report_.source = public_location(source); // what the ledger and logs may show
    report_.status = RunStatus::running;
    report_.product_limit = limit;
    report_.run_id = ledger_.start(mode, report_.source, limit);
    set_log_run(to_string(mode), report_.run_id);
}

// The server releases a session's advisory lock when its backend exits, a moment after the
// connection closes: a run started in that moment was refused as if another import ran.
// Released here, the lock is free when the next run asks.
RunSession::~RunSession() {
    if (!holds_lock_) {
        return;
    }
    try {
        control_.exec("SELECT pg_advisory_unlock($1, hashtext($2))",
                      {std::to_string(db::import_lock_class), lock_name_},
                      "releasing the import lock");
    } catch (const std::exception&) {
        // The connection is gone, and the lock with it.
    }
}

double RunSession::elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void RunSession::finish(RunStatus status, const std::string& error) {
    report_.status = status;
    report_.error = error;
    report_.seconds = elapsed_seconds();
    // A run that failed because the server went away is recorded once it is back (a restart
    // takes seconds), so the ledger says what happened rather than "abandoned" later.
    for (int attempt = 1;; ++attempt) {
        try {
            ledger_.finish(report_);
            return;
        } catch (const db::ConnectionLostError& lost) {
            if (attempt >= ledger_reconnect_attempts) {
                spdlog::warn("could not record run {} as {}: {}; the next run will close it",
                             report_.run_id, to_string(status), lost.what());
                return;
            }
        } catch (const std::exception& ledger_error) {
            spdlog::warn("could not record run {} as {}: {}", report_.run_id, to_string(status),
                         ledger_error.what());
            return;
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
        try {
            control_ = db::Connection(conninfo_, "offimport control");
            holds_lock_ = false;
        } catch (const db::DbError&) {
            // not back yet: the next attempt says so
        }
    }
}

} // namespace offimport
