#pragma once

#include "base/cancel.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
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
    int retries = 10;                               // reconnections after a broken transfer
    double retry_backoff_seconds = 2.0;             // doubled after each failure, at most 60 s
    long max_transfer_seconds = 12 * 3600;          // one download, retries included
    std::uint64_t max_transfer_bytes = 32ull << 30; // body bytes of one download
    std::string ca_file;                            // empty: the system's certificates
};

// What identifies one version of a remote file (HTTP ETag and Last-Modified).
struct SourceValidators {
    std::string etag;
    std::string last_modified;
    bool empty() const { return etag.empty() && last_modified.empty(); }
};

// The server says the dump has not changed since `validators` (304, or the same ETag).
class SourceUnchanged : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The remote file changed while it was being read (a resumed request got another version):
// the run must start over from the beginning.
class SourceChanged : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where the dump's bytes come from: a file, standard input, or a URL. Streams them in order
// to a sink, never holding the whole dump; throws naming the source on any read failure.
class Source {
public:
    virtual ~Source() = default;
    virtual std::string describe() const = 0;
    virtual void stream(const ByteSink& sink, SourceProgress& progress,
                        const CancelFlag& cancel) = 0;
    // After stream(): the version read, for the next run's conditional request (HTTP only).
    virtual SourceValidators validators() const { return {}; }
};

// "-" is standard input; file:// and plain paths are files; http:// and https:// go through
// libcurl. Anything else is a UsageError. With `unless_unchanged`, an HTTP source asks the
// server for the dump only if it differs from that version (SourceUnchanged otherwise).
std::unique_ptr<Source> open_source(const std::string& location, const HttpSettings& http,
                                    const SourceValidators& unless_unchanged = {});

// Throws UsageError when `location` cannot name a source at all (before any database work).
void check_source_location(const std::string& location);

} // namespace offimport
