#include "import/dry_run.hpp"

#include "base/number_text.hpp"
#include "db/connection.hpp"
#include "import/run_guards.hpp"
#include "import/run_session.hpp"
#include "import/staged_load.hpp"
#include "load/catalogue_size.hpp"
#include "load/dump_codes.hpp"
#include "load/removal_guards.hpp"
#include "pipeline/block_tally.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"
#include "sightings/code_sightings.hpp"

#include <chrono>
#include <optional>
#include <spdlog/spdlog.h>
#include <stdexcept>

namespace offimport {
namespace {

// The catalogue as the dry run sees it: a read of it inside a transaction that is rolled back,
// or why it could not be read.
struct CatalogueView {
    std::optional<db::Connection> db;
    std::string schema;   // quoted
    ProductCensus census; // empty when the tables do not exist yet
    std::optional<DumpCodes> codes;
    std::string unavailable; // why the catalogue could not be read
};

void open_catalogue(const Config& config, bool list_codes, CatalogueView& view) {
    try {
        view.db.emplace(config.conninfo, "offimport dry run");
        view.schema = view.db->quote_identifier(config.schema);
        view.db->exec("BEGIN", "dry run: starting a transaction to roll back");
        if (!db::table_exists(*view.db, view.schema + ".products")) {
            return; // never migrated: an empty catalogue
        }
        view.census = count_products(*view.db, view.schema);
        if (list_codes && view.census.rows > 0) {
            view.codes.emplace(*view.db, view.schema);
        }
    } catch (const db::DbError& error) {
        view.unavailable = error.what();
        view.codes.reset();
        view.db.reset();
    }
}

// The guards that need the catalogue, with what they found: "it would remove N of M products".
std::string check_against_catalogue(const Config& config, const FullImportRequest& request,
                                    const RunCounts& counts, CatalogueView& view) {
    check_min_products(counts, min_products_for(config.min_products, request.limit),
                       view.census.present, request.limit > 0);
    if (!view.codes) {
        return request.limit > 0 ? "a limited import removes nothing"
                                 : "the catalogue is empty: it would remove nothing";
    }
    const bool mark = config.removed_products == RemovedProducts::mark;
    const std::uint64_t absent =
        view.codes->list_absent(!mark && view.census.rows > view.census.present);
    check_removals(*view.db, {view.schema, config.max_delete_ratio, request.allow_shrink, mark},
                   view.census.present, absent);
    return "it would " + std::string(mark ? "mark " : "delete ") + grouped(absent) + " of the " +
           grouped(view.census.present) + " products of the catalogue as gone from the dump";
}

} // namespace

RunReport run_dry_run(const Config& config, const FullImportRequest& request,
                      const CancelFlag& cancel) {
    const auto started = std::chrono::steady_clock::now();
    RunReport report;
    report.mode = RunMode::full;
    report.source = request.source;
    report.status = RunStatus::succeeded;
    report.dry_run = true;
    CatalogueView view;
    open_catalogue(config, request.limit == 0, view);
    auto source = open_source(request.source, http_settings(config));
    SourceProgress progress;
    ProgressLine progress_line(request.progress, progress);
    BlockTally tally(request.limit);
    CodeSightings codes;
    run_pipeline(*source, pipeline_settings(config), progress, cancel, [&](ParsedBlock& block) {
        const bool more = tally.add(block, report.counts);
        codes.add(block.code_hashes);
        if (view.codes) {
            view.codes->send(block.rows);
        }
        progress_line.update(report.counts.staged);
        return more;
    });
    progress_line.clear();
    report.counts.source_bytes = progress.bytes_read;
    report.counts.json_bytes = progress.json_bytes;
    report.counts.duplicates = codes.repeats();
    // A broken dump rejects millions of lines: the summary counts them, -v lists each one.
    for (const auto& reject : tally.rejects) {
        spdlog::debug("line {} rejected: {}", reject.line_no, reject.reason);
    }
    try {
        check_reject_ratio(report.counts, config.max_reject_ratio,
                           "offimport --full --dry-run -v lists each rejected line");
        if (view.db) {
            report.dry_run_notes = check_against_catalogue(config, request, report.counts, view);
        } else {
            // Without the catalogue, only what the dump alone tells: no valid product at all.
            check_min_products(report.counts, min_products_for(config.min_products, request.limit),
                               0, request.limit > 0);
            report.dry_run_notes =
                "not checked, the database did not answer (" + view.unavailable +
                "): the catalogue's size against import.min_products, the shrink guard "
                "(import.max_delete_ratio) and the application tables' foreign keys";
        }
    } catch (const db::DbError&) {
        throw;
    } catch (const std::exception& error) {
        throw std::runtime_error(std::string("the import would fail: ") + error.what());
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

} // namespace offimport
