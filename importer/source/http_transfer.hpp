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

// One line of a response's headers (status line included, as libcurl hands them over), read
// into `response`: a status line starts a new response (a redirect, 100 Continue).
void read_response_header(std::string_view line, HttpResponse& response);

// Whether a resumed request's response continues the version the first one began, from the
// byte reached (`delivered`): a 206 from there, with each validator of `first` (ETag,
// Last-Modified) and its total size unchanged.
bool continues_same_version(const HttpResponse& response, std::uint64_t delivered,
                            const HttpResponse& first);

// "bytes 1000-1999/2000" -> start 1000, total 2000; "bytes 1000-1999/*" -> start only; nothing
// for a value that is not of that form.
void parse_content_range(std::string_view value, HttpResponse& response);

// Whether a failed transfer is worth another try (network trouble, timeouts, 5xx, 429).
bool is_transient(const HttpOutcome& outcome);

} // namespace offimport
