// The daemon's side of runs: starting scheduled ones, reacting to their end, and what it
// learns from (and writes back to) the run ledger.
#include "daemon/app/daemon.hpp"
#include "daemon/app/database_probes.hpp"
#include "log/logging.hpp"
#include "sentry/sentry_reporter.hpp"
#include "source/location.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

constexpr std::size_t recent_kept = 20;

std::optional<TimePoint> as_time(std::optional<double> unix_seconds) {
    if (!unix_seconds) {
        return std::nullopt;
    }
    return TimePoint(
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*unix_seconds)));
}

void log_outcome(const RunOutcome& outcome) {
    const auto& run = outcome.run;
    // Logged on the daemon's thread: the lines about a run carry its id and mode all the same.
    const LogRunScope log_run(to_string(run.mode), outcome.report.run_id);
    if (outcome.locked) {
        spdlog::warn("{} import not started (ticket {}): {}", to_string(run.mode), run.ticket,
                     outcome.error);
        return;
    }
    switch (outcome.result) {
    case RunResult::succeeded:
    case RunResult::skipped:
        spdlog::info("{} (ticket {}, {})", summary_line(outcome.report), run.ticket,
                     to_string(run.origin));
        break;
    case RunResult::cancelled:
        spdlog::warn("{} import cancelled (ticket {}); the catalogue is unchanged",
                     to_string(run.mode), run.ticket);
        break;
    case RunResult::failed:
        spdlog::error("{} import failed (ticket {}, {}): {}; the catalogue is unchanged",
                      to_string(run.mode), run.ticket, to_string(run.origin), outcome.error);
        break;
    }
}

// A failed run, or one refused because another process holds the import lock.
std::optional<SentryEvent> sentry_event(const RunOutcome& outcome) {
    if (!outcome.locked && outcome.result != RunResult::failed) {
        return std::nullopt;
    }
    const std::string mode(to_string(outcome.run.mode));
    SentryEvent event;
    event.level = outcome.locked ? "warning" : "error";
    event.message = mode + " import " + (outcome.locked ? "refused: " : "failed: ") + outcome.error;
    event.tags = {{"mode", mode},
                  {"program", "offimportd"},
                  {"origin", to_string(outcome.run.origin)},
                  {"ticket", std::to_string(outcome.run.ticket)}};
    if (outcome.run.run_id) {
        event.tags["run_id"] = std::to_string(*outcome.run.run_id);
    }
    return event;
}

} // namespace

std::optional<TimePoint> Daemon::next_wake() const {
    // While an import runs, nothing can start: its end wakes the scheduler.
    return worker_.running() ? std::nullopt : timetable_.next_run();
}

void Daemon::wake() {
    if (shutting_down_) {
        return;
    }
    if (!ledger_known_) {
        read_ledger();
    }
    if (!unrecorded_.empty()) {
        record_unrecorded_runs();
    }
    start_due_run();
    publish_schedule();
}

void Daemon::start_due_run() {
    const auto mode = timetable_.due_mode(Clock::now());
    if (!mode || worker_.running()) {
        return; // a due run waits for the running import to end
    }
    timetable_.started(*mode);
    const auto run = worker_.start(settings_.config, *mode, RunOrigin::schedule);
    spdlog::info("scheduled {} import started (ticket {})", to_string(*mode), run->ticket);
    metrics_.set_running(true, 0);
}

void Daemon::on_run_finished(RunOutcome outcome) {
    log_outcome(outcome);
    if (auto event = sentry_event(outcome)) {
        // Off the event loop: a slow Sentry must not hold HTTP or the schedule.
        asio::post(database_pool_, [reporter = SentryReporter(settings_.config),
                                    event = std::move(*event)] { reporter.send(event); });
    }
    metrics_.record_run(outcome);
    metrics_.set_running(false, 0);
    const RunMode mode = outcome.run.mode;
    if (outcome.unrecorded) {
        unrecorded_.add(outcome,
                        public_location(mode == RunMode::full ? settings_.config.source_url
                                                              : settings_.config.delta_base_url));
    }
    const bool succeeded = !outcome.locked && (outcome.result == RunResult::succeeded ||
                                               outcome.result == RunResult::skipped);
    timetable_.finished(mode, succeeded, outcome.run.origin == RunOrigin::schedule, Clock::now());
    recent_.push_front(std::move(outcome));
    if (recent_.size() > recent_kept) {
        recent_.pop_back();
    }
    if (shutting_down_) {
        finish_shutdown();
        return;
    }
    publish_schedule();
    scheduler_.poke();
}

// At start-up (and until the database first answers): the last successes decide whether a run
// was missed, and give the metrics their values from before this process.
void Daemon::read_ledger() {
    if (ledger_reading_) {
        return;
    }
    ledger_reading_ = true;
    asio::co_spawn(
        io_,
        [this, config = settings_.config]() -> asio::awaitable<void> {
            std::optional<LedgerSnapshot> snapshot;
            try {
                const auto read = [config] { return read_ledger_snapshot(config); };
                snapshot = co_await offload(database_pool_, read);
            } catch (const std::exception& error) {
                spdlog::warn("cannot read the run ledger yet: {}", error.what());
            }
            ledger_reading_ = false;
            if (!snapshot || shutting_down_ || ledger_known_) {
                co_return;
            }
            ledger_known_ = true;
            for (const auto& [mode, history] : snapshot->modes) {
                if (history.last_run) {
                    metrics_.runs().set_last_run(mode, *history.last_run);
                }
                if (history.last_success) {
                    metrics_.runs().set_last_success(mode, *history.last_success);
                }
            }
            if (snapshot->catalogue_products) {
                metrics_.runs().set_catalogue_products(*snapshot->catalogue_products);
            }
            const auto full = as_time(snapshot->modes[RunMode::full].last_success);
            // A full import brings the catalogue up to date too: a delta is missed only when
            // neither ran since its scheduled time.
            const auto delta =
                std::max(full, as_time(snapshot->modes[RunMode::delta].last_success));
            const auto now = Clock::now();
            for (const auto& [mode, last] :
                 {std::pair{RunMode::full, full}, std::pair{RunMode::delta, delta}}) {
                if (timetable_.catch_up(mode, last, now)) {
                    spdlog::info("the scheduled {} import was missed (last success: {}); it runs "
                                 "now",
                                 to_string(mode),
                                 last ? "older than its last scheduled time" : "none");
                }
            }
            scheduler_.poke();
        },
        asio::detached);
}

void Daemon::record_unrecorded_runs() {
    if (recording_) {
        return;
    }
    recording_ = true;
    asio::co_spawn(
        io_,
        [this, config = settings_.config]() -> asio::awaitable<void> {
            const auto record = [this, config] { return unrecorded_.record(config); };
            const int written = co_await offload(database_pool_, record);
            recording_ = false;
            if (written > 0) {
                spdlog::info("recorded {} run(s) that failed while the database was unreachable",
                             written);
            }
        },
        asio::detached);
}

void Daemon::publish_schedule() {
    metrics_.set_next_run(timetable_.next_run());
}

} // namespace offimport::daemon
