#include "import/after_success.hpp"

#include "base/number_text.hpp"
#include "sentry/sentry_reporter.hpp"

#include <cerrno>
#include <spdlog/spdlog.h>

namespace offimport {
namespace {

void report_failure(const Config& config, const RunReport& report, const std::string& failure) {
    const std::string mode(to_string(report.mode));
    spdlog::error("import.after_success {} (after {} run {}, which stays committed)", failure, mode,
                  report.run_id);
    SentryEvent event;
    event.message = "import.after_success " + failure + " after " + mode + " run " +
                    std::to_string(report.run_id);
    event.tags = {{"mode", mode},
                  {"run_id", std::to_string(report.run_id)},
                  {"program", program_invocation_short_name}};
    SentryReporter(config).send(event);
}

} // namespace

BoundedCommand after_success_command(const Config& config, const RunReport& report) {
    const auto count = [](std::uint64_t value) { return std::to_string(value); };
    BoundedCommand command;
    command.command = config.after_success;
    command.environment = {
        {"OFFIMPORT_RUN_ID", std::to_string(report.run_id)},
        {"OFFIMPORT_MODE", std::string(to_string(report.mode))},
        {"OFFIMPORT_INSERTED", count(report.counts.inserted)},
        {"OFFIMPORT_UPDATED", count(report.counts.updated)},
        {"OFFIMPORT_DELETED", count(report.counts.deleted)},
        {"OFFIMPORT_UNCHANGED", count(report.counts.unchanged)},
        {"OFFIMPORT_REJECTED", count(report.counts.rejected)},
        {"OFFIMPORT_CATALOGUE", count(report.catalogue)},
        {"OFFIMPORT_SCHEMA", config.schema},
    };
    command.withheld = {"OFFIMPORT_REFRESH_TOKEN", "OFFIMPORT_SENTRY_DSN",
                        "OFFIMPORT_DATABASE_URL"};
    command.timeout = std::chrono::seconds(config.after_success_timeout_seconds);
    return command;
}

void run_after_success(const Config& config, RunReport& report, const CancelFlag& cancel) {
    if (config.after_success.empty() || report.status != RunStatus::succeeded || report.dry_run) {
        return;
    }
    spdlog::info("running import.after_success for {} run {}", to_string(report.mode),
                 report.run_id);
    const CommandOutcome outcome =
        run_bounded_command(after_success_command(config, report), cancel);
    if (outcome.succeeded) {
        report.after_success = AfterSuccess::succeeded;
        spdlog::info("import.after_success finished in {} s", fixed(outcome.seconds, 1));
        return;
    }
    report.after_success = AfterSuccess::failed;
    report_failure(config, report, outcome.failure);
}

} // namespace offimport
