#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace offimport::cron {

// A day of the year in one of the three forms a POSIX TZ rule allows.
struct PosixRuleDate {
    enum class Kind {
        julian_without_leap_day, // "Jn": 1-365, 29 February is never counted
        zero_based_day,          // "n": 0-365, 29 February is counted
        month_week_weekday,      // "Mm.w.d": weekday d of week w (5 = last) of month m
    };
    Kind kind = Kind::month_week_weekday;
    int number = 0;        // "Jn" and "n"
    int month_of_year = 0; // "Mm.w.d": 1-12
    int week_of_month = 0; // 1-5
    int day_of_week = 0;   // 0 = Sunday

    // The calendar day this rule names in year `y`.
    std::chrono::sys_days in_year(std::chrono::year y) const;
};

// When daylight saving starts and ends, and the offset it brings.
struct PosixDstRule {
    std::chrono::seconds utc_offset{0};
    PosixRuleDate start;
    std::chrono::seconds start_time{0}; // local standard time on the start day
    PosixRuleDate end;
    std::chrono::seconds end_time{0}; // local daylight time on the end day
};

// A POSIX TZ string such as "GMT0BST,M3.5.0/1,M10.5.0". TZif files end with one: it describes
// every instant after the last transition that the file lists.
struct PosixTimeZone {
    std::chrono::seconds std_offset{0}; // east of UTC is positive (POSIX writes it the other way)
    std::optional<PosixDstRule> dst;

    std::chrono::seconds offset_at(std::chrono::sys_seconds t) const;
    // The first instant after `t` at which the UTC offset actually changes.
    std::optional<std::chrono::sys_seconds> next_change_after(std::chrono::sys_seconds t) const;
};

// Throws std::invalid_argument naming the problem when `text` is not a POSIX TZ string.
PosixTimeZone parse_posix_tz(std::string_view text);

} // namespace offimport::cron
