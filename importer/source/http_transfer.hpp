#pragma once

#include "source/source.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace offimport {

// The headers of the final response of one transfer (after redirects).
struct HttpResponse {
    long status = 0;
    std::string etag;
    std::string last_modified;
    std::uint64_t range_start = 0; // from Content-Range on a 206
};

// One HTTP GET. `accept` is called once the response headers are in, before any body byte
// reaches the sink: returning false ends the transfer without delivering the body.
struct HttpRequest {
    std::string url;
    std::vector<std::string> headers; // "If-None-Match: ..." and the like
    std::uint64_t range_from = 0;     // > 0: ask for bytes range_from- (Range)
};

struct HttpOutcome {
    int curl_code = 0; // CURLcode
    std::string error; // libcurl's words, when curl_code != 0
    HttpResponse response;
    std::uint64_t body_bytes = 0;
    bool refused = false; // `accept` said no
};

HttpOutcome perform_transfer(const HttpRequest& request, const HttpSettings& settings,
                             const std::function<bool(const HttpResponse&)>& accept,
                             const ByteSink& sink, SourceProgress& progress,
                             const CancelFlag& cancel);

// Whether a failed transfer is worth another try (network trouble, timeouts, 5xx, 429).
bool is_transient(const HttpOutcome& outcome);

} // namespace offimport
