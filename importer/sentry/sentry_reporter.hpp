#pragma once

#include "config/config.hpp"
#include "sentry/sentry_dsn.hpp"

#include <map>
#include <optional>
#include <string>

namespace offimport {

// What went wrong, as one Sentry event.
struct SentryEvent {
    std::string level = "error"; // fatal, error, warning, info
    std::string message;
    std::map<std::string, std::string> tags; // mode, run_id, ...
};

// The envelope Sentry's ingestion endpoint takes for one event: a header line, an item header
// line, the event (https://develop.sentry.dev/sdk/envelopes/). `event_id` is 32 hex digits.
std::string sentry_envelope(const SentryEvent& event, const std::string& event_id,
                            const std::string& environment, double unix_time);

// Sends failures to the configured Sentry project (none configured: does nothing). Sentry
// being slow or down never changes a run: a send is bounded by `timeout_ms`, and every error
// is logged at debug level and forgotten. Messages are masked of secrets before they leave.
class SentryReporter {
public:
    explicit SentryReporter(const Config& config, long timeout_ms = 3000);
    bool enabled() const { return dsn_.has_value(); }
    void send(const SentryEvent& event) const noexcept;

private:
    std::optional<SentryDsn> dsn_;
    std::string environment_;
    long timeout_ms_;
};

} // namespace offimport
