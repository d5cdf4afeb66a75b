#pragma once

#include "daemon/serve/http_types.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <map>

namespace offimport::daemon {

// What one client may cost the daemon: a slow or hostile client cannot hold memory or a
// connection for long, and many clients cannot exhaust the file descriptors.
struct HttpLimits {
    std::uint32_t header_bytes = 8 * 1024;
    std::uint64_t body_bytes = 4 * 1024;
    std::chrono::seconds deadline{10}; // to read one request (or idle between two), or to write
    // Open connections at most, every socket counted; lowered at listen() so that
    // `reserved_descriptors` stay free under RLIMIT_NOFILE for the imports (database
    // connections, the download, the dump file).
    std::size_t max_connections = 256;
    std::size_t reserved_descriptors = 128;
    int max_requests_per_connection = 100;
};

// An HTTP/1.1 server on Beast: C++20 coroutines on the io_context's thread, one per connection.
class HttpServer {
public:
    // Called for requests refused before reaching the handler (431, 413, 400, 503).
    using RefusalObserver = std::function<void(unsigned status)>;

    HttpServer(asio::io_context& io, RequestHandler handler, RefusalObserver on_refusal = {},
               HttpLimits limits = {});
    // Binds and starts accepting; throws std::runtime_error naming the address on failure.
    void listen(const std::string& address, int port);
    int port() const;
    // Stops accepting and closes every open connection (their coroutines then end).
    void stop();

private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(asio::ip::tcp::socket socket);
    asio::awaitable<void> refuse(asio::ip::tcp::socket socket, http::status status);
    asio::awaitable<bool> answer(boost::beast::tcp_stream& stream, Request request, bool last);

    asio::io_context& io_;
    RequestHandler handler_;
    RefusalObserver on_refusal_;
    HttpLimits limits_;
    asio::ip::tcp::acceptor acceptor_;
    // Every open connection in the order they came, and whether it waits for a request: at the
    // cap the oldest waiting one is closed for a newcomer, so idle clients cannot lock others
    // out (or the import out of descriptors).
    struct OpenConnection {
        boost::beast::tcp_stream* stream;
        bool waiting;
    };
    std::map<std::uint64_t, OpenConnection> open_;
    std::uint64_t next_connection_ = 0;
    bool stopping_ = false;

    bool make_room(); // false: every connection is busy
    friend class ConnectionRegistration;
};

} // namespace offimport::daemon
