#include "http_client.hpp"

#include <arpa/inet.h>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace offimport::test {
namespace {

int connect_loopback(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::string read_all(int fd, int timeout_seconds) {
    std::string data;
    char buffer[8192];
    for (;;) {
        pollfd readable{fd, POLLIN, 0};
        if (::poll(&readable, 1, timeout_seconds * 1000) <= 0) {
            break;
        }
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0) {
            break;
        }
        data.append(buffer, static_cast<std::size_t>(got));
    }
    return data;
}

HttpReply parse_reply(const std::string& data) {
    HttpReply reply;
    const auto header_end = data.find("\r\n\r\n");
    if (data.rfind("HTTP/1.", 0) != 0 || header_end == std::string::npos) {
        return reply;
    }
    reply.status = std::atoi(data.c_str() + 9);
    reply.headers = data.substr(0, header_end);
    reply.body = data.substr(header_end + 4);
    return reply;
}

} // namespace

HttpReply http_raw(int port, const std::string& raw, int timeout_seconds) {
    const int fd = connect_loopback(port);
    if (fd < 0) {
        return {};
    }
    std::size_t sent = 0;
    while (sent < raw.size()) {
        const ssize_t wrote = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
        if (wrote <= 0) {
            break; // the server may answer (431, 413) before reading everything
        }
        sent += static_cast<std::size_t>(wrote);
    }
    const std::string data = read_all(fd, timeout_seconds);
    ::close(fd);
    return parse_reply(data);
}

HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::vector<std::string>& headers, int timeout_seconds) {
    std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& header : headers) {
        raw += header + "\r\n";
    }
    raw += "Connection: close\r\nContent-Length: 0\r\n\r\n";
    return http_raw(port, raw, timeout_seconds);
}

HttpReply http_get(int port, const std::string& target) {
    return http_request(port, "GET", target);
}

HttpReply http_post(int port, const std::string& target, const std::string& token) {
    if (token.empty()) {
        return http_request(port, "POST", target);
    }
    return http_request(port, "POST", target, {"Authorization: Bearer " + token});
}

double metric_value(const std::string& metrics, const std::string& series) {
    const std::string line_start = series + " ";
    for (auto at = metrics.find(line_start); at != std::string::npos;
         at = metrics.find(line_start, at + 1)) {
        if (at == 0 || metrics[at - 1] == '\n') {
            return std::strtod(metrics.c_str() + at + line_start.size(), nullptr);
        }
    }
    return -1;
}

} // namespace offimport::test
