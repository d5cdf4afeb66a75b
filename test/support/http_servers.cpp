#include "support/http_servers.hpp"

#include "support/skip.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstdlib>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace offimport::test {
namespace {

const std::string nginx_binary = "/usr/sbin/nginx";

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

std::uint64_t sum_field(const std::string& text, const std::string& key) {
    std::uint64_t total = 0;
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
        total += std::strtoull(text.c_str() + at + key.size(), nullptr, 10);
    }
    return total;
}

std::string source_dir() {
    return project_dir().string();
}

} // namespace

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    auto address = loopback(0);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

bool wait_until_listening(int port, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const auto address = loopback(port);
        const bool connected =
            ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
        ::close(fd);
        if (connected) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

Nginx::Nginx(const std::filesystem::path& root) : port_(free_port()) {
    if (!std::filesystem::exists(nginx_binary)) {
        skip_test(nginx_binary + " is missing (Debian package nginx-light)");
    }
    const auto d = dir_.path().string();
    std::filesystem::create_directories(dir_ / "tmp");
    std::ostringstream conf;
    conf << "daemon off; master_process off; worker_processes 1;\n"
         << "pid " << d << "/nginx.pid; error_log " << d << "/error.log;\n"
         << "events { worker_connections 64; }\n"
         << "http {\n  log_format bytes '$status $body_bytes_sent $request_uri';\n"
         << "  access_log " << d << "/access.log bytes;\n"
         << "  client_body_temp_path " << d << "/tmp; proxy_temp_path " << d << "/tmp;\n"
         << "  fastcgi_temp_path " << d << "/tmp; uwsgi_temp_path " << d << "/tmp;\n"
         << "  scgi_temp_path " << d << "/tmp;\n"
         << "  types { application/gzip gz; text/plain txt; }\n"
         << "  server { listen 127.0.0.1:" << port_ << "; root " << root.string() << "; }\n}\n";
    write_file(dir_ / "nginx.conf", conf.str());
    process_ = std::make_unique<ChildProcess>(
        nginx_binary, std::vector<std::string>{"-p", d, "-c", d + "/nginx.conf"});
    if (!wait_until_listening(port_)) {
        throw std::runtime_error("nginx did not start: " + read_file(dir_ / "error.log"));
    }
}

std::string Nginx::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
}

std::vector<std::string> Nginx::requests() const {
    std::vector<std::string> lines;
    std::istringstream in(read_file(dir_ / "access.log"));
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::uint64_t Nginx::body_bytes_sent() const {
    std::uint64_t total = 0;
    for (const auto& line : requests()) {
        total += std::strtoull(line.c_str() + line.find(' ') + 1, nullptr, 10);
    }
    return total;
}

SentryReceiver::SentryReceiver() : port_(free_port()) {
    process_ = std::make_unique<ChildProcess>(
        "/usr/bin/python3",
        std::vector<std::string>{source_dir() + "/test/http/sentry_receiver.py", "--port",
                                 std::to_string(port_), "--log", (dir_ / "requests.log").string()});
    if (!wait_until_listening(port_)) {
        throw std::runtime_error("the Sentry receiver did not start");
    }
}

std::string SentryReceiver::dsn(const std::string& key) const {
    return "http://" + key + "@127.0.0.1:" + std::to_string(port_) + "/42";
}

std::vector<std::string> SentryReceiver::requests() const {
    std::vector<std::string> lines;
    std::istringstream log(std::filesystem::exists(dir_ / "requests.log")
                               ? read_file(dir_ / "requests.log")
                               : std::string());
    for (std::string line; std::getline(log, line);) {
        lines.push_back(line);
    }
    return lines;
}

FaultServer::FaultServer(const std::filesystem::path& file, const std::string& fault, int faults,
                         const std::filesystem::path& changed_file,
                         const std::vector<std::string>& options)
    : port_(free_port()),
      tls_(std::find(options.begin(), options.end(), "--tls-cert") != options.end()) {
    std::vector<std::string> arguments{source_dir() + "/test/http/fault_server.py",
                                       "--port",
                                       std::to_string(port_),
                                       "--file",
                                       file.string(),
                                       "--fault",
                                       fault,
                                       "--faults",
                                       std::to_string(faults),
                                       "--log",
                                       (dir_ / "requests.log").string()};
    if (!changed_file.empty()) {
        arguments.insert(arguments.end(), {"--changed-file", changed_file.string()});
    }
    arguments.insert(arguments.end(), options.begin(), options.end());
    process_ = std::make_unique<ChildProcess>("/usr/bin/python3", arguments);
    if (!wait_until_listening(port_)) {
        throw std::runtime_error("the fault server did not start");
    }
}

std::string FaultServer::url() const {
    return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_) +
           "/dump.jsonl.gz";
}

std::string FaultServer::log() const {
    return read_file(dir_ / "requests.log");
}

std::uint64_t FaultServer::body_bytes_sent() const {
    return sum_field(log(), "\"sent\": ");
}

TestCertificate::TestCertificate() {
    std::string output;
    const int code =
        run_program("/usr/bin/openssl",
                    {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                     "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                     key().string(), "-out", certificate().string()},
                    output);
    if (code != 0) {
        throw std::runtime_error("openssl could not make a test certificate: " + output);
    }
}

} // namespace offimport::test
