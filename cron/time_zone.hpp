#pragma once

#include "cron/zone_rules.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace offimport::cron {

using Clock = std::chrono::system_clock;

// An IANA time zone such as "Europe/London", read from the compiled zone files in
// /usr/share/zoneinfo. Lookups never touch TZ or the C library's global zone state, so a
// TimeZone may be used from any thread; copies share the same immutable rules.
class TimeZone {
public:
    // UTC.
    TimeZone();

    // `name` is an IANA zone name; "" means the machine's zone (TZ if set, else /etc/localtime).
    // Throws std::invalid_argument("unknown time zone 'X' (looked in /usr/share/zoneinfo)"), or
    // with the reason when the zone file exists but cannot be read.
    static TimeZone load(std::string_view name);
    // A zone from a POSIX TZ string such as "EST5EDT,M3.2.0,M11.1.0"; `tz` is also its name.
    static TimeZone from_posix_tz(std::string_view tz);
    static TimeZone utc();

    const std::string& name() const { return name_; }

    std::chrono::seconds utc_offset(Clock::time_point t) const;
    // The wall-clock time in this zone at instant `t`, to the second.
    std::chrono::local_seconds to_local(Clock::time_point t) const;
    // When the wall-clock time `wall` happens: once, twice or (in a gap) never.
    LocalTimeMapping resolve(std::chrono::local_seconds wall) const;

    // Bounds of the zone's UTC offset over all time, to limit searches.
    std::chrono::seconds min_utc_offset() const { return rules_->min_offset(); }
    std::chrono::seconds max_utc_offset() const { return rules_->max_offset(); }

private:
    TimeZone(std::string name, std::shared_ptr<const ZoneRules> rules);

    std::string name_;
    std::shared_ptr<const ZoneRules> rules_;
};

} // namespace offimport::cron
