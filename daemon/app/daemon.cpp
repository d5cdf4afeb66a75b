#include "daemon/app/daemon.hpp"

#include "base/version.hpp"
#include "daemon/serve/routes.hpp"
#include "log/logging.hpp"

#include <boost/asio/post.hpp>
#include <csignal>
#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

// SIGTERM must end the process within 10 s (systemd's and DESIGN.md's budget); a cancelled
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
      signals_(io_, SIGINT, SIGTERM, SIGHUP), shutdown_deadline_(io_) {
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
    io_.run();
}

void Daemon::stop() {
    asio::post(io_, [this] { shutdown("stop requested"); });
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
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    spdlog::info("offimportd stopped");
}

} // namespace offimport::daemon
