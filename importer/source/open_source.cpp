#include "app/errors.hpp"
#include "source/file_source.hpp"
#include "source/http_source.hpp"

namespace offimport {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// file:///tmp/a%20b.gz -> /tmp/a b.gz
std::string file_url_path(const std::string& url) {
    std::string path;
    const std::string rest = url.substr(std::string_view("file://").size());
    if (!rest.empty() && rest.front() != '/') {
        throw UsageError("source " + url + ": only local file:///absolute/path URLs are supported");
    }
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '%' && i + 2 < rest.size()) {
            path += static_cast<char>(std::stoi(rest.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            path += rest[i];
        }
    }
    return path;
}

} // namespace

void check_source_location(const std::string& location) {
    if (location.empty()) {
        throw UsageError("no source: give --source or set source.url in the configuration");
    }
    const bool known = starts_with(location, "http://") || starts_with(location, "https://") ||
                       starts_with(location, "file://");
    if (!known && location.find("://") != std::string::npos) {
        throw UsageError("source " + location +
                         ": unsupported scheme (use a path, -, file://, http:// or https://)");
    }
    if (starts_with(location, "file://")) {
        file_url_path(location);
    }
}

std::unique_ptr<Source> open_source(const std::string& location, const HttpSettings& http,
                                    const SourceValidators& unless_unchanged) {
    check_source_location(location);
    if (starts_with(location, "http://") || starts_with(location, "https://")) {
        return std::make_unique<HttpSource>(location, http, unless_unchanged);
    }
    if (starts_with(location, "file://")) {
        return std::make_unique<FileSource>(file_url_path(location));
    }
    return std::make_unique<FileSource>(location);
}

} // namespace offimport
