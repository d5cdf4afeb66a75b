#include "daemon/metrics/daemon_metrics.hpp"

#include <prometheus/text_serializer.h>

namespace offimport::daemon {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

// From a one-minute test dump to a slow full import of the whole catalogue (hours).
const prometheus::Histogram::BucketBoundaries duration_buckets{1,    10,   60,   300,   900,
                                                               1800, 3600, 7200, 14400, 28800};

const char* const modes[] = {"full", "delta"};
const char* const results[] = {"succeeded", "skipped", "failed", "cancelled"};
const char* const outcomes[] = {"inserted", "updated",  "unchanged",
                                "deleted",  "rejected", "duplicates"};

double unix_seconds(Clock::time_point t) {
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

template <typename Builder>
auto& registered(Builder builder, const char* name, const char* help,
                 prometheus::Registry& registry) {
    return builder.Name(name).Help(help).Register(registry);
}

} // namespace

DaemonMetrics::DaemonMetrics(const std::string& version)
    : runs_(registered(BuildCounter(), "offimport_runs_total", "Import runs by mode and result",
                       *registry_)),
      products_(registered(BuildCounter(), "offimport_products_total",
                           "Products handled by the daemon's runs, by outcome", *registry_)),
      source_bytes_(registered(BuildCounter(), "offimport_source_bytes_total",
                               "Bytes read from the dump source", *registry_)
                        .Add({})),
      duration_(registered(BuildHistogram(), "offimport_run_duration_seconds",
                           "Duration of import runs", *registry_)),
      last_run_(registered(BuildGauge(), "offimport_last_run_timestamp_seconds",
                           "When the last run of each mode finished (Unix time)", *registry_)),
      last_success_(registered(BuildGauge(), "offimport_last_success_timestamp_seconds",
                               "When the last successful run of each mode finished (Unix time)",
                               *registry_)),
      running_(registered(BuildGauge(), "offimport_running", "1 while an import runs", *registry_)
                   .Add({})),
      progress_(registered(BuildGauge(), "offimport_run_progress_ratio",
                           "Share of the source read by the running import (0 when unknown)",
                           *registry_)
                    .Add({})),
      next_run_(registered(BuildGauge(), "offimport_next_run_timestamp_seconds",
                           "When the next scheduled run is due (Unix time; 0 when none)",
                           *registry_)
                    .Add({})),
      catalogue_(registered(BuildGauge(), "offimport_catalog_products",
                            "Products in the catalogue after the last successful run", *registry_)
                     .Add({})),
      http_requests_(registered(BuildCounter(), "offimport_http_requests_total",
                                "HTTP requests by handler and status code", *registry_)),
      refresh_requests_(registered(BuildCounter(), "offimport_refresh_requests_total",
                                   "POST /refresh requests by result", *registry_)) {
    registered(BuildGauge(), "offimport_build_info", "The daemon's version (value always 1)",
               *registry_)
        .Add({{"version", version}})
        .Set(1);
    for (const char* mode : modes) {
        duration_.Add({{"mode", mode}}, duration_buckets);
        for (const char* result : results) {
            runs_.Add({{"mode", mode}, {"result", result}});
        }
    }
    for (const char* outcome : outcomes) {
        products_.Add({{"outcome", outcome}});
    }
}

void DaemonMetrics::record_run(const RunOutcome& outcome) {
    if (outcome.result == RunResult::locked) {
        return; // nothing ran: another process holds the import lock
    }
    const std::string& mode = outcome.run.mode;
    runs_.Add({{"mode", mode}, {"result", to_string(outcome.result)}}).Increment();
    duration_.Add({{"mode", mode}}, duration_buckets).Observe(outcome.seconds);
    set_last_run(mode, unix_seconds(outcome.finished));
    const RunCounts& counts = outcome.report.counts;
    source_bytes_.Increment(static_cast<double>(counts.source_bytes));
    const std::uint64_t per_outcome[] = {counts.inserted, counts.updated,  counts.unchanged,
                                         counts.deleted,  counts.rejected, counts.duplicates};
    for (std::size_t i = 0; i < std::size(outcomes); ++i) {
        products_.Add({{"outcome", outcomes[i]}}).Increment(static_cast<double>(per_outcome[i]));
    }
    if (outcome.result == RunResult::succeeded || outcome.result == RunResult::skipped) {
        set_last_success(mode, unix_seconds(outcome.finished));
    }
    if (outcome.result == RunResult::succeeded && mode == "full") {
        set_catalogue_products(outcome.report.catalogue);
    }
}

void DaemonMetrics::set_last_run(const std::string& mode, double timestamp) {
    last_run_.Add({{"mode", mode}}).Set(timestamp);
}

void DaemonMetrics::set_last_success(const std::string& mode, double timestamp) {
    last_success_.Add({{"mode", mode}}).Set(timestamp);
}

void DaemonMetrics::set_catalogue_products(std::uint64_t products) {
    catalogue_.Set(static_cast<double>(products));
}

void DaemonMetrics::set_running(bool running, double progress_ratio) {
    running_.Set(running ? 1 : 0);
    progress_.Set(running ? progress_ratio : 0);
}

void DaemonMetrics::set_next_run(std::optional<Clock::time_point> next) {
    next_run_.Set(next ? unix_seconds(*next) : 0);
}

void DaemonMetrics::count_http_request(const std::string& handler, unsigned status) {
    auto& counter = http_counters_[{handler, status}];
    if (!counter) {
        counter = &http_requests_.Add({{"handler", handler}, {"code", std::to_string(status)}});
    }
    counter->Increment();
}

void DaemonMetrics::count_refresh(const std::string& result) {
    auto& counter = refresh_counters_[result];
    if (!counter) {
        counter = &refresh_requests_.Add({{"result", result}});
    }
    counter->Increment();
}

std::string DaemonMetrics::serialize() const {
    return prometheus::TextSerializer{}.Serialize(registry_->Collect());
}

} // namespace offimport::daemon
