#pragma once

#include "daemon/base/asio.hpp"
#include "daemon/metrics/daemon_metrics.hpp"
#include "daemon/worker/run_outcome.hpp"

#include <optional>
#include <string>

namespace offimport::daemon {

// An attempt to start an import over HTTP: either it started, or this one was running.
struct RefreshAttempt {
    std::optional<RunTicket> started;
    std::optional<RunTicket> running;
    std::string busy_elsewhere; // another process holds the import lock: who
};

// What the HTTP endpoints need from the daemon; the endpoints own only the HTTP side (paths,
// methods, status codes, authentication, JSON shapes). Called on the io_context's thread.
class DaemonService {
public:
    virtual ~DaemonService() = default;

    virtual DaemonMetrics& metrics() = 0;
    virtual std::string metrics_text() = 0;
    // nullopt when the database answers `SELECT 1`, else why it does not.
    virtual asio::awaitable<std::optional<std::string>> database_problem() = 0;
    virtual asio::awaitable<std::string> status_json() = 0;
    // Empty: refresh over HTTP is off.
    virtual const std::string& refresh_token() const = 0;
    // `verify`: a full import that compares every product with the catalogue.
    virtual asio::awaitable<RefreshAttempt> request_refresh(RunMode mode, bool verify) = 0;
};

} // namespace offimport::daemon
