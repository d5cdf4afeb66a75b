#pragma once

#include "daemon/app/daemon_options.hpp"
#include "daemon/app/daemon_settings.hpp"
#include "daemon/app/service_notifier.hpp"
#include "daemon/base/asio.hpp"
#include "daemon/metrics/daemon_metrics.hpp"
#include "daemon/serve/daemon_service.hpp"
#include "daemon/serve/http_server.hpp"
#include "daemon/timetable/scheduler.hpp"
#include "daemon/timetable/timetable.hpp"
#include "daemon/worker/import_worker.hpp"
#include "daemon/worker/unrecorded_runs.hpp"

#include <boost/asio/signal_set.hpp>
#include <deque>

namespace offimport::daemon {

// offimportd in one object: the schedule, the import worker, the HTTP endpoints and the
// signals, all driven by one io_context on the calling thread. Imports run on the worker's
// thread, database probes on a small pool, so HTTP never waits for either.
class Daemon final : public DaemonService {
public:
    Daemon(DaemonOptions options, DaemonSettings settings, ImportRunner runner = run_import,
           RetryPolicy retry = {});

    // Listens (throws std::runtime_error when it cannot), then serves until SIGTERM, SIGINT or
    // stop(). Returns when everything has ended, or when a cancelled import did not stop in
    // time: then import_abandoned() is true and the caller should exit without waiting.
    void run();
    // From any thread: as SIGTERM.
    void stop();
    bool import_abandoned() const { return import_abandoned_; }
    int port() const { return server_.port(); } // the bound port (useful with port 0)
    // Runs `work` on the daemon's event loop (tests: a loop kept busy).
    void post(std::function<void()> work);

    // DaemonService, for the HTTP endpoints.
    DaemonMetrics& metrics() override { return metrics_; }
    std::string metrics_text() override;
    asio::awaitable<std::optional<std::string>> database_problem() override;
    asio::awaitable<std::string> status_json() override;
    const std::string& refresh_token() const override { return settings_.config.refresh_token; }
    asio::awaitable<RefreshAttempt> request_refresh(RunMode mode, bool verify) override;

private:
    // Lifecycle (daemon.cpp).
    asio::awaitable<void> handle_signals();
    void reload();
    void apply_schedules(TimePoint now);
    void shutdown(const char* why);
    void finish_shutdown();
    // systemd's STATUS= line: the running import and its progress, or the next run.
    std::string service_status() const;
    void refresh_service_status();

    // Runs and the schedule (daemon_runs.cpp).
    void wake();
    void start_due_run();
    void on_run_finished(RunOutcome outcome);
    void read_ledger();
    void record_unrecorded_runs();
    void publish_schedule();
    std::optional<TimePoint> next_wake() const;

    DaemonOptions options_;
    DaemonSettings settings_;
    asio::io_context io_;
    asio::thread_pool database_pool_{2};
    DaemonMetrics metrics_;
    Timetable timetable_;
    ImportWorker worker_;
    UnrecordedRuns unrecorded_;
    HttpServer server_;
    Scheduler scheduler_;
    asio::signal_set signals_;
    asio::steady_timer shutdown_deadline_;
    ServiceNotifier notifier_;
    asio::steady_timer status_timer_;
    std::deque<RunOutcome> recent_; // newest first, for /status
    bool ledger_known_ = false;     // the start-up catch-up decision has been made
    bool ledger_reading_ = false;
    bool recording_ = false;
    bool shutting_down_ = false;
    bool stopped_ = false; // nothing left to wait for: the signal loop ends
    bool import_abandoned_ = false;
};

} // namespace offimport::daemon
