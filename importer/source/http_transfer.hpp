#pragma once

#include "source/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace offimport {

// The headers of the final response of one transfer (after redirects).
struct HttpResponse {
    long status = 0;
    std::string etag;
    std::string last_modified;
    std::optional<std::uint64_t> range_start; // Content-Range "bytes START-END/TOTAL"
    std::optional<std::uint64_t> total_size;  // its TOTAL, or Content-Length of a 200
};

// One HTTP GET. `accept` is called once the response headers are in, before any body byte
// reaches the sink: returning false ends the transfer without delivering the body.
struct HttpRequest {
    std::string url;
    std::vector<std::string> headers; // "If-None-Match: ..." and the like
    std::uint64_t range_from = 0;     // > 0: ask for bytes range_from- (Range)
    long timeout_ms = 0;              // > 0: the whole transfer ends after this long
};

struct HttpOutcome {
    int curl_code = 0; // CURLcode
    std::string error; // libcurl's words, when curl_code != 0
    HttpResponse response;
    std::uint64_t body_bytes = 0;
    bool refused = false;           // `accept` said no
    bool refused_downgrade = false; // a redirect off https was refused
};

HttpOutcome perform_transfer(const HttpRequest& request, const HttpSettings& settings,
                             const std::function<bool(const HttpResponse&)>& accept,
                             const ByteSink& sink, SourceProgress& progress,
                             const CancelFlag& cancel);

// "bytes 1000-1999/2000" -> start 1000, total 2000; "bytes 1000-1999/*" -> start only; nothing
// for a value that is not of that form.
void parse_content_range(std::string_view value, HttpResponse& response);

// Whether a failed transfer is worth another try (network trouble, timeouts, 5xx, 429).
bool is_transient(const HttpOutcome& outcome);

} // namespace offimport
