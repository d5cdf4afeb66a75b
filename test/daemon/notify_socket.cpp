#include "notify_socket.hpp"

#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace offimport::test {

NotifySocket::NotifySocket() : path_((dir_ / "notify").string()) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd_ < 0 || path_.size() >= sizeof address.sun_path) {
        throw std::runtime_error("cannot make a notification socket at " + path_);
    }
    std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot bind " + path_ + ": " + std::strerror(errno));
    }
}

NotifySocket::~NotifySocket() {
    ::close(fd_);
}

std::optional<std::string> NotifySocket::next(std::chrono::milliseconds timeout) {
    pollfd ready{fd_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(timeout.count())) <= 0) {
        return std::nullopt;
    }
    char message[4096];
    const ssize_t got = ::recv(fd_, message, sizeof message, 0);
    if (got < 0) {
        return std::nullopt;
    }
    return std::string(message, static_cast<std::size_t>(got));
}

std::optional<std::string> NotifySocket::next_state(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        auto message = next(left);
        if (!message) {
            return std::nullopt;
        }
        if (*message != "WATCHDOG=1" && message->rfind("STATUS=", 0) != 0) {
            return message;
        }
    }
    return std::nullopt;
}

} // namespace offimport::test
