#include "daemon/metrics/daemon_metrics.hpp"

#include <prometheus/text_serializer.h>

namespace offimport::daemon {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;

double unix_seconds(Clock::time_point t) {
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

template <typename Builder>
auto& registered(Builder builder, const metrics::Family& family, prometheus::Registry& registry) {
    return builder.Name(std::string(family.name)).Help(std::string(family.help)).Register(registry);
}

} // namespace

DaemonMetrics::DaemonMetrics(const std::string& version)
    : runs_(*registry_, version),
      running_(registered(BuildGauge(), metrics::running, *registry_).Add({})),
      progress_(registered(BuildGauge(), metrics::run_progress, *registry_).Add({})),
      next_run_(registered(BuildGauge(), metrics::next_run, *registry_).Add({})),
      http_requests_(registered(BuildCounter(), metrics::http_requests, *registry_)),
      refresh_requests_(registered(BuildCounter(), metrics::refresh_requests, *registry_)) {}

void DaemonMetrics::record_run(const RunOutcome& outcome) {
    if (outcome.locked) {
        return; // nothing ran: another process holds the import lock
    }
    // A failed run's report is empty (the import threw): its mode and time are the ticket's.
    RunReport report = outcome.report;
    report.mode = outcome.run.mode;
    report.seconds = outcome.seconds;
    runs_.record(report, outcome.result, unix_seconds(outcome.finished));
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
