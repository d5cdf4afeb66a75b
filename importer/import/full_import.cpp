#include "import/full_import.hpp"

#include "import/after_success.hpp"
#include "import/dry_run.hpp"
#include "import/run_guards.hpp"
#include "import/run_session.hpp"
#include "import/staged_load.hpp"
#include "load/extra_column_choice.hpp"
#include "pipeline/block_tally.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"

#include <chrono>
#include <filesystem>
#include <spdlog/spdlog.h>

namespace offimport {
namespace {

// A dump whose server changed it mid-read is read again from the start, this many times.
constexpr int max_restarts = 3;

// Local paths are recorded absolute, so the source state of a file is found from any directory.
std::string canonical_source(const std::string& location) {
    if (location == "-" || location.find("://") != std::string::npos) {
        return location;
    }
    std::error_code error;
    const auto absolute = std::filesystem::absolute(location, error);
    return error ? location : absolute.lexically_normal().string();
}

// The run's bookkeeping, committed with the catalogue: source state, watermark, ledger.
void record_success(db::Connection& db, RunSession& session, const FullImportRequest& request,
                    const RunCounts& counts, const SourceValidators& served) {
    RunReport& report = session.report();
    session.ledger().record_source_success(db, report.source, served, report.run_id);
    if (request.limit == 0 && counts.max_last_modified > 0) {
        // Lines known by their fingerprint were not parsed: their products' last_modified_t,
        // applied by earlier runs, is in the watermark already, which only moves forward then.
        if (counts.known > 0) {
            session.ledger().advance_watermark(db, counts.max_last_modified);
        } else {
            session.ledger().set_watermark(db, counts.max_last_modified);
        }
    }
    if (request.limit == 0) {
        record_extra_columns_filled(db, session.schema());
    }
    report.status = RunStatus::succeeded;
    report.seconds = session.elapsed_seconds();
    session.ledger().record_in(db, report);
}

LoadPlan full_plan(const Config& config, const FullImportRequest& request, RunSession& session,
                   bool force) {
    LoadPlan plan;
    plan.location = request.source;
    plan.unless_unchanged =
        force ? SourceValidators{} : session.ledger().source_validators(session.report().source);
    plan.limit = request.limit;
    plan.delete_absent = request.limit == 0;
    plan.allow_shrink = request.allow_shrink;
    plan.skip_known_lines = request.limit == 0 && !request.verify;
    plan.min_products = min_products_for(config.min_products, request.limit);
    plan.show_progress = request.progress;
    plan.observer = request.observer;
    plan.before_commit = [&session, &request](db::Connection& db, const RunCounts& counts,
                                              const SourceValidators& served) {
        record_success(db, session, request, counts, served);
    };
    return plan;
}

// Loads the dump; a dump that changed on the server mid-read is read again from the start.
void load_with_restarts(const Config& config, const FullImportRequest& request,
                        const CancelFlag& cancel, RunSession& session) {
    for (int restart = 0;; ++restart) {
        try {
            load_and_merge(config, full_plan(config, request, session, request.force), cancel,
                           session);
            return;
        } catch (const SourceChanged& changed) {
            if (restart + 1 >= max_restarts) {
                throw;
            }
            spdlog::warn("{}; starting the run over", changed.what());
            session.report().counts = {};
        }
    }
}

} // namespace

namespace {

// The run itself, its session (and the import lock) ended when it returns.
RunReport import_full(const Config& config, const FullImportRequest& request,
                      const CancelFlag& cancel) {
    FullImportRequest canonical = request;
    canonical.source = canonical_source(request.source);
    RunSession session(config, RunMode::full, canonical.source, canonical.limit);
    if (canonical.on_run_started) {
        canonical.on_run_started(session.report().run_id);
    }
    try {
        load_with_restarts(config, canonical, cancel, session);
    } catch (const SourceUnchanged& unchanged) {
        session.finish(RunStatus::skipped, unchanged.what());
        return session.report();
    } catch (const std::exception& error) {
        session.finish(RunStatus::failed, error.what());
        throw;
    }
    session.report().seconds = session.elapsed_seconds();
    return session.report();
}

} // namespace

RunReport run_full_import(const Config& config, const FullImportRequest& request,
                          const CancelFlag& cancel) {
    if (request.dry_run) {
        return run_dry_run(config, request, cancel);
    }
    RunReport report = import_full(config, request, cancel);
    // With the import lock handed back: the command may read, or start another run.
    run_after_success(config, report, cancel);
    return report;
}

} // namespace offimport
