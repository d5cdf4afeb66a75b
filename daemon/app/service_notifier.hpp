#pragma once

#include "daemon/base/asio.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace offimport::daemon {

// Tells systemd what the daemon is doing (a unit with Type=notify; sd_notify(3)): READY=1
// once it serves, STATUS= lines, RELOADING=1 around a SIGHUP, STOPPING=1, and WATCHDOG=1
// pings when the unit sets WatchdogSec=. Does nothing when systemd did not start the daemon
// (no NOTIFY_SOCKET).
class ServiceNotifier {
public:
    explicit ServiceNotifier(asio::io_context& io);

    void ready(const std::string& status);
    void reloading();
    void stopping();
    // Sent only when it differs from the last one.
    void status(const std::string& text);

    // Pings from the io_context itself at half the watchdog interval (WATCHDOG_USEC), so that
    // an event loop that stops turning stops the pings and systemd restarts the daemon.
    void start_watchdog();
    void stop_watchdog();

private:
    void ping();

    asio::steady_timer watchdog_;
    std::chrono::microseconds interval_{0};
    std::string last_status_;
};

} // namespace offimport::daemon
