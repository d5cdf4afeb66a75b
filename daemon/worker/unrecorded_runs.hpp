#pragma once

#include "config/config.hpp"
#include "daemon/worker/run_outcome.hpp"
#include "ledger/ledger.hpp"

#include <deque>
#include <mutex>

namespace offimport::daemon {

// Runs that failed because PostgreSQL was unreachable, so the ledger never heard of them. They
// are written to <schema>.runs once the database answers again, so `offimport --status` and
// the ledger tell the whole story. Thread-safe: added on the io thread, written on the pool.
class UnrecordedRuns {
public:
    void add(const RunOutcome& outcome, const std::string& source);
    bool empty() const;
    // Writes the runs kept so far (blocking); the ones that still cannot be written stay.
    // Returns how many were written.
    int record(const Config& config);

private:
    // Far more than a day of retries; beyond it the oldest are dropped (and were logged).
    static constexpr std::size_t max_kept = 100;

    mutable std::mutex mutex_;
    std::deque<UnreachedRun> runs_;
};

} // namespace offimport::daemon
