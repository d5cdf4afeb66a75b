#include "base/errors.hpp"
#include "source/file_source.hpp"
#include "source/http_source.hpp"
#include "source/location.hpp"

namespace offimport {
namespace {

// file:///tmp/a%20b.gz -> /tmp/a b.gz
std::string file_url_path(const std::string& url) {
    const std::string rest = url.substr(std::string_view("file://").size());
    if (rest.empty() || rest.front() != '/') {
        throw UsageError("source " + public_location(url) +
                         ": only local file:///absolute/path URLs are supported");
    }
    auto path = percent_decode(rest);
    if (!path) {
        throw UsageError("source " + public_location(url) +
                         ": a malformed %-escape (each % needs two hex digits, and %00 cannot "
                         "be in a path)");
    }
    return *path;
}

} // namespace

void check_source_location(const std::string& location) {
    if (location.empty()) {
        throw UsageError("no source: give --source or set source.url in the configuration");
    }
    // The location keys off.source_state (a btree index: at most ~2,700 bytes a row).
    constexpr std::size_t max_location_bytes = 2000;
    if (location.size() > max_location_bytes) {
        throw UsageError("source of " + std::to_string(location.size()) + " bytes: at most " +
                         std::to_string(max_location_bytes) + " (" +
                         public_location(location).substr(0, 60) + "...)");
    }
    const bool known = location.starts_with("http://") || location.starts_with("https://") ||
                       location.starts_with("file://");
    if (!known && location.find("://") != std::string::npos) {
        throw UsageError("source " + public_location(location) +
                         ": unsupported scheme (use a path, -, file://, http:// or https://)");
    }
    if (location.starts_with("file://")) {
        file_url_path(location);
    }
}

std::unique_ptr<Source> open_source(const std::string& location, const HttpSettings& http,
                                    const SourceValidators& unless_unchanged) {
    check_source_location(location);
    if (location.starts_with("http://") || location.starts_with("https://")) {
        return std::make_unique<HttpSource>(location, http, unless_unchanged);
    }
    if (location.starts_with("file://")) {
        return std::make_unique<FileSource>(file_url_path(location));
    }
    return std::make_unique<FileSource>(location);
}

} // namespace offimport
