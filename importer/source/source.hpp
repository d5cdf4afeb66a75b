#pragma once

#include "app/cancel.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace offimport {

// How far a source has been read; read by the progress line from another thread.
struct SourceProgress {
    std::atomic<std::uint64_t> bytes_read{0};
    std::atomic<std::uint64_t> total_bytes{0}; // 0 = unknown
    std::atomic<std::uint64_t> json_bytes{0};  // decompressed bytes produced
};

using ByteSink = std::function<void(std::string_view)>;

// Settings of HTTP transfers (from [source] in the configuration).
struct HttpSettings {
    long connect_timeout_seconds = 30;
    long low_speed_time_seconds = 60;
    long low_speed_limit_bytes = 1024;
};

// Where the dump's bytes come from: a file, standard input, or a URL. Streams them in order
// to a sink, never holding the whole dump; throws naming the source on any read failure.
class Source {
public:
    virtual ~Source() = default;
    virtual std::string describe() const = 0;
    virtual void stream(const ByteSink& sink, SourceProgress& progress,
                        const CancelFlag& cancel) = 0;
};

// "-" is standard input; file:// and plain paths are files; http:// and https:// go through
// libcurl. Anything else is a UsageError.
std::unique_ptr<Source> open_source(const std::string& location, const HttpSettings& http);

// Throws UsageError when `location` cannot name a source at all (before any database work).
void check_source_location(const std::string& location);

} // namespace offimport
