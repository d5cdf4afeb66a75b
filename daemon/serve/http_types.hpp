#pragma once

#include "daemon/base/asio.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <string_view>

namespace offimport::daemon {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Answers one request; runs on the io_context's thread and must not block it.
using RequestHandler = std::function<asio::awaitable<Response>(const Request&)>;

// Beast 1.74 hands out boost::string_view; the rest of the code speaks std::string_view.
inline std::string_view std_view(boost::beast::string_view text) {
    return {text.data(), text.size()};
}

// A response with a body and its content type (Content-Length is set when it is sent).
Response make_response(const Request& request, http::status status, std::string body,
                       std::string_view content_type = "application/json");

} // namespace offimport::daemon
