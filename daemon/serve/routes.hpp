#pragma once

#include "daemon/serve/daemon_service.hpp"
#include "daemon/serve/http_types.hpp"

namespace offimport::daemon {

// GET /metrics, /healthz, /readyz, /status and POST /refresh (daemon/README.md); 404 for other paths,
// 405 for other methods. Counts every answer in offimport_http_requests_total.
asio::awaitable<Response> route(DaemonService& service, const Request& request);

// POST /refresh?mode=full|delta with "Authorization: Bearer <token>".
asio::awaitable<Response> refresh_endpoint(DaemonService& service, const Request& request);

} // namespace offimport::daemon
