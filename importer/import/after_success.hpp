#pragma once

#include "base/bounded_command.hpp"
#include "base/cancel.hpp"
#include "config/config.hpp"
#include "ledger/run_report.hpp"

namespace offimport {

// import.after_success as a command: /bin/sh runs it with the run in its environment
// (OFFIMPORT_RUN_ID, OFFIMPORT_MODE, OFFIMPORT_INSERTED, OFFIMPORT_UPDATED, OFFIMPORT_DELETED,
// OFFIMPORT_UNCHANGED, OFFIMPORT_REJECTED, OFFIMPORT_CATALOGUE, OFFIMPORT_SCHEMA), without
// offimport's own secrets (the refresh token, the Sentry DSN, OFFIMPORT_DATABASE_URL), for at
// most import.after_success_timeout_seconds.
BoundedCommand after_success_command(const Config& config, const RunReport& report);

// After a run that committed (succeeded; a skipped or dry run has nothing new): runs the
// command, if one is set, and marks the report with how it went. A failure is logged and sent
// to Sentry; the run stays committed and succeeded (its exit code too): what follows it is the
// operator's, and counted apart (offimport_after_success_total).
void run_after_success(const Config& config, RunReport& report, const CancelFlag& cancel);

} // namespace offimport
