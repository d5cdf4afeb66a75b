#include "daemon/app/service_notifier.hpp"

#include <ctime>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

namespace offimport::daemon {
namespace {

void notify(const std::string& message) {
    const int sent = sd_notify(0, message.c_str());
    if (sent < 0) {
        spdlog::debug("could not notify systemd ({}): {}", message, -sent);
    }
}

// systemd 253's Type=notify-reload wants the reload's start on the monotonic clock.
std::string monotonic_usec() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return std::to_string(static_cast<long long>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000);
}

// STATUS= is one line.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return text;
}

} // namespace

ServiceNotifier::ServiceNotifier(asio::io_context& io) : watchdog_(io) {}

void ServiceNotifier::ready(const std::string& status) {
    last_status_ = one_line(status);
    notify("READY=1\nSTATUS=" + last_status_);
}

void ServiceNotifier::reloading() {
    notify("RELOADING=1\nMONOTONIC_USEC=" + monotonic_usec());
}

void ServiceNotifier::stopping() {
    notify("STOPPING=1");
}

void ServiceNotifier::status(const std::string& text) {
    const std::string line = one_line(text);
    if (line != last_status_) {
        last_status_ = line;
        notify("STATUS=" + line);
    }
}

void ServiceNotifier::start_watchdog() {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
        return;
    }
    interval_ = std::chrono::microseconds(usec / 2);
    spdlog::debug("systemd watchdog: a ping every {} ms", interval_.count() / 1000);
    ping();
}

void ServiceNotifier::stop_watchdog() {
    interval_ = std::chrono::microseconds(0);
    watchdog_.cancel();
}

void ServiceNotifier::ping() {
    notify("WATCHDOG=1");
    watchdog_.expires_after(interval_);
    watchdog_.async_wait([this](boost::system::error_code error) {
        if (!error && interval_.count() > 0) {
            ping();
        }
    });
}

} // namespace offimport::daemon
