#pragma once

#include "db/connection.hpp"
#include "ledger/run_report.hpp"

#include <string>

namespace offimport {

// The NOTIFY payload of a committed run (docs/catalogue.md, "What changed"): one JSON object
// with the run's id, mode and the counts of the transaction that sends it, and whether its
// products are in the change feed (not after a first import, nor with keep_changes_runs = 0).
std::string run_notification(const RunReport& report, const RunCounts& committed,
                             bool in_change_feed);

// Sends the payload on `channel` inside the caller's transaction: PostgreSQL delivers it at
// COMMIT, and never if the transaction rolls back. An empty channel sends nothing.
void notify_listeners(db::Connection& transaction, const std::string& channel,
                      const std::string& payload);

} // namespace offimport
