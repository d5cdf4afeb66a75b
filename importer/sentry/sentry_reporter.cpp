#include "sentry/sentry_reporter.hpp"

#include "base/host_name.hpp"
#include "base/json_writer.hpp"
#include "base/version.hpp"
#include "log/logging.hpp"

#include <chrono>
#include <cstdio>
#include <curl/curl.h>
#include <memory>
#include <random>
#include <spdlog/spdlog.h>

namespace offimport {
namespace {

std::string new_event_id() {
    std::random_device random;
    char id[33];
    for (int half = 0; half < 2; ++half) {
        const std::uint64_t bits = (std::uint64_t{random()} << 32) | random();
        std::snprintf(id + half * 16, 17, "%016llx", static_cast<unsigned long long>(bits));
    }
    return id;
}

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string tags_json(const std::map<std::string, std::string>& tags) {
    JsonObject object;
    for (const auto& [name, value] : tags) {
        object.text(name, value);
    }
    return object.str();
}

std::size_t discard_body(char*, std::size_t size, std::size_t count, void*) {
    return size * count;
}

} // namespace

std::string sentry_envelope(const SentryEvent& event, const std::string& event_id,
                            const std::string& environment, double unix_time) {
    const std::string body =
        JsonObject()
            .text("event_id", event_id)
            .number("timestamp", unix_time)
            .text("platform", "native")
            .text("level", event.level)
            .text("logger", "offimport")
            .raw("message", JsonObject().text("formatted", event.message).str())
            .text("release", "offimport@" + version())
            .text("environment", environment)
            .text("server_name", host_name())
            .raw("tags", tags_json(event.tags))
            .str();
    const std::string header = JsonObject().text("event_id", event_id).str();
    const std::string item = JsonObject()
                                 .text("type", "event")
                                 .text("content_type", "application/json")
                                 .integer("length", static_cast<std::int64_t>(body.size()))
                                 .str();
    return header + "\n" + item + "\n" + body + "\n";
}

SentryReporter::SentryReporter(const Config& config, long timeout_ms)
    : dsn_(parse_sentry_dsn(config.sentry_dsn)), environment_(config.environment),
      timeout_ms_(timeout_ms) {}

void SentryReporter::send(const SentryEvent& event) const noexcept {
    if (!dsn_) {
        return;
    }
    try {
        SentryEvent masked = event;
        masked.message = mask_secrets(event.message);
        const std::string envelope =
            sentry_envelope(masked, new_event_id(), environment_, now_seconds());
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                 &curl_easy_cleanup);
        const std::string auth =
            "X-Sentry-Auth: Sentry sentry_version=7, sentry_key=" + dsn_->public_key +
            ", sentry_client=offimport/" + version();
        curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
        headers = curl_slist_append(headers, "Content-Type: application/x-sentry-envelope");
        std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(
            headers, &curl_slist_free_all);
        CURL* h = curl.get();
        curl_easy_setopt(h, CURLOPT_URL, dsn_->envelope_url.c_str());
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, header_list.get());
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, envelope.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(envelope.size()));
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms_);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms_);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &discard_body);
        const CURLcode code = curl_easy_perform(h);
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        if (code != CURLE_OK || status >= 300) {
            spdlog::debug("sentry: the event was not accepted ({}, HTTP {})",
                          curl_easy_strerror(code), status);
        }
    } catch (const std::exception& error) {
        spdlog::debug("sentry: the event was not sent: {}", error.what());
    }
}

} // namespace offimport
