#pragma once

#include "source/source.hpp"

#include <cstdint>

namespace offimport {

// An http:// or https:// dump, streamed through libcurl: TLS verified, redirects followed,
// HTTP errors reported with the status and URL. A conditional request (If-None-Match /
// If-Modified-Since) skips an unchanged dump. A broken transfer (reset, timeout, short body,
// 5xx) is resumed from the byte reached with Range and If-Range, with retries and backoff, so
// the bytes reaching the sink are one continuous copy of one version of the file.
class HttpSource final : public Source {
public:
    HttpSource(std::string url, HttpSettings settings, SourceValidators unless_unchanged);
    std::string describe() const override { return shown_; } // without a password
    void stream(const ByteSink& sink, SourceProgress& progress, const CancelFlag& cancel) override;
    SourceValidators validators() const override { return served_; }

private:
    std::string url_;
    std::string shown_; // public_location(url_)
    HttpSettings settings_;
    SourceValidators unless_unchanged_;
    SourceValidators served_; // of the version being read
};

// libcurl must be initialised once per process, before any thread uses it.
void init_http();

// A small HTTP(S) or file:// document read whole (the delta index); throws on failure.
std::string fetch_text(const std::string& url, const HttpSettings& settings,
                       std::size_t max_bytes = 1 << 20);

} // namespace offimport
