#include "daemon/worker/unrecorded_runs.hpp"

#include "db/connection.hpp"
#include "db/migration.hpp"

#include <spdlog/spdlog.h>

namespace offimport::daemon {
namespace {

double unix_seconds(Clock::time_point t) {
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

} // namespace

void UnrecordedRuns::add(const RunOutcome& outcome, const std::string& source) {
    std::lock_guard lock(mutex_);
    if (runs_.size() == max_kept) {
        runs_.pop_front();
    }
    runs_.push_back({outcome.run.mode, source, unix_seconds(outcome.run.started),
                     unix_seconds(outcome.finished), outcome.error});
}

bool UnrecordedRuns::empty() const {
    std::lock_guard lock(mutex_);
    return runs_.empty();
}

int UnrecordedRuns::record(const Config& config) {
    std::deque<UnreachedRun> pending;
    {
        std::lock_guard lock(mutex_);
        pending.swap(runs_);
    }
    int written = 0;
    try {
        db::Connection connection(config.conninfo, "offimportd ledger");
        // The importer creates the ledger before its first run; a run that never reached the
        // database may be the first of all.
        db::migrate(connection, config.schema);
        Ledger ledger(connection, connection.quote_identifier(config.schema));
        for (; !pending.empty(); pending.pop_front(), ++written) {
            ledger.record_unreached(pending.front());
        }
    } catch (const std::exception& error) {
        spdlog::debug("{} failed runs still unrecorded: {}", pending.size(), error.what());
    }
    std::lock_guard lock(mutex_);
    runs_.insert(runs_.begin(), pending.begin(), pending.end());
    return written;
}

} // namespace offimport::daemon
