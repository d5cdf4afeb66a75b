#include "support/notification_listener.hpp"

#include <libpq-fe.h>
#include <memory>
#include <poll.h>

namespace offimport::test {

NotificationListener::NotificationListener(const TestDatabase& database, const std::string& channel)
    : connection_(database.connect()) {
    connection_.exec("LISTEN " + connection_.quote_identifier(channel));
}

std::optional<std::string> NotificationListener::next(std::chrono::milliseconds timeout) {
    PGconn* conn = connection_.raw();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        PQconsumeInput(conn);
        const std::unique_ptr<PGnotify, decltype(&PQfreemem)> notice(PQnotifies(conn), &PQfreemem);
        if (notice) {
            return std::string(notice->extra);
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return std::nullopt;
        }
        pollfd socket{PQsocket(conn), POLLIN, 0};
        poll(&socket, 1, static_cast<int>(left.count()));
    }
}

} // namespace offimport::test
