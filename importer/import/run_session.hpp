#pragma once

#include "config/config.hpp"
#include "db/connection.hpp"
#include "ledger/ledger.hpp"
#include "ledger/run_report.hpp"
#include "source/source.hpp"

#include <chrono>
#include <string>

namespace offimport {

// What every writing run shares: the control connection (autocommit) holding the import lock,
// the migrated schema, the ledger row of this run, and its report.
class RunSession {
public:
    // Connects, applies pending migrations, takes the import lock (TryLaterError when another
    // import holds it), closes abandoned runs and records this one as running.
    RunSession(const Config& config, RunMode mode, const std::string& source, std::uint64_t limit);
    // Hands the import lock back before the connection closes (see run_session.cpp).
    ~RunSession();
    RunSession(const RunSession&) = delete;
    RunSession& operator=(const RunSession&) = delete;

    db::Connection& control() { return control_; }
    Ledger& ledger() { return ledger_; }
    const std::string& schema() const { return schema_; } // quoted, ready for SQL
    RunReport& report() { return report_; }

    // Records the run as failed (or skipped) with `error`, keeping what was counted so far.
    void finish(RunStatus status, const std::string& error);
    double elapsed_seconds() const;

private:
    std::string conninfo_;  // to reconnect the control connection and record a failure
    std::string lock_name_; // the schema's name, as the import lock's second key hashes it
    db::Connection control_;
    bool holds_lock_ = true; // false once control_ is a new connection (the old one's lock is gone)
    std::string schema_;
    Ledger ledger_;
    RunReport report_;
    std::chrono::steady_clock::time_point started_;
};

HttpSettings http_settings(const Config& config);

} // namespace offimport
