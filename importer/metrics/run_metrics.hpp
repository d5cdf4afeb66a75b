#pragma once

#include "ledger/run_report.hpp"
#include "metrics/metric_families.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <string>

namespace offimport::metrics {

// The run families of metric_families.hpp in a prometheus-cpp registry, registered and
// updated in one way for the metrics file and the daemon. The series that alert rules and
// dashboards rely on exist from the start, at zero: runs by every mode and result, products by
// every outcome, a duration histogram per mode.
class RunMetrics {
public:
    RunMetrics(prometheus::Registry& registry, const std::string& version);

    // A run ended at `finished` (Unix seconds). Updates every run family, the last run, the
    // last success and the catalogue size included when the run counts for them (a dry run
    // counts its products only).
    void record(const RunReport& report, RunResult result, double finished);
    // What the ledger knew before (Unix seconds).
    void set_last_run(RunMode mode, double timestamp);
    void set_last_success(RunMode mode, double timestamp);
    void set_catalogue_products(std::uint64_t count);

private:
    prometheus::Family<prometheus::Counter>& runs_;
    prometheus::Family<prometheus::Counter>& products_;
    prometheus::Counter& source_bytes_;
    prometheus::Family<prometheus::Histogram>& duration_;
    prometheus::Family<prometheus::Gauge>& last_run_;
    prometheus::Family<prometheus::Gauge>& last_success_;
    prometheus::Family<prometheus::Gauge>& catalogue_; // no series until its value is known
    prometheus::Family<prometheus::Counter>& after_success_;
};

// offimport_catalog_products follows a run that wrote the catalogue (a full import or a delta
// that succeeded): other runs leave the last value.
bool sets_catalogue_size(const RunReport& report, RunResult result);

} // namespace offimport::metrics
