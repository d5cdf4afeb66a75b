#pragma once

#include "ledger/run_report.hpp"

namespace offimport {

// "Last success", as the staleness alert means it: a run of the whole source (no --full LIMIT)
// that succeeded or found the source unchanged (the catalogue is then as fresh as the source).
// The one definition for --status, the metrics file, offimportd's metrics and /status: for a
// run's report here, and as SQL over <schema>.runs in ledger_sql.cpp ({last_success}).
// test/db/ledger_test.cpp holds the two together.
inline bool counts_as_success(const RunReport& report) {
    return (report.status == RunStatus::succeeded || report.status == RunStatus::skipped) &&
           report.product_limit == 0 && !report.dry_run;
}

} // namespace offimport
