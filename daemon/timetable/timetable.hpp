#pragma once

#include "cron/cron_expression.hpp"
#include "cron/time_zone.hpp"
#include "ledger/run_kind.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace offimport::daemon {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// How a failed scheduled run is tried again before waiting for the next scheduled time.
struct RetryPolicy {
    std::vector<std::chrono::seconds> delays{std::chrono::minutes(1), std::chrono::minutes(5),
                                             std::chrono::minutes(15)};
};

// When each scheduled import ("full", "delta") is due. Pure bookkeeping with the time passed
// in, so that catch-up and retries can be tested without waiting; the Scheduler drives it.
class Timetable {
public:
    struct Entry {
        RunMode mode = RunMode::full;
        cron::CronExpression cron;
        std::optional<TimePoint> due; // nullopt: the expression names no time in ten years
        int retries = 0;              // retries of the current scheduled run so far
        bool in_flight = false;       // started by the schedule, not finished yet
    };

    Timetable(cron::TimeZone zone, RetryPolicy policy);

    // Adds or replaces the schedule of `mode`; an unchanged expression keeps its state.
    void set_schedule(RunMode mode, const cron::CronExpression& cron, TimePoint now);
    void remove_schedule(RunMode mode);
    // Every entry's next time is computed again in the new zone (pending retries stay).
    void set_time_zone(cron::TimeZone zone, TimePoint now);

    // Makes `mode` due now when its latest scheduled time is after its last success (or there
    // has been none): the daemon was down when it should have run. Returns whether it did.
    bool catch_up(RunMode mode, std::optional<TimePoint> last_success, TimePoint now);

    // A mode whose time has come and that is not running already. While another import runs,
    // a due mode simply stays due.
    std::optional<RunMode> due_mode(TimePoint now) const;
    void started(RunMode mode);
    // A run of `mode` ended. Success moves the schedule on; a failed scheduled run is retried
    // after the policy's next delay, then given up until the next scheduled time.
    void finished(RunMode mode, bool succeeded, bool scheduled, TimePoint now);

    std::optional<TimePoint> next_run() const;
    const std::vector<Entry>& entries() const { return entries_; }
    const cron::TimeZone& time_zone() const { return zone_; }

private:
    Entry* find(RunMode mode);
    std::optional<TimePoint> next_scheduled(const Entry& entry, TimePoint now) const;

    cron::TimeZone zone_;
    RetryPolicy policy_;
    std::vector<Entry> entries_;
};

} // namespace offimport::daemon
