#pragma once

#include "db/connection.hpp"
#include "ledger/reject.hpp"
#include "ledger/run_report.hpp"
#include "source/source.hpp"

#include <optional>
#include <string>
#include <vector>

namespace offimport {

// A run that never reached the database (it could not connect): offimportd keeps it and
// records it as failed once the database answers again. Times in Unix seconds.
struct UnreachedRun {
    RunMode mode = RunMode::full;
    std::string source;
    double started = 0;
    double finished = 0;
    std::string error;
};

// Every statement that writes the bookkeeping tables (<schema>.runs, rejects, source_state,
// catalogue_state), and what a run reads of them. Statements on `connection` run in
// autocommit, so that failed runs stay recorded; those taking a `transaction` commit (or roll
// back) with the catalogue changes they describe. Reports: ledger/ledger_reads.hpp.
class Ledger {
public:
    Ledger(db::Connection& connection, std::string quoted_schema)
        : db_(connection), schema_(std::move(quoted_schema)) {}

    // Runs still marked running while we hold the import lock died (killed, machine lost).
    // Returns how many.
    std::uint64_t mark_abandoned();
    std::int64_t start(RunMode mode, const std::string& source, std::uint64_t limit);
    void record_rejects(std::int64_t run_id, const std::vector<Reject>& rejects);
    // The query that lists a run's rejects, for messages.
    std::string rejects_query(std::int64_t run_id) const;
    void finish(const RunReport& report); // failed or skipped runs; success commits with the merge
    void record_in(db::Connection& transaction, const RunReport& report);
    void record_unreached(const UnreachedRun& run);

    // What the source served at the last success of run `run_id`: compared next time.
    void record_source_success(db::Connection& transaction, const std::string& source,
                               const SourceValidators& served, std::int64_t run_id);
    SourceValidators source_validators(const std::string& source);

    // The newest last_modified_t applied: a full import sets it, a delta only moves it on.
    void set_watermark(db::Connection& transaction, std::int64_t watermark);
    void advance_watermark(db::Connection& transaction, std::int64_t watermark);
    std::optional<std::int64_t> watermark();

    // Says who holds the import lock, for the "try again later" message.
    std::string describe_running();

private:
    db::Params counts_params(const RunReport& report) const;

    db::Connection& db_;
    std::string schema_;
};

} // namespace offimport
