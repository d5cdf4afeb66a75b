// Finding the runs of a CronExpression: walk the wall-clock times the expression names, and map
// each onto real instants through the zone, following the daylight-saving rules described in
// cron_expression.hpp.
#include "cron/cron_expression.hpp"

namespace offimport::cron {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

// 29 February can be eight years from the last one (2096 to 2104), so ten years finds every
// date an expression can name.
constexpr days search_horizon{3653};

// Calls `visit` with each instant at which a run scheduled for wall-clock time `wall` happens.
template <typename Visit>
void for_each_run(const TimeZone& tz, local_seconds wall, bool repeats_within_day, Visit&& visit) {
    const LocalTimeMapping mapping = tz.resolve(wall);
    switch (mapping.kind) {
    case LocalTimeMapping::Kind::unique:
        visit(mapping.earliest);
        return;
    case LocalTimeMapping::Kind::ambiguous:
        visit(mapping.earliest);
        if (repeats_within_day) {
            visit(mapping.latest);
        }
        return;
    case LocalTimeMapping::Kind::skipped:
        if (!repeats_within_day) {
            visit(mapping.earliest); // the first instant after the gap
        }
        return;
    }
}

struct HourMinute {
    int hour;
    int minute;
};

HourMinute hour_minute_of(minutes since_midnight) {
    const std::chrono::hh_mm_ss time{since_midnight};
    return {static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count())};
}

} // namespace

std::optional<local_seconds> CronExpression::first_wall_match(local_seconds from,
                                                              local_seconds limit) const {
    const auto start = std::chrono::ceil<minutes>(from);
    local_days day = std::chrono::floor<days>(start);
    HourMinute earliest = hour_minute_of(start - day);
    for (; day <= limit; day += days{1}, earliest = {0, 0}) {
        if (!matches_day(day)) {
            continue;
        }
        for (int h = hour_.first_at_or_after(earliest.hour); h >= 0;
             h = hour_.first_at_or_after(h + 1)) {
            const int m = minute_.first_at_or_after(h == earliest.hour ? earliest.minute : 0);
            if (m >= 0) {
                const local_seconds found = day + hours{h} + minutes{m};
                return found <= limit ? std::optional(found) : std::nullopt;
            }
        }
    }
    return std::nullopt;
}

std::optional<local_seconds> CronExpression::last_wall_match(local_seconds from,
                                                             local_seconds limit) const {
    const auto start = std::chrono::floor<minutes>(from);
    local_days day = std::chrono::floor<days>(start);
    HourMinute latest = hour_minute_of(start - day);
    for (; day + days{1} > limit; day -= days{1}, latest = {23, 59}) {
        if (!matches_day(day)) {
            continue;
        }
        for (int h = hour_.last_at_or_before(latest.hour); h >= 0;
             h = hour_.last_at_or_before(h - 1)) {
            const int m = minute_.last_at_or_before(h == latest.hour ? latest.minute : 59);
            if (m >= 0) {
                const local_seconds found = day + hours{h} + minutes{m};
                return found >= limit ? std::optional(found) : std::nullopt;
            }
        }
    }
    return std::nullopt;
}

// A run at instant u comes from a wall-clock time w with w - max_offset <= u <= w - min_offset
// (for a skipped time, u is the end of the gap, which obeys the same bounds). So the search
// starts at the earliest wall time that could give a run after `after`, and stops once wall
// times are too late to beat the best run found.
std::optional<Clock::time_point> CronExpression::next_after(Clock::time_point after,
                                                            const TimeZone& tz) const {
    // Runs fall on whole seconds, so comparing with the floor is exact.
    const auto after_s = std::chrono::floor<seconds>(after);
    local_seconds cursor{after_s.time_since_epoch() + tz.min_utc_offset()};
    const local_seconds limit = cursor + search_horizon;
    std::optional<sys_seconds> best;
    while (const std::optional<local_seconds> wall = first_wall_match(cursor, limit)) {
        if (best && sys_seconds{wall->time_since_epoch() - tz.max_utc_offset()} > *best) {
            break;
        }
        for_each_run(tz, *wall, repeats_within_day(), [&](sys_seconds run) {
            if (run > after_s && (!best || run < *best)) {
                best = run;
            }
        });
        cursor = *wall + minutes{1};
    }
    if (!best) {
        return std::nullopt;
    }
    return Clock::time_point{*best};
}

std::optional<Clock::time_point> CronExpression::previous_at_or_before(Clock::time_point at,
                                                                       const TimeZone& tz) const {
    const auto at_s = std::chrono::floor<seconds>(at);
    local_seconds cursor{at_s.time_since_epoch() + tz.max_utc_offset()};
    const local_seconds limit = cursor - search_horizon;
    std::optional<sys_seconds> best;
    while (const std::optional<local_seconds> wall = last_wall_match(cursor, limit)) {
        if (best && sys_seconds{wall->time_since_epoch() - tz.min_utc_offset()} < *best) {
            break;
        }
        for_each_run(tz, *wall, repeats_within_day(), [&](sys_seconds run) {
            if (run <= at_s && (!best || run > *best)) {
                best = run;
            }
        });
        cursor = *wall - minutes{1};
    }
    if (!best) {
        return std::nullopt;
    }
    return Clock::time_point{*best};
}

} // namespace offimport::cron
