#pragma once

#include "cron/posix_tz.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace offimport::cron {

// How one wall-clock time maps onto real instants in a zone.
struct LocalTimeMapping {
    enum class Kind {
        unique,    // the usual case
        ambiguous, // the clocks went back and the time came round twice
        skipped,   // the clocks went forward over it; it never happened
    };
    Kind kind = Kind::unique;
    // unique: the instant; ambiguous: the first occurrence; skipped: the instant the gap ends.
    std::chrono::sys_seconds earliest;
    // ambiguous: the last occurrence (the second, but for changes seconds apart, which only
    // crafted zone data has); otherwise the same as `earliest`.
    std::chrono::sys_seconds latest;
};

// From this instant on, the zone's UTC offset is `offset_after`.
struct ZoneTransition {
    std::chrono::sys_seconds at;
    std::chrono::seconds offset_after{0};
};

// A zone's UTC offset over all time: a table of transitions (from a TZif file), the offset
// before the first of them, and optionally a POSIX rule for everything after the last.
// Immutable once built, so one instance can serve any number of threads.
class ZoneRules {
public:
    ZoneRules(std::chrono::seconds initial_offset, std::vector<ZoneTransition> transitions,
              std::optional<PosixTimeZone> footer);
    // A zone described by a POSIX TZ string alone, as the TZ variable may give one.
    static ZoneRules from_posix(const PosixTimeZone& rule);

    std::chrono::seconds offset_at(std::chrono::sys_seconds t) const;
    // The first instant after `t` at which the offset changes; nullopt if it never does.
    std::optional<std::chrono::sys_seconds> next_change_after(std::chrono::sys_seconds t) const;
    LocalTimeMapping resolve(std::chrono::local_seconds wall) const;

    // Bounds over all time; they limit how far a wall-clock time can be from UTC.
    std::chrono::seconds min_offset() const { return min_offset_; }
    std::chrono::seconds max_offset() const { return max_offset_; }

private:
    std::chrono::seconds initial_offset_;
    std::vector<ZoneTransition> transitions_;
    std::optional<PosixTimeZone> footer_;
    std::chrono::seconds min_offset_;
    std::chrono::seconds max_offset_;

    std::optional<std::chrono::sys_seconds>
    next_listed_change_after(std::chrono::sys_seconds t) const;
};

} // namespace offimport::cron
