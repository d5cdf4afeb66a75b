#include "daemon/serve/http_server.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>
#include <spdlog/spdlog.h>
#include <stdexcept>
#include <sys/resource.h>

namespace offimport::daemon {
namespace {

namespace beast = boost::beast;
using asio::ip::tcp;
using boost::system::error_code;

auto on_error(error_code& error) {
    return asio::redirect_error(asio::use_awaitable, error);
}

// What to answer when a request could not be read; nullopt: just close (timeout, closed).
std::optional<http::status> status_for(const error_code& error) {
    if (error == http::error::header_limit) {
        return http::status::request_header_fields_too_large;
    }
    if (error == http::error::body_limit) {
        return http::status::payload_too_large;
    }
    if (error.category() == make_error_code(http::error::end_of_stream).category() &&
        error != http::error::end_of_stream && error != http::error::partial_message) {
        return http::status::bad_request;
    }
    return std::nullopt;
}

Response plain_error(http::status status) {
    Response response{status, 11};
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = std::string(std_view(http::obsolete_reason(status))) + "\n";
    response.keep_alive(false);
    response.prepare_payload();
    return response;
}

// The descriptors this process may open (the soft RLIMIT_NOFILE).
std::size_t descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
        return 1 << 20;
    }
    return static_cast<std::size_t>(limit.rlim_cur);
}

} // namespace

// Keeps HttpServer::open_ up to date for the lifetime of one connection.
class ConnectionRegistration {
public:
    ConnectionRegistration(HttpServer& server, beast::tcp_stream& stream)
        : server_(server), key_(server.next_connection_++) {
        server_.open_[key_] = {&stream, false};
    }
    ~ConnectionRegistration() { server_.open_.erase(key_); }
    ConnectionRegistration(const ConnectionRegistration&) = delete;
    ConnectionRegistration& operator=(const ConnectionRegistration&) = delete;
    void waiting(bool value) {
        if (const auto it = server_.open_.find(key_); it != server_.open_.end()) {
            it->second.waiting = value;
        }
    }

private:
    HttpServer& server_;
    std::uint64_t key_;
};

Response make_response(const Request& request, http::status status, std::string body,
                       std::string_view content_type) {
    Response response{status, request.version()};
    response.set(http::field::content_type,
                 boost::beast::string_view(content_type.data(), content_type.size()));
    response.set(http::field::cache_control, "no-store");
    response.body() = std::move(body);
    return response;
}

HttpServer::HttpServer(asio::io_context& io, RequestHandler handler, RefusalObserver on_refusal,
                       HttpLimits limits)
    : io_(io), handler_(std::move(handler)), on_refusal_(std::move(on_refusal)), limits_(limits),
      acceptor_(io) {}

void HttpServer::listen(const std::string& address, int port) {
    error_code error;
    const auto ip = asio::ip::make_address(address, error);
    if (error) {
        throw std::runtime_error("daemon.listen_address '" + address + "' is not an IP address");
    }
    const tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint, error);
    if (!error) {
        acceptor_.listen(asio::socket_base::max_listen_connections, error);
    }
    if (error) {
        throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " +
                                 error.message());
    }
    const std::size_t descriptors = descriptor_limit();
    const std::size_t room = descriptors > limits_.reserved_descriptors + 16
                                 ? descriptors - limits_.reserved_descriptors
                                 : 16;
    if (room < limits_.max_connections) {
        spdlog::warn("at most {} HTTP connections: RLIMIT_NOFILE is {} and {} descriptors are "
                     "kept for imports (raise LimitNOFILE= in the unit)",
                     room, descriptors, limits_.reserved_descriptors);
        limits_.max_connections = room;
    }
    asio::co_spawn(io_, accept_loop(), asio::detached);
}

int HttpServer::port() const {
    return acceptor_.local_endpoint().port();
}

void HttpServer::stop() {
    stopping_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    for (auto& [key, connection] : open_) {
        connection.stream->socket().close(ignored);
    }
}

asio::awaitable<void> HttpServer::accept_loop() {
    asio::steady_timer pause(io_);
    while (!stopping_) {
        error_code error;
        tcp::socket socket = co_await acceptor_.async_accept(on_error(error));
        if (stopping_) {
            break;
        }
        if (error) {
            // Out of file descriptors, typically: let connections end before trying again.
            spdlog::warn("accepting an HTTP connection failed: {}", error.message());
            pause.expires_after(std::chrono::milliseconds(100));
            co_await pause.async_wait(on_error(error));
            continue;
        }
        if (!make_room()) {
            // Every connection is busy answering: closed at once, no descriptor kept for it.
            socket.close(error);
            if (on_refusal_) {
                on_refusal_(static_cast<unsigned>(http::status::service_unavailable));
            }
            continue;
        }
        asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
}

bool HttpServer::make_room() {
    if (open_.size() < limits_.max_connections) {
        return true;
    }
    for (auto it = open_.begin(); it != open_.end(); ++it) {
        if (it->second.waiting) {
            // Its pending read ends with an error and its coroutine with it; the descriptor
            // is free now.
            error_code ignored;
            it->second.stream->socket().close(ignored);
            open_.erase(it);
            if (on_refusal_) {
                on_refusal_(static_cast<unsigned>(http::status::service_unavailable));
            }
            return true;
        }
    }
    return false;
}

asio::awaitable<void> HttpServer::refuse(tcp::socket socket, http::status status) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(2));
    if (on_refusal_) {
        on_refusal_(static_cast<unsigned>(status));
    }
    Response response = plain_error(status);
    error_code error;
    co_await http::async_write(stream, response, on_error(error));
    // Read what the client still sends (for at most the 2 s above): closing a socket with
    // unread input resets the connection, and the client might never see the answer.
    stream.socket().shutdown(tcp::socket::shutdown_send, error);
    char discarded[4096];
    for (std::size_t total = 0; !error && total < 1024 * 1024;) {
        total += co_await stream.async_read_some(asio::buffer(discarded), on_error(error));
    }
}

asio::awaitable<void> HttpServer::serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    ConnectionRegistration registration(*this, stream);
    beast::flat_buffer buffer;
    for (int served = 1; served <= limits_.max_requests_per_connection && !stopping_; ++served) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(limits_.header_bytes);
        parser.body_limit(limits_.body_bytes);
        stream.expires_after(limits_.deadline);
        error_code error;
        registration.waiting(true);
        co_await http::async_read(stream, buffer, parser, on_error(error));
        registration.waiting(false);
        if (error) {
            if (const auto status = status_for(error); status && !stopping_) {
                // A named socket: GCC 12 may destroy a prvalue argument of a coroutine twice.
                tcp::socket refused = stream.release_socket();
                co_await refuse(std::move(refused), *status);
            }
            co_return;
        }
        const bool last = served == limits_.max_requests_per_connection;
        if (!co_await answer(stream, parser.release(), last)) {
            break;
        }
    }
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// Returns whether the connection stays open for another request.
asio::awaitable<bool> HttpServer::answer(beast::tcp_stream& stream, Request request, bool last) {
    Response response;
    try {
        response = co_await handler_(request);
    } catch (const std::exception& failure) {
        spdlog::error("HTTP {} {} failed: {}", std::string(std_view(request.method_string())),
                      std::string(std_view(request.target())), failure.what());
        response = plain_error(http::status::internal_server_error);
    }
    response.keep_alive(request.keep_alive() && !last && !stopping_);
    response.prepare_payload();
    stream.expires_after(limits_.deadline);
    error_code error;
    co_await http::async_write(stream, response, on_error(error));
    co_return !error && response.keep_alive();
}

} // namespace offimport::daemon
