#pragma once

#include "db/connection.hpp"
#include "run/parsed_block.hpp"
#include "run/run_report.hpp"

#include <string>
#include <vector>

namespace offimport {

// "Last success", as the staleness alert means it: a run of the whole source (no --full LIMIT)
// that succeeded or found the source unchanged. The one definition for --status, the metrics
// file, offimportd's metrics and /status: as SQL over <schema>.runs, and for a run's report.
constexpr const char* last_success_condition =
    "status IN ('succeeded', 'skipped') AND product_limit = 0";
bool counts_as_success(const RunReport& report);

// The run ledger (<schema>.runs) and the rejects of each run, written on the control
// connection in autocommit so that failed runs stay recorded.
class Ledger {
public:
    Ledger(db::Connection& connection, std::string quoted_schema)
        : db_(connection), schema_(std::move(quoted_schema)) {}

    // Runs still marked running while we hold the import lock died (killed, machine lost).
    void mark_abandoned();
    std::int64_t start(const std::string& mode, const std::string& source, std::uint64_t limit);
    void record_rejects(std::int64_t run_id, const std::vector<Reject>& rejects);
    void finish(const RunReport& report); // failed or skipped runs; success commits with the merge
    // Records the report's status and counts through `transaction`, so that they commit (or
    // roll back) together with the catalogue changes they describe.
    void record_in(db::Connection& transaction, const RunReport& report);
    // Says who holds the import lock, for the "try again later" message.
    std::string describe_running();

private:
    db::Params counts_params(const RunReport& report) const;

    db::Connection& db_;
    std::string schema_;
};

} // namespace offimport
