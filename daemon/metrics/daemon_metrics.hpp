#pragma once

#include "daemon/run/run_outcome.hpp"

#include <map>
#include <memory>
#include <optional>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <string>
#include <utility>

namespace offimport::daemon {

// The metrics of DESIGN.md, in one prometheus-cpp registry. Families are registered once, here;
// the time series the alert rules rely on exist from the start (at zero). Used on the
// io_context's thread only.
class DaemonMetrics {
public:
    explicit DaemonMetrics(const std::string& version);

    void record_run(const RunOutcome& outcome);
    // From the ledger at start-up (times in Unix seconds).
    void set_last_run(const std::string& mode, double timestamp);
    void set_last_success(const std::string& mode, double timestamp);
    void set_catalogue_products(std::uint64_t products);

    void set_running(bool running, double progress_ratio);
    void set_next_run(std::optional<Clock::time_point> next);
    void count_http_request(const std::string& handler, unsigned status);
    void count_refresh(const std::string& result); // accepted, conflict, unauthorized, ...

    // The Prometheus text exposition format (version 0.0.4).
    std::string serialize() const;

private:
    std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
    prometheus::Family<prometheus::Counter>& runs_;
    prometheus::Family<prometheus::Counter>& products_;
    prometheus::Counter& source_bytes_;
    prometheus::Family<prometheus::Histogram>& duration_;
    prometheus::Family<prometheus::Gauge>& last_run_;
    prometheus::Family<prometheus::Gauge>& last_success_;
    prometheus::Gauge& running_;
    prometheus::Gauge& progress_;
    prometheus::Gauge& next_run_;
    prometheus::Gauge& catalogue_;
    prometheus::Family<prometheus::Counter>& http_requests_;
    prometheus::Family<prometheus::Counter>& refresh_requests_;
    // Children created on first use, kept so that Family::Add is not called per request.
    std::map<std::pair<std::string, unsigned>, prometheus::Counter*> http_counters_;
    std::map<std::string, prometheus::Counter*> refresh_counters_;
};

} // namespace offimport::daemon
