#include "import/staged_load.hpp"

#include "base/number_text.hpp"
#include "base/usable_cores.hpp"
#include "db/sql_template.hpp"
#include "fill/first_import.hpp"
#include "fill/staged_fill.hpp"
#include "import/cancel_watcher.hpp"
#include "import/run_guards.hpp"
#include "import/run_notification.hpp"
#include "load/catalogue_size.hpp"
#include "load/category_figures.hpp"
#include "load/change_feed.hpp"
#include "load/extra_column_choice.hpp"
#include "load/gin_pending_lists.hpp"
#include "load/merge.hpp"
#include "load/search_columns.hpp"
#include "load/search_vocabulary.hpp"
#include "normalise/mapping_key.hpp"
#include "pipeline/block_parser.hpp"
#include "pipeline/block_tally.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"
#include "sightings/line_fingerprints.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <spdlog/spdlog.h>

namespace offimport {
namespace {

void add_merge_counts(RunCounts& counts, const MergeCounts& merged) {
    counts.inserted += merged.inserted;
    counts.updated += merged.updated;
    counts.unchanged += merged.unchanged;
    counts.deleted += merged.deleted;
    counts.duplicates += merged.duplicates;
}

// The catalogue's known lines, when this run may skip them: loaded inside the run's
// transaction, so they are those of the products it merges into.
std::optional<KnownLines> known_lines(db::Connection& data, const Config& config,
                                      const std::string& schema, const std::string& mapping,
                                      std::uint64_t present_products) {
    const std::string distrust =
        fingerprint_distrust(data, schema, mapping, config.verify_every_days, present_products);
    if (!distrust.empty()) {
        spdlog::info("comparing every product with the catalogue: {}", distrust);
        return std::nullopt;
    }
    std::optional<KnownLines> known(std::in_place, read_fingerprints(data, schema));
    spdlog::info("{} products known by the fingerprint of their line ({} MiB): their lines, if "
                 "unchanged, are not parsed",
                 grouped(known->size()),
                 fixed(static_cast<double>(known->memory_bytes()) / (1 << 20), 1));
    return known;
}

// Into an empty catalogue, the products are copied straight in (FirstImport); otherwise they
// are staged, and merged (StagedFill).
std::unique_ptr<CatalogueFill> choose_fill(db::Connection& data, const Config& config,
                                           RunSession& session, const ProductCensus& census,
                                           const ProductColumnSet& columns,
                                           FingerprintUpdate fingerprints) {
    if (census.rows == 0) {
        return std::make_unique<FirstImport>(data, config.schema, session.schema(), columns,
                                             fingerprints);
    }
    return std::make_unique<StagedFill>(data, columns);
}

// What the application reads beside the products, brought in step with a catalogue that changed:
// the category figures for substitutes, the search words, the GIN indexes' pending lists.
void keep_up_after_changes(db::Connection& data, const std::string& schema, bool search,
                           const CatalogueFill& fill, ProgressLine& progress_line) {
    progress_line.step("counting the categories for substitutes");
    refresh_category_figures(data, schema);
    if (search) {
        progress_line.step("adding new words to the search vocabulary");
        add_search_words(data, schema, fill.new_words());
    }
    merge_gin_pending_lists(data, schema);
}

} // namespace

PipelineSettings pipeline_settings(const Config& config) {
    PipelineSettings settings;
    const unsigned cores = usable_cores();
    settings.parse_threads =
        config.parse_threads > 0 ? static_cast<unsigned>(config.parse_threads) : cores;
    settings.max_line_bytes = config.max_line_bytes;
    settings.normalise.languages = config.languages;
    settings.normalise.extra_columns = config.extra_columns;
    return settings;
}

void load_and_merge(const Config& config, const LoadPlan& plan, const CancelFlag& cancel,
                    RunSession& session) {
    const auto columns =
        choose_extra_columns(session.control(), session.schema(), config.extra_columns);
    choose_search(session.control(), session.schema(), config.search);
    // A column chosen since the last whole import is filled from the dump even if the dump
    // did not change.
    SourceValidators unless_unchanged = plan.unless_unchanged;
    if (!columns.unfilled.empty()) {
        unless_unchanged = {};
    }
    db::Connection data(config.conninfo, "offimport load");
    CancelWatcher watcher(cancel, data);
    auto source = open_source(plan.location, http_settings(config), unless_unchanged);
    data.exec("BEGIN", "starting the run's transaction");
    // Counted once, for the fingerprints' check and the merge's guards.
    const ProductCensus census = count_products(data, session.schema());
    const ProductColumnSet run_columns(config.extra_columns);
    PipelineSettings settings = pipeline_settings(config);
    const std::string mapping = mapping_key(settings.normalise);
    std::optional<KnownLines> known;
    // An empty catalogue knows no line. Read before the fill starts its COPY.
    if (plan.skip_known_lines && census.rows > 0) {
        known = known_lines(data, config, session.schema(), mapping, census.present);
    }
    settings.extras.known = known ? &*known : nullptr;
    const auto fill = choose_fill(data, config, session, census, run_columns, plan.fingerprints);
    settings.extras.rows = fill->rows_wanted();
    SourceProgress local_progress;
    SourceProgress& progress = plan.observer ? *plan.observer : local_progress;
    ProgressLine progress_line(plan.show_progress, progress);
    RunCounts counts; // of this source
    BlockTally tally(plan.limit);
    run_pipeline(*source, settings, progress, cancel, [&](ParsedBlock& block) {
        const bool more = tally.add(block, counts);
        fill->send(block);
        progress_line.update(counts.staged);
        return more;
    });
    fill->finish();
    counts.source_bytes = progress.bytes_read;
    counts.json_bytes = progress.json_bytes;
    RunReport& report = session.report();
    session.ledger().record_rejects(report.run_id, tally.rejects);
    check_reject_ratio(counts, config.max_reject_ratio,
                       session.ledger().rejects_query(report.run_id));
    check_min_products(counts, plan.min_products, census.present, plan.limit > 0);

    progress_line.step("merging into the catalogue");
    const MergeSettings merge_settings{session.schema(),
                                       config.schema,
                                       plan.delete_absent,
                                       config.max_delete_ratio,
                                       plan.allow_shrink,
                                       config.removed_products == RemovedProducts::mark,
                                       run_columns,
                                       settings.extras.known,
                                       plan.fingerprints,
                                       census,
                                       ChangeFeed{report.run_id, config.keep_changes_runs > 0}};
    const MergeCounts merged = fill->merge(merge_settings, counts);
    if (merged.inserted + merged.updated + merged.deleted > 0) {
        keep_up_after_changes(data, session.schema(), config.search, *fill, progress_line);
    }
    prune_change_feed(data, session.schema(), report.run_id, config.keep_changes_runs);
    progress_line.clear();
    add_merge_counts(counts, merged);
    report.counts.add(counts);
    report.catalogue = merged.catalogue;
    // A whole dump compared product by product: its fingerprints stand for this mapping.
    if (plan.delete_absent && !known) {
        record_full_comparison(data, session.schema(), mapping);
    } else {
        forget_if_other_mapping(data, session.schema(), mapping);
    }
    if (plan.before_commit) {
        plan.before_commit(data, counts, source->validators());
    }
    cancel.throw_if_requested();
    // Delivered by the COMMIT: a listener hears of the run once its catalogue is visible.
    notify_listeners(
        data, config.notify_channel,
        run_notification(report, counts, census.rows > 0 && config.keep_changes_runs > 0));
    data.exec("COMMIT", "committing the run");
}

} // namespace offimport
