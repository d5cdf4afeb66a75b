#pragma once

#include "db/connection.hpp"
#include "ledger/run_kind.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace offimport {

// What `offimport --status`, the metrics file and offimportd read of the bookkeeping tables.
// Read only; `quoted_schema` as Connection::quote_identifier gives it. Statements that write
// them: ledger/ledger.hpp.

// Before the first migration there is no ledger at all: "no runs yet", not an error.
bool ledger_exists(db::Connection& db, const std::string& quoted_schema);

// A run of the ledger as --status prints it (times and seconds formatted by the server).
struct RunLine {
    std::string id, mode, status, started, seconds;
    std::uint64_t inserted = 0, updated = 0, unchanged = 0, deleted = 0, rejected = 0,
                  duplicates = 0;
    std::string error;
};
std::vector<RunLine> recent_runs(db::Connection& db, const std::string& quoted_schema, int count);
// The same runs as a JSON array, newest first (built by PostgreSQL, times as it prints them).
std::string recent_runs_json(db::Connection& db, const std::string& quoted_schema, int count);

// A source with what it served at its last success, and its last failure ("-" when none).
struct SourceLine {
    std::string source, etag, last_modified, last_success, last_failure;
};
std::vector<SourceLine> source_lines(db::Connection& db, const std::string& quoted_schema);

// "2026-11-24 02:00:31 UTC", or a sentence saying there is none yet.
std::string watermark_text(db::Connection& db, const std::string& quoted_schema);

// Per mode, Unix times (ledger/last_success.hpp says what a success is).
struct ModeHistory {
    std::optional<double> last_success;
    std::optional<double> last_run; // the last finished run, whatever its status
};
std::map<RunMode, ModeHistory> mode_histories(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
