#include "import/delta_import.hpp"

#include "import/after_success.hpp"
#include "import/delta_files.hpp"
#include "import/run_session.hpp"
#include "import/staged_load.hpp"
#include "source/http_source.hpp"

#include <spdlog/spdlog.h>

namespace offimport {
namespace {

std::string with_slash(std::string url) {
    if (!url.empty() && url.back() != '/') {
        url += '/';
    }
    return url;
}

// The file's changes and the new watermark commit together; the ledger row follows along.
LoadPlan delta_plan(const std::string& base, const DeltaFile& file, RunSession& session) {
    LoadPlan plan;
    plan.location = base + file.name;
    plan.fingerprints = FingerprintUpdate::clear;
    plan.before_commit = [&session, to = file.to](db::Connection& db, const RunCounts&,
                                                  const SourceValidators&) {
        session.ledger().advance_watermark(db, to);
        session.ledger().record_in(db, session.report()); // counts so far, status running
    };
    return plan;
}

std::vector<DeltaFile> pending_files(const Config& config, RunSession& session,
                                     const std::string& base) {
    const auto watermark = session.ledger().watermark();
    if (!watermark) {
        throw std::runtime_error("the catalogue has no watermark yet: run offimport --full 0 "
                                 "before --delta");
    }
    const std::string index = fetch_text(base + "index.txt", http_settings(config));
    return deltas_after(parse_delta_index(index), *watermark);
}

// The run itself, its session (and the import lock) ended when it returns.
RunReport apply_deltas(const Config& config, const CancelFlag& cancel,
                       const std::function<void(std::int64_t)>& on_run_started) {
    const std::string base = with_slash(config.delta_base_url);
    RunSession session(config, RunMode::delta, base, 0);
    if (on_run_started) {
        on_run_started(session.report().run_id);
    }
    try {
        const auto files = pending_files(config, session, base);
        if (files.empty()) {
            session.finish(RunStatus::skipped, "no delta file newer than the watermark");
            return session.report();
        }
        for (const auto& file : files) {
            spdlog::info("applying {}", file.name);
            session.report().status = RunStatus::running;
            load_and_merge(config, delta_plan(base, file, session), cancel, session);
        }
    } catch (const std::exception& error) {
        session.finish(RunStatus::failed, error.what());
        throw;
    }
    session.finish(RunStatus::succeeded, "");
    return session.report();
}

} // namespace

RunReport run_delta_import(const Config& config, const CancelFlag& cancel,
                           const std::function<void(std::int64_t)>& on_run_started) {
    RunReport report = apply_deltas(config, cancel, on_run_started);
    run_after_success(config, report, cancel); // with the import lock handed back
    return report;
}

} // namespace offimport
