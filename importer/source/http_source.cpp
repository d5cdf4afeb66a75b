#include "source/http_source.hpp"

#include "base/errors.hpp"
#include "base/number_text.hpp"
#include "base/one_line.hpp"
#include "log/logging.hpp"
#include "source/http_transfer.hpp"
#include "source/location.hpp"

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
    return "download of " + url + " failed: " + one_line(outcome.error);
}

// The request headers: conditional on a first request, If-Range on a resumed one.
HttpRequest make_request(const std::string& url, std::uint64_t from,
                         const SourceValidators& unless_unchanged, const HttpResponse& reading) {
    HttpRequest request{url, {}, from, 0};
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

enum class FirstAnswer { body, unchanged };

// What is left of source.max_transfer_seconds; throws once nothing is.
long remaining_ms(std::chrono::steady_clock::time_point deadline, const std::string& shown,
                  const HttpSettings& settings) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
        throw std::runtime_error("download of " + shown + " stopped: it took longer than " +
                                 "source.max_transfer_seconds (" +
                                 std::to_string(settings.max_transfer_seconds) + ")");
    }
    return static_cast<long>(left.count());
}

// The first response of a download: the body (200), or "unchanged" when it answers validators
// we sent (304, or the ETag we know). Anything else cannot be the dump.
FirstAnswer first_answer(const HttpResponse& response, const SourceValidators& sent) {
    if (response.status == 304) {
        if (sent.empty()) {
            throw std::runtime_error("the server answered 304 Not Modified to a request without "
                                     "If-None-Match or If-Modified-Since");
        }
        return FirstAnswer::unchanged;
    }
    if (response.status != 200) {
        throw std::runtime_error("unexpected HTTP status " + std::to_string(response.status) +
                                 " to a request for the whole file (expected 200)");
    }
    const bool same_etag = !sent.etag.empty() && response.etag == sent.etag;
    return same_etag ? FirstAnswer::unchanged : FirstAnswer::body;
}

} // namespace

void init_http() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

HttpSource::HttpSource(std::string url, HttpSettings settings, SourceValidators unless_unchanged)
    : url_(std::move(url)), shown_(public_location(url_)), settings_(std::move(settings)),
      unless_unchanged_(std::move(unless_unchanged)) {
    for (const auto& secret : location_secrets(url_)) {
        register_secret(secret);
    }
}

void HttpSource::stream(const ByteSink& sink, SourceProgress& progress, const CancelFlag& cancel) {
    std::uint64_t delivered = 0;
    HttpResponse first; // the version whose bytes the sink has
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(settings_.max_transfer_seconds);
    const ByteSink bounded = [&](std::string_view bytes) {
        if (delivered + bytes.size() > settings_.max_transfer_bytes) {
            throw std::runtime_error("download of " + shown_ + " stopped: more than " +
                                     "source.max_transfer_bytes (" +
                                     grouped(settings_.max_transfer_bytes) + ")");
        }
        sink(bytes);
        delivered += bytes.size(); // counted here so that the bound holds within a transfer
    };
    for (int failures = 0;; ++failures) {
        bool unchanged = false;
        bool changed = false;
        auto accept = [&](const HttpResponse& response) {
            if (delivered == 0) {
                unchanged = first_answer(response, unless_unchanged_) == FirstAnswer::unchanged;
                first = response;
                return !unchanged;
            }
            changed = !continues_same_version(response, delivered, first);
            return !changed;
        };
        HttpRequest request = make_request(url_, delivered, unless_unchanged_, first);
        request.timeout_ms = remaining_ms(deadline, shown_, settings_);
        const auto outcome =
            perform_transfer(request, settings_, accept, bounded, progress, cancel);
        if (unchanged) {
            const std::string etag = first.etag.empty() ? unless_unchanged_.etag : first.etag;
            throw SourceUnchanged(shown_ + " is unchanged since the last import (" +
                                  (etag.empty() ? "Last-Modified " + unless_unchanged_.last_modified
                                                : "ETag " + etag) +
                                  ")");
        }
        if (changed) {
            throw SourceChanged(
                shown_ + " changed while it was being read (the server sent " +
                (outcome.response.status == 206 ? "another version" : "the whole file again") +
                ")");
        }
        if (outcome.curl_code == 0) {
            served_ = {first.etag, first.last_modified};
            return;
        }
        if (outcome.refused_downgrade) {
            throw std::runtime_error("download of " + shown_ +
                                     " refused a redirect from https to another scheme (" +
                                     outcome.error + ")");
        }
        remaining_ms(deadline, shown_, settings_); // throws once the time bound is reached
        if (outcome.curl_code == CURLE_URL_MALFORMAT) {
            throw UsageError("source " + shown_ + ": " + one_line(outcome.error));
        }
        if (!is_transient(outcome) || failures >= settings_.retries) {
            const std::string text = failure_text(shown_, outcome) + " after " +
                                     std::to_string(failures + 1) + " attempt(s), " +
                                     std::to_string(delivered) + " bytes read";
            if (is_transient(outcome)) {
                throw UnreachableError(text); // the server may be back next time
            }
            throw std::runtime_error(text);
        }
        if (delivered > 0 && first.etag.empty() && first.last_modified.empty()) {
            throw SourceChanged(shown_ + " broke after " + std::to_string(delivered) +
                                " bytes and has no ETag or Last-Modified to resume safely");
        }
        const double wait =
            std::min(60.0, settings_.retry_backoff_seconds * std::pow(2.0, failures));
        spdlog::warn("{}; resuming at byte {} in {:.1f} s (retry {} of {})",
                     failure_text(shown_, outcome), delivered, wait, failures + 1,
                     settings_.retries);
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
