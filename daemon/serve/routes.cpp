#include "daemon/serve/routes.hpp"

#include "base/json_writer.hpp"

#include <algorithm>
#include <array>
#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

constexpr std::string_view prometheus_text = "text/plain; version=0.0.4; charset=utf-8";
constexpr std::string_view plain_text = "text/plain; charset=utf-8";

using Endpoint = asio::awaitable<Response> (*)(DaemonService&, const Request&);

asio::awaitable<Response> metrics_endpoint(DaemonService& service, const Request& request) {
    co_return make_response(request, http::status::ok, service.metrics_text(), prometheus_text);
}

asio::awaitable<Response> healthz_endpoint(DaemonService&, const Request& request) {
    co_return make_response(request, http::status::ok, "ok\n", plain_text);
}

asio::awaitable<Response> readyz_endpoint(DaemonService& service, const Request& request) {
    const auto problem = co_await service.database_problem();
    if (!problem) {
        co_return make_response(request, http::status::ok, "ready: the database answers\n",
                                plain_text);
    }
    co_return make_response(request, http::status::service_unavailable,
                            "not ready: " + *problem + "\n", plain_text);
}

asio::awaitable<Response> status_endpoint(DaemonService& service, const Request& request) {
    co_return make_response(request, http::status::ok, co_await service.status_json());
}

struct Route {
    std::string_view path;
    http::verb method;
    Endpoint endpoint;
};

const std::array<Route, 5> routes{{
    {"/metrics", http::verb::get, &metrics_endpoint},
    {"/healthz", http::verb::get, &healthz_endpoint},
    {"/readyz", http::verb::get, &readyz_endpoint},
    {"/status", http::verb::get, &status_endpoint},
    {"/refresh", http::verb::post, &refresh_endpoint},
}};

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

Response error_response(const Request& request, http::status status, std::string_view message) {
    return make_response(request, status, JsonObject().text("error", message).str());
}

} // namespace

asio::awaitable<Response> route(DaemonService& service, const Request& request) {
    const std::string_view path = path_of(std_view(request.target()));
    const auto found =
        std::find_if(routes.begin(), routes.end(), [&](const Route& r) { return r.path == path; });
    Response response;
    if (found == routes.end()) {
        response = error_response(request, http::status::not_found,
                                  "no such endpoint; try /metrics, /healthz, /readyz, /status, "
                                  "POST /refresh");
    } else if (request.method() != found->method) {
        response =
            error_response(request, http::status::method_not_allowed,
                           std::string(path) + " answers " +
                               std::string(std_view(http::to_string(found->method))) + " only");
        response.set(http::field::allow, http::to_string(found->method));
    } else {
        response = co_await found->endpoint(service, request);
    }
    const std::string handler = found == routes.end() ? "other" : std::string(found->path);
    service.metrics().count_http_request(handler, response.result_int());
    spdlog::debug("HTTP {} {} {}", std::string(std_view(request.method_string())),
                  std::string(std_view(request.target())), response.result_int());
    co_return response;
}

} // namespace offimport::daemon
