#include "ledger/ledger.hpp"

#include "base/host_name.hpp"
#include "db/pg_array.hpp"
#include "ledger/ledger_sql.hpp"

#include <unistd.h>

namespace offimport {
namespace {

constexpr const char* close_abandoned_runs = R"(
UPDATE {schema}.runs
   SET status = {abandoned}, finished_at = now(),
       error = coalesce(error, 'the process ended before the run finished (killed, crashed, or it '
                               'lost its database connection and could not record its failure)')
 WHERE status = {running})";

constexpr const char* insert_run = R"(
INSERT INTO {schema}.runs (mode, source, product_limit, host, pid)
VALUES ($1, $2, $3, $4, $5)
RETURNING id)";

// One statement through arrays: at most 1,000 rows, no round trip per reject.
constexpr const char* insert_rejects = R"(
INSERT INTO {schema}.rejects (run_id, line_no, code, reason, excerpt)
SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])
    ON CONFLICT DO NOTHING)";

constexpr const char* record_outcome = R"(
UPDATE {schema}.runs
   SET finished_at = clock_timestamp(), status = $2, lines = $3, source_bytes = $4,
       inserted = $5, updated = $6, unchanged = $7, deleted = $8, rejected = $9,
       duplicates = $10, error = $11
 WHERE id = $1)";

constexpr const char* insert_unreached_run = R"(
INSERT INTO {schema}.runs (mode, source, started_at, finished_at, status, error, host, pid)
VALUES ($1, $2, to_timestamp($3), to_timestamp($4), {failed}, $5, $6, $7))";

constexpr const char* upsert_source_state = R"(
INSERT INTO {schema}.source_state AS s
       (source, etag, last_modified, last_success_run, last_success_at)
VALUES ($1, $2, $3, $4, clock_timestamp())
    ON CONFLICT (source) DO UPDATE
   SET etag = excluded.etag, last_modified = excluded.last_modified,
       last_success_run = excluded.last_success_run,
       last_success_at = excluded.last_success_at, updated_at = now())";

constexpr const char* select_source_state = R"(
SELECT coalesce(etag, ''), coalesce(last_modified, '')
  FROM {schema}.source_state
 WHERE source = $1)";

constexpr const char* replace_watermark = R"(
INSERT INTO {schema}.catalogue_state (watermark) VALUES ($1)
    ON CONFLICT (singleton) DO UPDATE SET watermark = excluded.watermark, updated_at = now())";

constexpr const char* raise_watermark = R"(
INSERT INTO {schema}.catalogue_state (watermark) VALUES ($1)
    ON CONFLICT (singleton) DO UPDATE
   SET watermark = greatest(catalogue_state.watermark, excluded.watermark), updated_at = now())";

constexpr const char* select_watermark = "SELECT watermark FROM {schema}.catalogue_state";

constexpr const char* select_running_run = R"(
SELECT id, mode, source, to_char(started_at AT TIME ZONE 'UTC', {time_format}), host, pid
  FROM {schema}.runs
 WHERE status = {running}
 ORDER BY id DESC
 LIMIT 1)";

std::optional<std::string> unless_empty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

} // namespace

std::uint64_t Ledger::mark_abandoned() {
    return static_cast<std::uint64_t>(
        db_.exec(ledger_sql(close_abandoned_runs, schema_), "ledger: closing abandoned runs")
            .affected_rows());
}

std::int64_t Ledger::start(RunMode mode, const std::string& source, std::uint64_t limit) {
    return db_
        .exec(ledger_sql(insert_run, schema_),
              {std::string(to_string(mode)), source, std::to_string(limit), host_name(),
               std::to_string(::getpid())},
              "ledger: recording the run")
        .get_int(0, 0);
}

void Ledger::record_rejects(std::int64_t run_id, const std::vector<Reject>& rejects) {
    if (rejects.empty()) {
        return;
    }
    db::PgArray lines, codes, reasons, excerpts;
    for (const auto& reject : rejects) {
        lines.add(std::to_string(reject.line_no));
        codes.add(reject.code);
        reasons.add(reject.reason);
        excerpts.add(reject.excerpt);
    }
    db_.exec(ledger_sql(insert_rejects, schema_),
             {std::to_string(run_id), lines.text(), codes.text(), reasons.text(), excerpts.text()},
             "ledger: recording rejected lines");
}

std::string Ledger::rejects_query(std::int64_t run_id) const {
    return "SELECT line_no, reason, excerpt FROM " + schema_ +
           ".rejects WHERE run_id = " + std::to_string(run_id);
}

db::Params Ledger::counts_params(const RunReport& r) const {
    const auto& c = r.counts;
    return {std::to_string(r.run_id),    std::string(to_string(r.status)),
            std::to_string(c.lines),     std::to_string(c.source_bytes),
            std::to_string(c.inserted),  std::to_string(c.updated),
            std::to_string(c.unchanged), std::to_string(c.deleted),
            std::to_string(c.rejected),  std::to_string(c.duplicates),
            unless_empty(r.error)};
}

void Ledger::finish(const RunReport& report) {
    record_in(db_, report);
}

void Ledger::record_in(db::Connection& transaction, const RunReport& report) {
    transaction.exec(ledger_sql(record_outcome, schema_), counts_params(report),
                     "ledger: recording the result");
}

void Ledger::record_unreached(const UnreachedRun& run) {
    db_.exec(ledger_sql(insert_unreached_run, schema_),
             {std::string(to_string(run.mode)), run.source, std::to_string(run.started),
              std::to_string(run.finished), run.error, host_name(), std::to_string(::getpid())},
             "recording a run that failed while the database was unreachable");
}

void Ledger::record_source_success(db::Connection& transaction, const std::string& source,
                                   const SourceValidators& served, std::int64_t run_id) {
    transaction.exec(ledger_sql(upsert_source_state, schema_),
                     {source, unless_empty(served.etag), unless_empty(served.last_modified),
                      std::to_string(run_id)},
                     "recording the source state");
}

SourceValidators Ledger::source_validators(const std::string& source) {
    const auto rows =
        db_.exec(ledger_sql(select_source_state, schema_), {source}, "reading the source state");
    if (rows.rows() == 0) {
        return {};
    }
    return {std::string(rows.get(0, 0)), std::string(rows.get(0, 1))};
}

void Ledger::set_watermark(db::Connection& transaction, std::int64_t watermark) {
    transaction.exec(ledger_sql(replace_watermark, schema_), {std::to_string(watermark)},
                     "recording the watermark");
}

void Ledger::advance_watermark(db::Connection& transaction, std::int64_t watermark) {
    transaction.exec(ledger_sql(raise_watermark, schema_), {std::to_string(watermark)},
                     "advancing the watermark");
}

std::optional<std::int64_t> Ledger::watermark() {
    const auto rows = db_.exec(ledger_sql(select_watermark, schema_), "reading the watermark");
    if (rows.rows() == 0 || rows.is_null(0, 0)) {
        return std::nullopt;
    }
    return rows.get_int(0, 0);
}

std::string Ledger::describe_running() {
    if (!db::table_exists(db_, schema_ + ".runs")) {
        return "another import holds the lock (it is creating the schema)";
    }
    const auto rows =
        db_.exec(ledger_sql(select_running_run, schema_), "ledger: finding the running import");
    if (rows.rows() == 0) {
        return "another import holds the lock (it is starting up)";
    }
    return "another import is running: run " + std::string(rows.get(0, 0)) + " (" +
           std::string(rows.get(0, 1)) + " from " + std::string(rows.get(0, 2)) + ", started " +
           std::string(rows.get(0, 3)) + " by pid " + std::string(rows.get(0, 5)) + " on " +
           std::string(rows.get(0, 4)) + ")";
}

} // namespace offimport
