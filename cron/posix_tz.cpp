#include "cron/posix_tz.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace offimport::cron {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using std::chrono::year;

// One switch into or out of daylight saving.
struct RuleEvent {
    sys_seconds at;
    bool dst_starts = false;
};

// Rule times may reach a week past their nominal day, so an instant can be governed by the
// previous year's switch; looking two years either side covers every case.
constexpr int years_around = 2;
using YearEvents = std::array<RuleEvent, 2 * (2 * years_around + 1)>;

year year_of(sys_seconds t) {
    return std::chrono::year_month_day{std::chrono::floor<days>(t)}.year();
}

// Every switch in the years around `centre`, in time order. When an end and a start coincide
// (daylight saving all year round), the end sorts first so the start wins.
YearEvents events_around(const PosixDstRule& rule, seconds std_offset, year centre) {
    YearEvents events{};
    std::size_t i = 0;
    for (int delta = -years_around; delta <= years_around; ++delta) {
        const year y = centre + std::chrono::years{delta};
        events[i++] = {sys_seconds{rule.start.in_year(y)} + rule.start_time - std_offset, true};
        events[i++] = {sys_seconds{rule.end.in_year(y)} + rule.end_time - rule.utc_offset, false};
    }
    std::sort(events.begin(), events.end(), [](const RuleEvent& a, const RuleEvent& b) {
        return std::tie(a.at, a.dst_starts) < std::tie(b.at, b.dst_starts);
    });
    return events;
}

} // namespace

sys_days PosixRuleDate::in_year(year y) const {
    const sys_days jan1{y / std::chrono::January / 1};
    switch (kind) {
    case Kind::julian_without_leap_day: {
        // "J60" is 1 March in every year, so in leap years days from 60 on skip 29 February.
        const int leap_shift = (number >= 60 && y.is_leap()) ? 1 : 0;
        return jan1 + days{number - 1 + leap_shift};
    }
    case Kind::zero_based_day:
        return jan1 + days{number};
    case Kind::month_week_weekday: {
        const std::chrono::month m{static_cast<unsigned>(month_of_year)};
        const std::chrono::weekday wd{static_cast<unsigned>(day_of_week)};
        if (week_of_month == 5) {
            return sys_days{y / m / std::chrono::weekday_last{wd}};
        }
        return sys_days{y / m / wd[static_cast<unsigned>(week_of_month)]};
    }
    }
    return jan1;
}

seconds PosixTimeZone::offset_at(sys_seconds t) const {
    if (!dst) {
        return std_offset;
    }
    bool in_dst = false;
    for (const RuleEvent& event : events_around(*dst, std_offset, year_of(t))) {
        if (event.at > t) {
            break;
        }
        in_dst = event.dst_starts;
    }
    return in_dst ? dst->utc_offset : std_offset;
}

std::optional<sys_seconds> PosixTimeZone::next_change_after(sys_seconds t) const {
    if (!dst) {
        return std::nullopt;
    }
    // A switch that leaves the offset as it was (daylight saving all year) is no change.
    for (const RuleEvent& event : events_around(*dst, std_offset, year_of(t))) {
        if (event.at > t && offset_at(event.at - seconds{1}) != offset_at(event.at)) {
            return event.at;
        }
    }
    return std::nullopt;
}

} // namespace offimport::cron
