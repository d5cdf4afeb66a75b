#include "metrics/metrics_file.hpp"

#include "base/atomic_file.hpp"
#include "base/version.hpp"
#include "db/connection.hpp"
#include "ledger/ledger_reads.hpp"
#include "load/catalogue_size.hpp"
#include "metrics/run_metrics.hpp"

#include <chrono>
#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>
#include <stdexcept>

namespace offimport {
namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Best effort: a run that failed because the database is away still writes its file.
LedgerMetrics read_ledger_metrics(const Config& config) {
    LedgerMetrics known;
    try {
        db::Connection db(config.conninfo, "offimport metrics");
        const auto schema = db.quote_identifier(config.schema);
        if (!ledger_exists(db, schema)) {
            return known;
        }
        for (const auto& [mode, history] : mode_histories(db, schema)) {
            if (history.last_run) {
                known.last_run[mode] = *history.last_run;
            }
            if (history.last_success) {
                known.last_success[mode] = *history.last_success;
            }
        }
        known.catalogue_products = catalogue_size(db, schema);
    } catch (const std::exception& error) {
        spdlog::warn("metrics: the ledger's last runs and catalogue size are unknown: {}",
                     error.what());
    }
    return known;
}

} // namespace

std::string render_run_metrics(const RunReport& report, metrics::RunResult result,
                               const LedgerMetrics& before, double finished) {
    prometheus::Registry registry;
    metrics::RunMetrics run_metrics(registry, version());
    for (const auto& [mode, timestamp] : before.last_run) {
        run_metrics.set_last_run(mode, timestamp);
    }
    for (const auto& [mode, timestamp] : before.last_success) {
        run_metrics.set_last_success(mode, timestamp);
    }
    if (before.catalogue_products) {
        run_metrics.set_catalogue_products(*before.catalogue_products);
    }
    run_metrics.record(report, result, finished);
    return prometheus::TextSerializer().Serialize(registry.Collect());
}

void write_metrics_file(const std::string& path, const RunReport& report, metrics::RunResult result,
                        const Config& config) {
    const LedgerMetrics before = read_ledger_metrics(config);
    const std::string text = render_run_metrics(report, result, before, now_seconds());
    // Readable by the node exporter, which often runs as another user.
    replace_file_atomically(path, text, 0644);
}

} // namespace offimport
