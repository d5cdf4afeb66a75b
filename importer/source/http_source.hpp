#pragma once

#include "source/source.hpp"

namespace offimport {

// An http:// or https:// dump, streamed through libcurl: TLS verified, redirects followed,
// HTTP errors and short bodies reported with the status and URL.
class HttpSource final : public Source {
public:
    HttpSource(std::string url, HttpSettings settings);
    std::string describe() const override { return url_; }
    void stream(const ByteSink& sink, SourceProgress& progress, const CancelFlag& cancel) override;

private:
    std::string url_;
    HttpSettings settings_;
};

// libcurl must be initialised once per process, before any thread uses it.
void init_http();

} // namespace offimport
