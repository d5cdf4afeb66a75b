#include "metrics/run_metrics.hpp"

#include "ledger/last_success.hpp"

namespace offimport::metrics {
namespace {

template <typename Builder>
auto& registered(Builder builder, const Family& family, prometheus::Registry& registry) {
    return builder.Name(std::string(family.name)).Help(std::string(family.help)).Register(registry);
}

prometheus::Labels mode_label(RunMode mode) {
    return {{"mode", std::string(to_string(mode))}};
}

} // namespace

// The ledger's words (ledger/run_kind.cpp) where a result is a run status; only `cancelled`,
// which the ledger records as failed, is the metric's own.
std::string_view to_string(RunResult result) {
    switch (result) {
    case RunResult::succeeded:
        return to_string(RunStatus::succeeded);
    case RunResult::skipped:
        return to_string(RunStatus::skipped);
    case RunResult::failed:
        return to_string(RunStatus::failed);
    case RunResult::cancelled:
        return "cancelled";
    }
    return to_string(RunStatus::failed);
}

RunResult result_of(const RunReport& report) {
    switch (report.status) {
    case RunStatus::succeeded:
        return RunResult::succeeded;
    case RunStatus::skipped:
        return RunResult::skipped;
    case RunStatus::running:
    case RunStatus::failed:
    case RunStatus::abandoned:
        break;
    }
    return RunResult::failed;
}

const std::vector<double>& run_duration_buckets() {
    static const std::vector<double> buckets{1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 28800};
    return buckets;
}

bool sets_catalogue_size(const RunReport& report, RunResult result) {
    return result == RunResult::succeeded && !report.dry_run;
}

RunMetrics::RunMetrics(prometheus::Registry& registry, const std::string& version)
    : runs_(registered(prometheus::BuildCounter(), runs, registry)),
      products_(registered(prometheus::BuildCounter(), products, registry)),
      source_bytes_(registered(prometheus::BuildCounter(), source_bytes, registry).Add({})),
      duration_(registered(prometheus::BuildHistogram(), run_duration, registry)),
      last_run_(registered(prometheus::BuildGauge(), last_run, registry)),
      last_success_(registered(prometheus::BuildGauge(), last_success, registry)),
      catalogue_(registered(prometheus::BuildGauge(), catalogue_products, registry)),
      after_success_(registered(prometheus::BuildCounter(), after_success, registry)) {
    registered(prometheus::BuildGauge(), build_info, registry).Add({{"version", version}}).Set(1);
    for (const RunMode mode : all_run_modes) {
        duration_.Add(mode_label(mode), run_duration_buckets());
        for (const RunResult result : all_run_results) {
            runs_.Add({{"mode", std::string(to_string(mode))},
                       {"result", std::string(to_string(result))}});
        }
    }
    for (const auto& outcome : product_outcomes) {
        products_.Add({{"outcome", std::string(outcome.label)}});
    }
    for (const auto result : after_success_results) {
        after_success_.Add({{"result", std::string(result)}});
    }
}

void RunMetrics::record(const RunReport& report, RunResult result, double finished) {
    runs_
        .Add({{"mode", std::string(to_string(report.mode))},
              {"result", std::string(to_string(result))}})
        .Increment();
    duration_.Add(mode_label(report.mode), run_duration_buckets()).Observe(report.seconds);
    source_bytes_.Increment(static_cast<double>(report.counts.source_bytes));
    for (const auto& outcome : product_outcomes) {
        products_.Add({{"outcome", std::string(outcome.label)}})
            .Increment(static_cast<double>(report.counts.*outcome.count));
    }
    if (report.after_success != AfterSuccess::not_run) {
        const bool failed = report.after_success == AfterSuccess::failed;
        after_success_.Add({{"result", std::string(after_success_results[failed ? 1 : 0])}})
            .Increment();
    }
    if (report.dry_run) {
        return; // wrote nothing: the catalogue's times and size are the ledger's
    }
    set_last_run(report.mode, finished);
    if (counts_as_success(report)) {
        set_last_success(report.mode, finished);
    }
    if (sets_catalogue_size(report, result)) {
        set_catalogue_products(report.catalogue);
    }
}

void RunMetrics::set_last_run(RunMode mode, double timestamp) {
    last_run_.Add(mode_label(mode)).Set(timestamp);
}

void RunMetrics::set_last_success(RunMode mode, double timestamp) {
    last_success_.Add(mode_label(mode)).Set(timestamp);
}

void RunMetrics::set_catalogue_products(std::uint64_t count) {
    catalogue_.Add({}).Set(static_cast<double>(count));
}

} // namespace offimport::metrics
