// The daemon as the HTTP endpoints see it (DaemonService).
#include "daemon/app/daemon.hpp"
#include "daemon/app/database_probes.hpp"
#include "daemon/serve/status_document.hpp"
#include "log/logging.hpp"

#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

// How many ledger rows /status shows.
constexpr int status_runs = 10;

} // namespace

std::string Daemon::metrics_text() {
    const auto ratio = progress_ratio(worker_.progress());
    metrics_.set_running(worker_.running().has_value(), ratio.value_or(0));
    return metrics_.serialize();
}

asio::awaitable<std::optional<std::string>> Daemon::database_problem() {
    const auto probe = [config = settings_.config]() -> std::optional<std::string> {
        try {
            check_database(config);
            return std::nullopt;
        } catch (const std::exception& error) {
            return mask_secrets(error.what());
        }
    };
    const auto problem = co_await offload(database_pool_, probe);
    if (!problem && !shutting_down_) {
        // The database is back: catch up on what could not be done while it was away.
        if (!unrecorded_.empty()) {
            record_unrecorded_runs();
        }
        if (!ledger_known_) {
            read_ledger();
        }
    }
    co_return problem;
}

asio::awaitable<std::string> Daemon::status_json() {
    const auto read = [config = settings_.config] {
        return read_catalogue_view(config, status_runs);
    };
    const CatalogueView catalogue = co_await offload(database_pool_, read);
    co_return status_document(StatusFacts{timetable_, worker_.running(), worker_.progress(),
                                          recent_, catalogue,
                                          !settings_.config.refresh_token.empty()});
}

asio::awaitable<RefreshAttempt> Daemon::request_refresh(RunMode mode, bool verify) {
    RefreshAttempt attempt;
    if (worker_.running() || shutting_down_) {
        attempt.running = worker_.running();
        attempt.busy_elsewhere = "the daemon is stopping";
        co_return attempt;
    }
    // Another process (cron, a shell) may hold the import lock: say so now rather than accept
    // a run that cannot start. A database that does not answer is no reason to refuse: the
    // run then fails, is recorded later, and shows in the metrics.
    std::optional<std::string> holder;
    try {
        const auto look = [config = settings_.config] { return import_lock_holder(config); };
        holder = co_await offload(database_pool_, look);
    } catch (const std::exception& error) {
        spdlog::debug("could not look for the import lock: {}", error.what());
    }
    if (holder) {
        attempt.busy_elsewhere = *holder;
        co_return attempt;
    }
    attempt.started = worker_.start(settings_.config, mode, RunOrigin::http, verify);
    if (!attempt.started) {
        attempt.running = worker_.running();
        co_return attempt;
    }
    metrics_.set_running(true, 0);
    // The 202 carries the run id: wait (briefly, without blocking the server) for the run to
    // reach the ledger. A run that cannot (database down) is answered with its ticket only.
    asio::steady_timer pause(co_await asio::this_coro::executor);
    const auto ticket = attempt.started->ticket;
    for (int tries = 0; tries < 250; ++tries) {
        const auto& running = worker_.running();
        if (!running || running->ticket != ticket || running->run_id) {
            if (running && running->ticket == ticket) {
                attempt.started->run_id = running->run_id;
            }
            break;
        }
        pause.expires_after(std::chrono::milliseconds(20));
        co_await pause.async_wait(asio::use_awaitable);
    }
    co_return attempt;
}

} // namespace offimport::daemon
