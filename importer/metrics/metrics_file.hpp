#pragma once

#include "config/config.hpp"
#include "ledger/run_report.hpp"
#include "metrics/metric_families.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace offimport {

// What the ledger knew before this run, for the metrics file: the file replaces the last one,
// so it carries the other mode's times and the catalogue size too.
struct LedgerMetrics {
    std::map<RunMode, double> last_run;
    std::map<RunMode, double> last_success;
    std::optional<std::uint64_t> catalogue_products;
};

// Writes Prometheus text-format metrics of a finished run to `path` (for node_exporter's
// textfile collector): written to a temporary file beside it, then renamed, so a scrape never
// sees half a file. What the ledger knew comes from it when it is reachable.
void write_metrics_file(const std::string& path, const RunReport& report, metrics::RunResult result,
                        const Config& config);

// The same metrics as text: the ledger's values first, then the run, which ended at `finished`.
std::string render_run_metrics(const RunReport& report, metrics::RunResult result,
                               const LedgerMetrics& before, double finished);

} // namespace offimport
