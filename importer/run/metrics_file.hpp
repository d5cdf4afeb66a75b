#pragma once

#include "config/config.hpp"
#include "run/run_report.hpp"

#include <string>

namespace offimport {

// Writes Prometheus text-format metrics of a finished run to `path` (for node_exporter's
// textfile collector): written to a temporary file beside it, then renamed, so a scrape never
// sees half a file. The last success time comes from the run ledger when it is reachable.
void write_metrics_file(const std::string& path, const RunReport& report, const Config& config);

// The same metrics as text, for tests and the daemon.
std::string render_run_metrics(const RunReport& report, double last_success_timestamp,
                               double now_timestamp);

} // namespace offimport
