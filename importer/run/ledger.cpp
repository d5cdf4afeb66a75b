#include "run/ledger.hpp"

#include "base/host_name.hpp"

#include <unistd.h>

namespace offimport {
namespace {

constexpr const char* finish_columns =
    "finished_at = clock_timestamp(), status = $2, lines = $3, source_bytes = $4, inserted = $5, "
    "updated = $6, unchanged = $7, deleted = $8, rejected = $9, duplicates = $10, error = $11";

} // namespace

bool counts_as_success(const RunReport& report) {
    return (report.status == "succeeded" || report.status == "skipped") &&
           report.product_limit == 0;
}

void Ledger::mark_abandoned() {
    db_.exec(
        "UPDATE " + schema_ +
            ".runs SET status = 'abandoned', finished_at = now(), error = coalesce(error, "
            "'the process ended before the run finished (killed, crashed, or it lost its database "
            "connection and could not record its failure)') "
            "WHERE status = 'running'",
        "ledger: closing abandoned runs");
}

std::int64_t Ledger::start(const std::string& mode, const std::string& source,
                           std::uint64_t limit) {
    return db_
        .exec("INSERT INTO " + schema_ +
                  ".runs (mode, source, product_limit, host, pid) VALUES ($1, $2, $3, $4, $5) "
                  "RETURNING id",
              {mode, source, std::to_string(limit), host_name(), std::to_string(::getpid())},
              "ledger: recording the run")
        .get_int(0, 0);
}

void Ledger::record_rejects(std::int64_t run_id, const std::vector<Reject>& rejects) {
    // One statement through arrays: at most 1,000 rows, no round trip per reject.
    std::string lines = "{", codes = "{", reasons = "{", excerpts = "{";
    auto element = [](std::string& array, const std::optional<std::string>& value) {
        array += array.size() > 1 ? "," : "";
        if (!value) {
            array += "NULL";
            return;
        }
        array += '"';
        for (const char c : *value) {
            if (c == '"' || c == '\\') {
                array += '\\';
            }
            array += c;
        }
        array += '"';
    };
    for (const auto& reject : rejects) {
        element(lines, std::to_string(reject.line_no));
        element(codes, reject.code);
        element(reasons, reject.reason);
        element(excerpts, reject.excerpt);
    }
    if (rejects.empty()) {
        return;
    }
    db_.exec("INSERT INTO " + schema_ +
                 ".rejects (run_id, line_no, code, reason, excerpt) "
                 "SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) "
                 "ON CONFLICT DO NOTHING",
             {std::to_string(run_id), lines + "}", codes + "}", reasons + "}", excerpts + "}"},
             "ledger: recording rejected lines");
}

db::Params Ledger::counts_params(const RunReport& r) const {
    const auto& c = r.counts;
    return {std::to_string(r.run_id),
            r.status,
            std::to_string(c.lines),
            std::to_string(c.source_bytes),
            std::to_string(c.inserted),
            std::to_string(c.updated),
            std::to_string(c.unchanged),
            std::to_string(c.deleted),
            std::to_string(c.rejected),
            std::to_string(c.duplicates),
            r.error.empty() ? std::nullopt : std::optional<std::string>(r.error)};
}

void Ledger::finish(const RunReport& report) {
    record_in(db_, report);
}

void Ledger::record_in(db::Connection& transaction, const RunReport& report) {
    transaction.exec("UPDATE " + schema_ + ".runs SET " + finish_columns + " WHERE id = $1",
                     counts_params(report), "ledger: recording the result");
}

std::string Ledger::describe_running() {
    if (!db::table_exists(db_, schema_ + ".runs")) {
        return "another import holds the lock (it is creating the schema)";
    }
    const auto rows =
        db_.exec("SELECT id, mode, source, to_char(started_at, "
                 "'YYYY-MM-DD HH24:MI:SS TZ'), host, pid FROM " +
                     schema_ + ".runs WHERE status = 'running' ORDER BY id DESC LIMIT 1",
                 "ledger: finding the running import");
    if (rows.rows() == 0) {
        return "another import holds the lock (it is starting up)";
    }
    return "another import is running: run " + std::string(rows.get(0, 0)) + " (" +
           std::string(rows.get(0, 1)) + " from " + std::string(rows.get(0, 2)) + ", started " +
           std::string(rows.get(0, 3)) + " by pid " + std::string(rows.get(0, 5)) + " on " +
           std::string(rows.get(0, 4)) + ")";
}

} // namespace offimport
