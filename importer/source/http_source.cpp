#include "source/http_source.hpp"

#include "source/http_transfer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <curl/curl.h>
#include <spdlog/spdlog.h>
#include <stdexcept>
#include <thread>

namespace offimport {
namespace {

void sleep_unless_cancelled(double seconds, const CancelFlag& cancel) {
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(static_cast<long>(seconds * 1000));
    while (std::chrono::steady_clock::now() < until) {
        cancel.throw_if_requested();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::string failure_text(const std::string& url, const HttpOutcome& outcome) {
    if (outcome.response.status >= 400) {
        return "download of " + url + " failed: HTTP status " +
               std::to_string(outcome.response.status);
    }
    return "download of " + url + " failed: " + outcome.error;
}

// The request headers: conditional on a first request, If-Range on a resumed one.
HttpRequest make_request(const std::string& url, std::uint64_t from,
                         const SourceValidators& unless_unchanged,
                         const SourceValidators& reading) {
    HttpRequest request{url, {}, from};
    if (from == 0) {
        if (!unless_unchanged.etag.empty()) {
            request.headers.push_back("If-None-Match: " + unless_unchanged.etag);
        }
        if (!unless_unchanged.last_modified.empty()) {
            request.headers.push_back("If-Modified-Since: " + unless_unchanged.last_modified);
        }
    } else {
        request.headers.push_back("If-Range: " +
                                  (reading.etag.empty() ? reading.last_modified : reading.etag));
    }
    return request;
}

} // namespace

void init_http() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

HttpSource::HttpSource(std::string url, HttpSettings settings, SourceValidators unless_unchanged)
    : url_(std::move(url)), settings_(settings), unless_unchanged_(std::move(unless_unchanged)) {}

void HttpSource::stream(const ByteSink& sink, SourceProgress& progress, const CancelFlag& cancel) {
    std::uint64_t delivered = 0;
    SourceValidators reading; // the version whose bytes the sink has
    for (int failures = 0;; ++failures) {
        bool unchanged = false;
        bool changed = false;
        auto accept = [&](const HttpResponse& response) {
            if (delivered == 0) {
                unchanged = response.status == 304 || (!unless_unchanged_.etag.empty() &&
                                                       response.etag == unless_unchanged_.etag);
                reading = {response.etag, response.last_modified};
                return !unchanged;
            }
            // A resumed request must continue the same version from the byte reached.
            changed = response.status != 206 || response.range_start != delivered ||
                      (!reading.etag.empty() && response.etag != reading.etag);
            return !changed;
        };
        const auto outcome =
            perform_transfer(make_request(url_, delivered, unless_unchanged_, reading), settings_,
                             accept, sink, progress, cancel);
        delivered += outcome.body_bytes;
        if (unchanged) {
            throw SourceUnchanged(url_ + " is unchanged since the last import (ETag " +
                                  (reading.etag.empty() ? unless_unchanged_.etag : reading.etag) +
                                  ")");
        }
        if (changed) {
            throw SourceChanged(
                url_ + " changed while it was being read (the server sent " +
                (outcome.response.status == 206 ? "another version" : "the whole file again") +
                ")");
        }
        if (outcome.curl_code == 0) {
            served_ = reading;
            return;
        }
        if (!is_transient(outcome) || failures >= settings_.retries) {
            throw std::runtime_error(failure_text(url_, outcome) + " after " +
                                     std::to_string(failures + 1) + " attempt(s), " +
                                     std::to_string(delivered) + " bytes read");
        }
        if (delivered > 0 && reading.empty()) {
            throw SourceChanged(url_ + " broke after " + std::to_string(delivered) +
                                " bytes and has no ETag or Last-Modified to resume safely");
        }
        const double wait =
            std::min(60.0, settings_.retry_backoff_seconds * std::pow(2.0, failures));
        spdlog::warn("{}; resuming at byte {} in {:.1f} s (retry {} of {})",
                     failure_text(url_, outcome), delivered, wait, failures + 1, settings_.retries);
        sleep_unless_cancelled(wait, cancel);
    }
}

std::string fetch_text(const std::string& url, const HttpSettings& settings,
                       std::size_t max_bytes) {
    std::string text;
    SourceProgress progress;
    CancelFlag never;
    auto source = open_source(url, settings);
    source->stream(
        [&](std::string_view bytes) {
            text.append(bytes);
            if (text.size() > max_bytes) {
                throw std::runtime_error(url + " is larger than expected (" +
                                         std::to_string(max_bytes) + " bytes)");
            }
        },
        progress, never);
    return text;
}

} // namespace offimport
