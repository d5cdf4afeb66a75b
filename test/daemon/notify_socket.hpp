#pragma once

#include "support/dump_files.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace offimport::test {

// A datagram socket standing in for systemd's notification socket (sd_notify(3)): give
// environment() to the daemon, then read what it says, in order.
class NotifySocket {
public:
    NotifySocket();
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    std::string environment() const { return "NOTIFY_SOCKET=" + path_; }
    const std::string& path() const { return path_; }
    // The next message, or nullopt after `timeout`.
    std::optional<std::string> next(std::chrono::milliseconds timeout);
    // The next message that is neither a WATCHDOG=1 ping nor a STATUS= line alone.
    std::optional<std::string> next_state(std::chrono::milliseconds timeout);

private:
    TempDir dir_;
    std::string path_;
    int fd_ = -1;
};

} // namespace offimport::test
