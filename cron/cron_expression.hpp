#pragma once

#include "cron/cron_field.hpp"
#include "cron/time_zone.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace offimport::cron {

// A standard five-field cron expression (minute hour day-of-month month day-of-week), or one of
// @yearly @annually @monthly @weekly @daily @midnight @hourly. Immutable; safe to share.
//
// Days follow Vixie cron: when both day fields are restricted (neither starts with '*'), a day
// matches if either does. Daylight saving follows Vixie cron and cronie too. A job with fixed
// minute and hour runs once per scheduled wall-clock time: a time skipped when the clocks go
// forward runs at the first instant after the gap, a time repeated when they go back runs at
// its first occurrence only. A job whose minute or hour field starts with '*' repeats through
// the day, so it follows the clock as it is: it does not catch up on skipped times, and it runs
// in both copies of a repeated hour.
class CronExpression {
public:
    // Throws std::invalid_argument naming the field and the problem, e.g.
    // "cron expression '0 25 * * *': hour field '25' is out of range 0-23".
    static CronExpression parse(std::string_view text);

    // The text as given (surrounding blanks removed).
    const std::string& text() const { return text_; }

    // The first run strictly after `after`, with wall-clock times read in `tz`. nullopt when
    // there is none within ten years (e.g. "0 0 30 2 *").
    std::optional<Clock::time_point> next_after(Clock::time_point after, const TimeZone& tz) const;
    // The latest run at or before `at`, under the same rules; for deciding whether a run was
    // missed while the daemon was down. nullopt when there is none within ten years.
    std::optional<Clock::time_point> previous_at_or_before(Clock::time_point at,
                                                           const TimeZone& tz) const;

    // Whether the schedule names this local date and time (seconds ignored).
    bool matches(std::chrono::local_seconds wall) const;

private:
    std::string text_;
    CronField minute_;
    CronField hour_;
    CronField day_of_month_;
    CronField month_;
    CronField day_of_week_;

    bool matches_day(std::chrono::local_days day) const;
    // True for jobs that repeat through the day (minute or hour field starts with '*').
    bool repeats_within_day() const;
    std::optional<std::chrono::local_seconds>
    first_wall_match(std::chrono::local_seconds from, std::chrono::local_seconds limit) const;
    std::optional<std::chrono::local_seconds>
    last_wall_match(std::chrono::local_seconds from, std::chrono::local_seconds limit) const;
};

} // namespace offimport::cron
