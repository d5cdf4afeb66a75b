#pragma once

#include "daemon/worker/run_outcome.hpp"
#include "metrics/run_metrics.hpp"

#include <map>
#include <memory>
#include <optional>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <string>
#include <utility>

namespace offimport::daemon {

// offimportd's /metrics: the run families, registered and updated as the cron run's metrics
// file does (metrics/run_metrics.hpp), and the daemon's own (metrics/metric_families.hpp).
// Used on the io_context's thread only.
class DaemonMetrics {
public:
    explicit DaemonMetrics(const std::string& version);

    void record_run(const RunOutcome& outcome);
    metrics::RunMetrics& runs() { return runs_; } // the ledger's values at start-up

    void set_running(bool running, double progress_ratio);
    void set_next_run(std::optional<Clock::time_point> next);
    void count_http_request(const std::string& handler, unsigned status);
    void count_refresh(const std::string& result); // accepted, conflict, unauthorized, ...

    // The Prometheus text exposition format (version 0.0.4).
    std::string serialize() const;

private:
    std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
    metrics::RunMetrics runs_;
    prometheus::Gauge& running_;
    prometheus::Gauge& progress_;
    prometheus::Gauge& next_run_;
    prometheus::Family<prometheus::Counter>& http_requests_;
    prometheus::Family<prometheus::Counter>& refresh_requests_;
    // Children created on first use, kept so that Family::Add is not called per request.
    std::map<std::pair<std::string, unsigned>, prometheus::Counter*> http_counters_;
    std::map<std::string, prometheus::Counter*> refresh_counters_;
};

} // namespace offimport::daemon
