#pragma once

#include "ledger/run_report.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace offimport::metrics {

// The one definition of what offimport exports to Prometheus, for the cron run's metrics file
// (metrics/metrics_file.hpp) and offimportd's /metrics (daemon/metrics/): names, help, label
// values and buckets. the names are a contract; docs/ and conf/alerts.yml use them.
struct Family {
    std::string_view name;
    std::string_view help;
};

// Written after every run, by both programs (metrics/run_metrics.hpp registers them).
inline constexpr Family build_info{"offimport_build_info", "offimport's version (value always 1)"};
inline constexpr Family runs{"offimport_runs_total", "Import runs by mode and result"};
inline constexpr Family products{"offimport_products_total",
                                 "Products seen by import runs, by outcome"};
inline constexpr Family source_bytes{"offimport_source_bytes_total",
                                     "Bytes read from the dump source (compressed if gzip)"};
inline constexpr Family run_duration{"offimport_run_duration_seconds", "Duration of import runs"};
inline constexpr Family last_run{"offimport_last_run_timestamp_seconds",
                                 "When the last run of each mode finished (Unix time)"};
inline constexpr Family last_success{
    "offimport_last_success_timestamp_seconds",
    "When the last success of each mode finished: a run of the whole source that succeeded or "
    "found it unchanged (Unix time)"};
inline constexpr Family catalogue_products{"offimport_catalog_products",
                                           "Products in the catalogue"};
inline constexpr Family after_success{
    "offimport_after_success_total",
    "import.after_success commands run after a committed import, by result"};

// Only offimportd has these: they describe a process that stays.
inline constexpr Family running{"offimport_running", "1 while an import runs"};
inline constexpr Family run_progress{
    "offimport_run_progress_ratio",
    "Share of the source read by the running import (0 when unknown)"};
inline constexpr Family next_run{"offimport_next_run_timestamp_seconds",
                                 "When the next scheduled run is due (Unix time; 0 when none)"};
inline constexpr Family http_requests{"offimport_http_requests_total",
                                      "HTTP requests by handler and status code"};
inline constexpr Family refresh_requests{"offimport_refresh_requests_total",
                                         "POST /refresh requests by result"};

inline constexpr std::array<Family, 9> run_families{
    build_info, runs,         products,           source_bytes, run_duration,
    last_run,   last_success, catalogue_products, after_success};
inline constexpr std::array<Family, 5> daemon_families{running, run_progress, next_run,
                                                       http_requests, refresh_requests};

// offimport_runs_total{result}: how a run ended. `cancelled`: stopped by a signal or the
// daemon's shutdown (the ledger records it as failed: the catalogue is unchanged).
enum class RunResult { succeeded, skipped, failed, cancelled };
inline constexpr std::array<RunResult, 4> all_run_results{RunResult::succeeded, RunResult::skipped,
                                                          RunResult::failed, RunResult::cancelled};
std::string_view to_string(RunResult result);
// A finished run's result from its report (succeeded or skipped; failures throw).
RunResult result_of(const RunReport& report);

// offimport_products_total{outcome}: each outcome and the count of a run it takes.
struct ProductOutcome {
    std::string_view label;
    std::uint64_t RunCounts::*count;
};
inline constexpr std::array<ProductOutcome, 6> product_outcomes{{
    {"inserted", &RunCounts::inserted},
    {"updated", &RunCounts::updated},
    {"unchanged", &RunCounts::unchanged},
    {"deleted", &RunCounts::deleted},
    {"rejected", &RunCounts::rejected},
    {"duplicate", &RunCounts::duplicates},
}};

// offimport_after_success_total{result}: how the command after a committed run ended
// (failed: an exit status other than 0, a signal, the timeout).
inline constexpr std::array<std::string_view, 2> after_success_results{"succeeded", "failed"};

// offimport_run_duration_seconds: from a one-minute test dump to a slow full import of the
// whole catalogue (hours).
const std::vector<double>& run_duration_buckets();

} // namespace offimport::metrics
