#include "daemon/app/daemon.hpp"

#include "base/json_writer.hpp"
#include "base/number_text.hpp"
#include "base/version.hpp"
#include "daemon/serve/routes.hpp"
#include "daemon/serve/status_document.hpp"
#include "log/logging.hpp"

#include <boost/asio/post.hpp>
#include <csignal>
#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

// SIGTERM must end the process within 10 s (systemd's budget and the daemon's contract); a cancelled
// import normally rolls back in well under a second.
constexpr auto cancel_deadline = std::chrono::seconds(8);

std::string describe_schedule(const DaemonSettings& settings) {
    std::string text = "full '" + settings.full_schedule.text() + "'";
    if (settings.delta_schedule) {
        text += ", delta '" + settings.delta_schedule->text() + "'";
    }
    return text + " in " + settings.time_zone.name();
}

} // namespace

Daemon::Daemon(DaemonOptions options, DaemonSettings settings, ImportRunner runner,
               RetryPolicy retry)
    : options_(std::move(options)), settings_(std::move(settings)), metrics_(version()),
      timetable_(settings_.time_zone, std::move(retry)),
      worker_(io_, std::move(runner),
              [this](RunOutcome outcome) mutable { on_run_finished(std::move(outcome)); }),
      server_(
          io_, [this](const Request& request) { return route(*this, request); },
          [this](unsigned status) { metrics_.count_http_request("other", status); }),
      scheduler_(
          io_, [this] { return next_wake(); }, [this] { wake(); }),
      signals_(io_, SIGINT, SIGTERM, SIGHUP), shutdown_deadline_(io_), notifier_(io_),
      status_timer_(io_) {
    apply_schedules(Clock::now());
}

void Daemon::run() {
    server_.listen(settings_.config.listen_address, settings_.config.listen_port);
    spdlog::info("offimportd {} listening on {}:{}; schedule: {}", version(),
                 settings_.config.listen_address, server_.port(), describe_schedule(settings_));
    if (settings_.config.refresh_token.empty()) {
        spdlog::info("no refresh token configured: POST /refresh answers 403");
    }
    asio::co_spawn(io_, handle_signals(), asio::detached);
    scheduler_.start();
    // Listening, configuration read: systemd may start what comes after offimportd.
    notifier_.ready(service_status());
    notifier_.start_watchdog();
    refresh_service_status();
    io_.run();
}

void Daemon::stop() {
    asio::post(io_, [this] { shutdown("stop requested"); });
}

void Daemon::post(std::function<void()> work) {
    asio::post(io_, std::move(work));
}

std::string Daemon::service_status() const {
    if (shutting_down_) {
        return "stopping";
    }
    if (const auto& run = worker_.running()) {
        std::string text = std::string(to_string(run->mode)) + " import running (ticket " +
                           std::to_string(run->ticket) + ", " + to_string(run->origin) + "): ";
        if (const auto ratio = progress_ratio(worker_.progress())) {
            return text + fixed(*ratio * 100, 1) + "% of the source read";
        }
        return text + fixed(static_cast<double>(worker_.progress().bytes_read.load()) / 1e6, 1) +
               " MB read";
    }
    const auto next = timetable_.next_run();
    if (!next) {
        return "idle; next run none scheduled";
    }
    const std::string quoted = json_time(*next); // "2026-12-08T02:00:00Z", quotes included
    return "idle; next run " + quoted.substr(1, quoted.size() - 2);
}

// Every 2 s: the progress of a long import shows in `systemctl status offimportd`.
void Daemon::refresh_service_status() {
    notifier_.status(service_status());
    status_timer_.expires_after(std::chrono::seconds(2));
    status_timer_.async_wait([this](boost::system::error_code error) {
        if (!error && !stopped_) {
            refresh_service_status();
        }
    });
}

asio::awaitable<void> Daemon::handle_signals() {
    // Waits on after SIGTERM while a cancelled import ends (a second signal is only logged);
    // finish_shutdown() ends the loop, whether it runs inside this loop or later.
    while (!stopped_) {
        boost::system::error_code error;
        const int signal =
            co_await signals_.async_wait(asio::redirect_error(asio::use_awaitable, error));
        if (error) {
            co_return; // cancelled at the end of the shutdown
        }
        if (signal == SIGHUP) {
            reload();
        } else {
            shutdown(signal == SIGINT ? "SIGINT received" : "SIGTERM received");
        }
    }
}

void Daemon::apply_schedules(TimePoint now) {
    if (timetable_.time_zone().name() != settings_.time_zone.name()) {
        timetable_.set_time_zone(settings_.time_zone, now);
    }
    timetable_.set_schedule(RunMode::full, settings_.full_schedule, now);
    if (settings_.delta_schedule) {
        timetable_.set_schedule(RunMode::delta, *settings_.delta_schedule, now);
    } else {
        timetable_.remove_schedule(RunMode::delta);
    }
    publish_schedule();
}

void Daemon::reload() {
    notifier_.reloading();
    // Serving again with the old configuration or the new one, either way.
    struct ReadyAgain {
        Daemon& daemon;
        ~ReadyAgain() { daemon.notifier_.ready(daemon.service_status()); }
    } ready_again{*this};
    std::optional<DaemonSettings> next;
    try {
        next = load_daemon_settings(options_);
        set_log_level(next->log_level);
        set_log_format(next->config.log_format);
    } catch (const std::exception& error) {
        spdlog::error("SIGHUP: configuration refused, keeping the running one: {}", error.what());
        return;
    }
    // The socket stays where it is: moving it would need a restart.
    next->config.listen_address = settings_.config.listen_address;
    next->config.listen_port = settings_.config.listen_port;
    const auto changes = describe_changes(settings_, *next);
    settings_ = std::move(*next);
    apply_schedules(Clock::now());
    scheduler_.poke();
    if (changes.empty()) {
        spdlog::info("SIGHUP: configuration reloaded, nothing changed");
    }
    for (const auto& change : changes) {
        spdlog::info("SIGHUP: configuration reloaded: {}", change);
    }
}

void Daemon::shutdown(const char* why) {
    if (shutting_down_) {
        spdlog::info("{}: already stopping", why);
        return;
    }
    shutting_down_ = true;
    notifier_.stopping();
    notifier_.stop_watchdog();
    server_.stop();
    scheduler_.stop();
    const auto& running = worker_.running();
    if (!running) {
        spdlog::info("{}: stopping", why);
        finish_shutdown();
        return;
    }
    spdlog::info("{}: cancelling the running {} import (ticket {}); its changes roll back", why,
                 to_string(running->mode), running->ticket);
    worker_.cancel();
    shutdown_deadline_.expires_after(cancel_deadline);
    shutdown_deadline_.async_wait([this](boost::system::error_code error) {
        if (error) {
            return; // the import ended in time
        }
        spdlog::error("the import did not stop within {} s; exiting anyway (PostgreSQL rolls "
                      "its transaction back when the connection closes)",
                      cancel_deadline.count());
        import_abandoned_ = true;
        io_.stop();
    });
}

// Ends the last waits, so that io_context::run() returns once the open work is done.
void Daemon::finish_shutdown() {
    stopped_ = true;
    shutdown_deadline_.cancel();
    status_timer_.cancel();
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    spdlog::info("offimportd stopped");
}

} // namespace offimport::daemon
