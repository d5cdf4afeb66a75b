// POST /refresh: the operator's way to start an import without a shell on the machine.
#include "base/json_writer.hpp"
#include "daemon/serve/bearer_token.hpp"
#include "daemon/serve/routes.hpp"

#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

// The value of `name` in the query string of `target`; nullopt when absent.
std::optional<std::string_view> query_parameter(std::string_view target, std::string_view name) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const auto end = query.find('&');
        const std::string_view pair = query.substr(0, end);
        const auto equals = pair.find('=');
        if (pair.substr(0, equals) == name) {
            return equals == std::string_view::npos ? "" : pair.substr(equals + 1);
        }
        query = end == std::string_view::npos ? "" : query.substr(end + 1);
    }
    return std::nullopt;
}

// ?verify=true: compare every product, as `offimport --full 0 --verify` does.
std::optional<bool> parse_flag(std::string_view value) {
    if (value == "true" || value == "1") {
        return true;
    }
    if (value == "false" || value == "0") {
        return false;
    }
    return std::nullopt;
}

std::string ticket_json(const RunTicket& run) {
    return JsonObject()
        .integer("ticket", static_cast<std::int64_t>(run.ticket))
        .text("mode", to_string(run.mode))
        .text("origin", to_string(run.origin))
        .raw("started_at", json_time(run.started))
        .str();
}

Response refusal(DaemonService& service, const Request& request, http::status status,
                 const char* result, std::string_view message) {
    service.metrics().count_refresh(result);
    return make_response(request, status, JsonObject().text("error", message).str());
}

Response unauthorized(DaemonService& service, const Request& request, std::string_view why) {
    Response response = refusal(service, request, http::status::unauthorized, "unauthorized", why);
    response.set(http::field::www_authenticate, "Bearer realm=\"offimportd\"");
    return response;
}

Response accepted(DaemonService& service, const Request& request, const RunTicket& run) {
    service.metrics().count_refresh("accepted");
    spdlog::info("{} import requested over HTTP: ticket {}", to_string(run.mode), run.ticket);
    JsonObject body;
    if (run.run_id) {
        body.integer("run_id", *run.run_id);
    }
    Response response =
        make_response(request, http::status::accepted,
                      body.integer("ticket", static_cast<std::int64_t>(run.ticket))
                          .text("mode", to_string(run.mode))
                          .boolean("verify", run.verify)
                          .text("message", "import started; GET /status shows its progress")
                          .str());
    response.set(http::field::location, "/status");
    return response;
}

Response conflict(DaemonService& service, const Request& request, const RefreshAttempt& attempt) {
    service.metrics().count_refresh("conflict");
    JsonObject body;
    if (attempt.running) {
        body.text("error", "an import is running").raw("running", ticket_json(*attempt.running));
    } else {
        body.text("error", attempt.busy_elsewhere);
    }
    return make_response(request, http::status::conflict, body.str());
}

} // namespace

asio::awaitable<Response> refresh_endpoint(DaemonService& service, const Request& request) {
    const std::string& expected = service.refresh_token();
    if (expected.empty()) {
        co_return refusal(service, request, http::status::forbidden, "forbidden",
                          "refresh over HTTP is off: no refresh token is configured (set "
                          "OFFIMPORT_REFRESH_TOKEN or refresh_token in conf/secrets.toml)");
    }
    const auto header = request.find(http::field::authorization);
    if (header == request.end()) {
        co_return unauthorized(service, request, "missing Authorization: Bearer <token>");
    }
    const auto presented = bearer_token(std_view(header->value()));
    if (!presented || !tokens_match(*presented, expected)) {
        co_return unauthorized(service, request, "wrong token");
    }
    const auto mode =
        parse_run_mode(query_parameter(std_view(request.target()), "mode").value_or("full"));
    if (!mode) {
        co_return refusal(service, request, http::status::bad_request, "bad_request",
                          "mode must be full or delta");
    }
    const auto verify =
        parse_flag(query_parameter(std_view(request.target()), "verify").value_or("false"));
    if (!verify) {
        co_return refusal(service, request, http::status::bad_request, "bad_request",
                          "verify must be true or false");
    }
    if (*verify && *mode != RunMode::full) {
        co_return refusal(service, request, http::status::bad_request, "bad_request",
                          "verify=true applies to full imports only");
    }
    const RefreshAttempt attempt = co_await service.request_refresh(*mode, *verify);
    if (attempt.started) {
        co_return accepted(service, request, *attempt.started);
    }
    co_return conflict(service, request, attempt);
}

} // namespace offimport::daemon
