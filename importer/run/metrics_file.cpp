#include "run/metrics_file.hpp"

#include "base/atomic_file.hpp"
#include "base/version.hpp"
#include "db/connection.hpp"
#include "run/ledger.hpp"

#include <chrono>
#include <filesystem>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>
#include <stdexcept>

namespace offimport {
namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The newest successful run of this mode, from the ledger; 0 when unknown.
double last_success_from_ledger(const Config& config, const std::string& mode) {
    try {
        db::Connection db(config.conninfo, "offimport metrics");
        const auto schema = db.quote_identifier(config.schema);
        const auto rows =
            db.exec("SELECT coalesce(extract(epoch FROM max(finished_at)), 0) FROM " + schema +
                        ".runs WHERE mode = $1 AND " + last_success_condition,
                    {mode}, "reading the last success");
        return std::stod(std::string(rows.get(0, 0)));
    } catch (const std::exception& error) {
        spdlog::warn("metrics: last success time unknown: {}", error.what());
        return 0;
    }
}

void add_products(prometheus::Registry& registry, const RunCounts& c) {
    auto& products = prometheus::BuildCounter()
                         .Name("offimport_products_total")
                         .Help("Products seen by the run, by outcome")
                         .Register(registry);
    const std::pair<const char*, std::uint64_t> outcomes[] = {
        {"inserted", c.inserted}, {"updated", c.updated},   {"unchanged", c.unchanged},
        {"deleted", c.deleted},   {"rejected", c.rejected}, {"duplicate", c.duplicates}};
    for (const auto& [outcome, value] : outcomes) {
        products.Add({{"outcome", outcome}}).Increment(static_cast<double>(value));
    }
}

} // namespace

std::string render_run_metrics(const RunReport& report, double last_success_timestamp,
                               double now_timestamp) {
    auto registry = std::make_shared<prometheus::Registry>();
    prometheus::BuildGauge()
        .Name("offimport_build_info")
        .Help("offimport version")
        .Register(*registry)
        .Add({{"version", version()}})
        .Set(1);
    prometheus::BuildCounter()
        .Name("offimport_runs_total")
        .Help("Runs by mode and result")
        .Register(*registry)
        .Add({{"mode", report.mode}, {"result", report.status}})
        .Increment();
    add_products(*registry, report.counts);
    prometheus::BuildCounter()
        .Name("offimport_source_bytes_total")
        .Help("Bytes read from the source")
        .Register(*registry)
        .Add({})
        .Increment(static_cast<double>(report.counts.source_bytes));
    prometheus::BuildHistogram()
        .Name("offimport_run_duration_seconds")
        .Help("Duration of runs")
        .Register(*registry)
        .Add({{"mode", report.mode}},
             prometheus::Histogram::BucketBoundaries{1, 5, 15, 60, 300, 900, 1800, 3600, 7200})
        .Observe(report.seconds);
    auto& last_run = prometheus::BuildGauge()
                         .Name("offimport_last_run_timestamp_seconds")
                         .Help("When the last run ended")
                         .Register(*registry);
    last_run.Add({{"mode", report.mode}}).Set(now_timestamp);
    if (last_success_timestamp > 0) {
        prometheus::BuildGauge()
            .Name("offimport_last_success_timestamp_seconds")
            .Help("When the last successful run ended")
            .Register(*registry)
            .Add({{"mode", report.mode}})
            .Set(last_success_timestamp);
    }
    if (report.status == "succeeded") {
        prometheus::BuildGauge()
            .Name("offimport_catalog_products")
            .Help("Products in the catalogue")
            .Register(*registry)
            .Add({})
            .Set(static_cast<double>(report.catalogue));
    }
    return prometheus::TextSerializer().Serialize(registry->Collect());
}

void write_metrics_file(const std::string& path, const RunReport& report, const Config& config) {
    const double now = now_seconds();
    const double last_success =
        counts_as_success(report) ? now : last_success_from_ledger(config, report.mode);
    const std::string text = render_run_metrics(report, last_success, now);
    // Readable by the node exporter, which often runs as another user.
    replace_file_atomically(path, text, 0644);
}

} // namespace offimport
