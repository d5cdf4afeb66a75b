#include "app/commands.hpp"

#include "programs/config_check.hpp"
#include "app/status.hpp"
#include "base/errors.hpp"
#include "db/connection.hpp"
#include "db/migration.hpp"
#include "import/delta_import.hpp"
#include "import/full_import.hpp"
#include "metrics/metrics_file.hpp"
#include "metrics/run_metrics.hpp"
#include "sentry/sentry_reporter.hpp"
#include "source/source.hpp"

#include <iostream>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace offimport {
namespace {

int migrate_command(const Config& config) {
    db::Connection connection(config.conninfo, "offimport migrate");
    const auto report = db::migrate(connection, config.schema);
    spdlog::info("schema {} is at version {} ({} migration{} applied now) on {}", config.schema,
                 report.latest_version, report.applied, report.applied == 1 ? "" : "s",
                 connection.describe());
    return static_cast<int>(ExitCode::success);
}

FullImportRequest full_request(const Config& config, const Options& options) {
    FullImportRequest request;
    request.source = options.source.empty() ? config.source_url : options.source;
    request.limit = options.limit;
    request.allow_shrink = options.allow_shrink;
    request.force = options.force;
    request.verify = options.verify;
    request.dry_run = options.dry_run;
    request.progress = options.progress.value_or(::isatty(STDERR_FILENO) == 1);
    return request;
}

// A failed run's metrics: counts are unknown (the import threw), the result is what the
// operator sees.
void write_failure_metrics(const Config& config, const Options& options, RunMode mode,
                           const std::string& source, const std::exception& error,
                           const CancelFlag& cancel) {
    RunReport failed;
    failed.mode = mode;
    failed.source = source;
    failed.status = RunStatus::failed;
    failed.error = error.what();
    const auto result =
        cancel.requested() ? metrics::RunResult::cancelled : metrics::RunResult::failed;
    write_metrics_file(options.metrics_file, failed, result, config);
}

// A run that failed or was refused (another import holds the lock), for Sentry.
void report_to_sentry(const Config& config, RunMode mode, std::int64_t run_id,
                      const std::exception& error, bool refused) {
    SentryEvent event;
    event.level = refused ? "warning" : "error";
    event.message = std::string(to_string(mode)) + " import " +
                    (refused ? "refused: " : "failed: ") + error.what();
    event.tags = {{"mode", std::string(to_string(mode))}, {"program", "offimport"}};
    if (run_id > 0) {
        event.tags["run_id"] = std::to_string(run_id);
    }
    SentryReporter(config).send(event);
}

int full_command(const Config& config, const Options& options, const CancelFlag& cancel) {
    auto request = full_request(config, options);
    check_source_location(request.source);
    std::int64_t run_id = 0;
    request.on_run_started = [&run_id](std::int64_t id) { run_id = id; };
    try {
        const RunReport report = run_full_import(config, request, cancel);
        spdlog::info("{}", summary_line(report));
        if (!options.metrics_file.empty()) {
            write_metrics_file(options.metrics_file, report, metrics::result_of(report), config);
        }
        return static_cast<int>(ExitCode::success);
    } catch (const UsageError&) {
        throw;
    } catch (const TryLaterError& error) {
        report_to_sentry(config, RunMode::full, run_id, error, true);
        throw;
    } catch (const std::exception& error) {
        if (request.dry_run) {
            throw; // a prediction, not a failed run: nothing for metrics or Sentry
        }
        if (!options.metrics_file.empty()) {
            write_failure_metrics(config, options, RunMode::full, request.source, error, cancel);
        }
        report_to_sentry(config, RunMode::full, run_id, error, false);
        throw;
    }
}

int delta_command(const Config& config, const Options& options, const CancelFlag& cancel) {
    std::int64_t run_id = 0;
    try {
        const RunReport report =
            run_delta_import(config, cancel, [&run_id](std::int64_t id) { run_id = id; });
        spdlog::info("{}", summary_line(report));
        if (!options.metrics_file.empty()) {
            write_metrics_file(options.metrics_file, report, metrics::result_of(report), config);
        }
        return static_cast<int>(ExitCode::success);
    } catch (const TryLaterError& error) {
        report_to_sentry(config, RunMode::delta, run_id, error, true);
        throw;
    } catch (const std::exception& error) {
        if (!options.metrics_file.empty()) {
            write_failure_metrics(config, options, RunMode::delta, config.delta_base_url, error,
                                  cancel);
        }
        report_to_sentry(config, RunMode::delta, run_id, error, false);
        throw;
    }
}

} // namespace

int run_command(const Config& config, const Options& options, const CancelFlag& cancel) {
    switch (options.command) {
    case Command::migrate:
        return migrate_command(config);
    case Command::full:
        return full_command(config, options, cancel);
    case Command::status:
        return options.json ? print_status_json(config, std::cout)
                            : print_status(config, std::cout);
    case Command::check_config:
        return print_config_report(config, check_configuration(config), std::cout);
    case Command::delta:
        return delta_command(config, options, cancel);
    case Command::none:
        break;
    }
    throw UsageError("no command given (see offimport --help)");
}

} // namespace offimport
