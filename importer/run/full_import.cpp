#include "run/full_import.hpp"

#include "db/connection.hpp"
#include "db/locks.hpp"
#include "db/migration.hpp"
#include "load/merge.hpp"
#include "load/staging.hpp"
#include "run/block_parser.hpp"
#include "run/cancel_watcher.hpp"
#include "run/ledger.hpp"
#include "run/pipeline.hpp"
#include "run/progress.hpp"
#include "source/source.hpp"

#include <algorithm>
#include <chrono>
#include <spdlog/spdlog.h>
#include <thread>

namespace offimport {
namespace {

using Clock = std::chrono::steady_clock;

PipelineSettings pipeline_settings(const Config& config, bool dry_run) {
    PipelineSettings settings;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    settings.parse_threads =
        config.parse_threads > 0 ? static_cast<unsigned>(config.parse_threads) : cores;
    settings.max_line_bytes = config.max_line_bytes;
    settings.normalise.languages = config.languages;
    settings.collect_code_hashes = dry_run;
    return settings;
}

HttpSettings http_settings(const Config& config) {
    return {config.connect_timeout_seconds, config.low_speed_time_seconds,
            config.low_speed_limit_bytes};
}

// Keeps the first `limit` products of a block (a --full LIMIT run), dropping later lines.
void keep_first_rows(ParsedBlock& block, std::uint64_t keep) {
    std::size_t cut = 0;
    for (std::uint64_t row = 0; row < keep; ++row) {
        cut = block.rows.find('\n', cut) + 1;
    }
    const std::uint64_t last_line =
        std::stoull(block.rows.substr(block.rows.rfind('\n', cut - 2) + 1));
    block.rows.resize(cut);
    block.row_count = keep;
    std::erase_if(block.rejects, [&](const Reject& r) { return r.line_no > last_line; });
    block.rejected = block.rejects.size();
    block.lines = block.row_count + block.rejected;
}

// Gathers what the parsed blocks say, and passes their rows on.
class BlockTally {
public:
    explicit BlockTally(std::uint64_t limit) : limit_(limit) {}

    // False once the limit is reached: the reader may stop.
    bool add(ParsedBlock& block, RunCounts& counts) {
        if (limit_ > 0 && counts.staged + block.row_count >= limit_) {
            keep_first_rows(block, limit_ - counts.staged);
        }
        counts.staged += block.row_count;
        counts.lines += block.lines;
        counts.rejected += block.rejected;
        counts.max_last_modified = std::max(counts.max_last_modified, block.max_last_modified);
        for (auto& reject : block.rejects) {
            if (rejects.size() < max_rejects_kept) {
                rejects.push_back(std::move(reject));
            }
        }
        code_hashes.insert(code_hashes.end(), block.code_hashes.begin(), block.code_hashes.end());
        return limit_ == 0 || counts.staged < limit_;
    }

    std::vector<Reject> rejects;
    std::vector<std::uint64_t> code_hashes;

private:
    std::uint64_t limit_;
};

void check_reject_ratio(const RunCounts& counts, double max_ratio, std::int64_t run_id,
                        const std::string& schema) {
    if (counts.lines == 0) {
        return;
    }
    const double ratio = static_cast<double>(counts.rejected) / static_cast<double>(counts.lines);
    if (ratio > max_ratio) {
        throw std::runtime_error(
            std::to_string(counts.rejected) + " of " + std::to_string(counts.lines) +
            " lines rejected (" + std::to_string(ratio * 100).substr(0, 5) +
            "%), more than import.max_reject_ratio " + std::to_string(max_ratio) +
            "; nothing was changed. See: SELECT line_no, reason, excerpt FROM " + schema +
            ".rejects WHERE run_id = " + std::to_string(run_id));
    }
}

std::uint64_t count_duplicates(std::vector<std::uint64_t>& hashes) {
    std::sort(hashes.begin(), hashes.end());
    const auto distinct = std::unique(hashes.begin(), hashes.end()) - hashes.begin();
    return hashes.size() - static_cast<std::uint64_t>(distinct);
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

RunReport dry_run(const Config& config, const FullImportRequest& request,
                  const CancelFlag& cancel) {
    const auto started = Clock::now();
    RunReport report{0, "full", request.source, "succeeded", {}, {}, 0, 0, true};
    auto source = open_source(request.source, http_settings(config));
    SourceProgress progress;
    ProgressLine progress_line(request.progress, progress);
    BlockTally tally(request.limit);
    run_pipeline(*source, pipeline_settings(config, true), progress, cancel,
                 [&](ParsedBlock& block) {
                     const bool more = tally.add(block, report.counts);
                     progress_line.update(report.counts.staged);
                     return more;
                 });
    progress_line.clear();
    report.counts.source_bytes = progress.bytes_read;
    report.counts.json_bytes = progress.json_bytes;
    report.counts.duplicates = count_duplicates(tally.code_hashes);
    for (const auto& reject : tally.rejects) {
        spdlog::info("line {} rejected: {}", reject.line_no, reject.reason);
    }
    report.seconds = seconds_since(started);
    return report;
}

void take_import_lock(db::Connection& control, Ledger& ledger, const std::string& schema) {
    const auto locked =
        control.exec("SELECT pg_try_advisory_lock($1, hashtext($2))",
                     {std::to_string(db::import_lock_class), schema}, "taking the import lock");
    if (locked.get(0, 0) != "t") {
        throw TryLaterError(ledger.describe_running());
    }
}

void record_source_state(db::Connection& db, const std::string& schema, const RunReport& report) {
    db.exec("INSERT INTO " + schema +
                ".source_state AS s (source, watermark, last_success_run, last_success_at) "
                "VALUES ($1, $2, $3, now()) ON CONFLICT (source) DO UPDATE SET "
                "watermark = excluded.watermark, last_success_run = excluded.last_success_run, "
                "last_success_at = excluded.last_success_at, updated_at = now()",
            {report.source,
             report.counts.max_last_modified > 0
                 ? std::optional<std::string>(std::to_string(report.counts.max_last_modified))
                 : std::nullopt,
             std::to_string(report.run_id)},
            "recording the source state");
}

// Everything that happens inside the run's transaction.
void load_and_merge(const Config& config, const FullImportRequest& request,
                    const CancelFlag& cancel, Ledger& ledger, const std::string& schema,
                    RunReport& report) {
    db::Connection data(config.conninfo, "offimport load");
    CancelWatcher watcher(cancel, data);
    auto source = open_source(request.source, http_settings(config));
    data.exec("BEGIN", "starting the run's transaction");
    Staging staging(data);
    SourceProgress local_progress;
    SourceProgress& progress = request.observer ? *request.observer : local_progress;
    ProgressLine progress_line(request.progress, progress);
    BlockTally tally(request.limit);
    run_pipeline(*source, pipeline_settings(config, false), progress, cancel,
                 [&](ParsedBlock& block) {
                     const bool more = tally.add(block, report.counts);
                     staging.send(block.rows, block.row_count);
                     progress_line.update(report.counts.staged);
                     return more;
                 });
    staging.finish();
    report.counts.source_bytes = progress.bytes_read;
    report.counts.json_bytes = progress.json_bytes;
    ledger.record_rejects(report.run_id, tally.rejects);
    check_reject_ratio(report.counts, config.max_reject_ratio, report.run_id, schema);

    progress_line.step("merging into the catalogue");
    const MergeSettings merge_settings{schema, request.limit == 0, config.max_delete_ratio,
                                       request.allow_shrink};
    const MergeCounts merged = merge_staging(data, merge_settings);
    progress_line.clear();
    report.counts.inserted = merged.inserted;
    report.counts.updated = merged.updated;
    report.counts.unchanged = merged.unchanged;
    report.counts.deleted = merged.deleted;
    report.counts.duplicates = merged.duplicates;
    report.catalogue = merged.catalogue;
    if (request.limit == 0) {
        record_source_state(data, schema, report);
    }
    report.status = "succeeded";
    ledger.succeed_in(data, report);
    cancel.throw_if_requested();
    data.exec("COMMIT", "committing the run");
}

} // namespace

RunReport run_full_import(const Config& config, const FullImportRequest& request,
                          const CancelFlag& cancel) {
    if (request.dry_run) {
        return dry_run(config, request, cancel);
    }
    const auto started = Clock::now();
    db::Connection control(config.conninfo, "offimport control");
    db::migrate(control, config.schema);
    const std::string schema = control.quote_identifier(config.schema);
    Ledger ledger(control, schema);
    take_import_lock(control, ledger, config.schema);
    ledger.mark_abandoned();

    RunReport report{0, "full", request.source, "running", {}, {}, 0, 0, false};
    report.run_id = ledger.start("full", request.source, request.limit);
    try {
        load_and_merge(config, request, cancel, ledger, schema, report);
    } catch (const std::exception& error) {
        report.status = "failed";
        report.error = error.what();
        report.seconds = seconds_since(started);
        try {
            ledger.finish(report);
        } catch (const std::exception& ledger_error) {
            spdlog::warn("could not record the failed run {}: {}", report.run_id,
                         ledger_error.what());
        }
        throw;
    }
    report.seconds = seconds_since(started);
    return report;
}

} // namespace offimport
