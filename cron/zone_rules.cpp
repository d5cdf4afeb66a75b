#include "cron/zone_rules.hpp"

#include <algorithm>
#include <utility>

namespace offimport::cron {

namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

bool before_transition(sys_seconds t, const ZoneTransition& transition) {
    return t < transition.at;
}

} // namespace

ZoneRules::ZoneRules(seconds initial_offset, std::vector<ZoneTransition> transitions,
                     std::optional<PosixTimeZone> footer)
    : initial_offset_(initial_offset), transitions_(std::move(transitions)), footer_(footer),
      min_offset_(initial_offset), max_offset_(initial_offset) {
    const auto widen = [this](seconds offset) {
        min_offset_ = std::min(min_offset_, offset);
        max_offset_ = std::max(max_offset_, offset);
    };
    for (const ZoneTransition& transition : transitions_) {
        widen(transition.offset_after);
    }
    if (footer_) {
        widen(footer_->std_offset);
        if (footer_->dst) {
            widen(footer_->dst->utc_offset);
        }
    }
}

ZoneRules ZoneRules::from_posix(const PosixTimeZone& rule) {
    return ZoneRules(rule.std_offset, {}, rule);
}

seconds ZoneRules::offset_at(sys_seconds t) const {
    const bool after_table = transitions_.empty() || t >= transitions_.back().at;
    if (after_table && footer_) {
        return footer_->offset_at(t);
    }
    const auto next =
        std::upper_bound(transitions_.begin(), transitions_.end(), t, before_transition);
    return next == transitions_.begin() ? initial_offset_ : std::prev(next)->offset_after;
}

std::optional<sys_seconds> ZoneRules::next_listed_change_after(sys_seconds t) const {
    auto next = std::upper_bound(transitions_.begin(), transitions_.end(), t, before_transition);
    for (; next != transitions_.end(); ++next) {
        // Some listed transitions only change the abbreviation or the DST flag.
        const seconds before =
            next == transitions_.begin() ? initial_offset_ : std::prev(next)->offset_after;
        if (next->offset_after != before) {
            return next->at;
        }
    }
    return std::nullopt;
}

std::optional<sys_seconds> ZoneRules::next_change_after(sys_seconds t) const {
    if (auto listed = next_listed_change_after(t)) {
        return listed;
    }
    if (!footer_) {
        return std::nullopt;
    }
    const sys_seconds footer_from = transitions_.empty() ? t : std::max(t, transitions_.back().at);
    return footer_->next_change_after(footer_from);
}

// A wall-clock time `wall` happens at instant u when u + offset_at(u) == wall. Every such u lies
// in [wall - max_offset, wall - min_offset], so walk the stretches of constant offset in that
// window: each can hold at most one solution, and a forward jump between two of them that
// passes over `wall` is the gap that skips it.
LocalTimeMapping ZoneRules::resolve(std::chrono::local_seconds wall) const {
    const sys_seconds wall_as_utc{wall.time_since_epoch()};
    const sys_seconds window_end = wall_as_utc - min_offset_;
    sys_seconds stretch_start = wall_as_utc - max_offset_;
    seconds offset = offset_at(stretch_start);

    std::optional<sys_seconds> first;
    std::optional<sys_seconds> last;
    std::optional<sys_seconds> gap_end;
    for (;;) {
        const std::optional<sys_seconds> change = next_change_after(stretch_start);
        const sys_seconds candidate = wall_as_utc - offset;
        if (candidate >= stretch_start && (!change || candidate < *change)) {
            if (!first) {
                first = candidate;
            }
            last = candidate;
        }
        if (!change || *change > window_end) {
            break;
        }
        const seconds next_offset = offset_at(*change);
        if (wall_as_utc >= *change + offset && wall_as_utc < *change + next_offset) {
            gap_end = change;
        }
        stretch_start = *change;
        offset = next_offset;
    }

    if (first) {
        const auto kind =
            *first == *last ? LocalTimeMapping::Kind::unique : LocalTimeMapping::Kind::ambiguous;
        return {kind, *first, *last};
    }
    // Without a solution there must have been a gap; fall back to the last offset seen.
    const sys_seconds after_gap = gap_end.value_or(wall_as_utc - offset);
    return {LocalTimeMapping::Kind::skipped, after_gap, after_gap};
}

} // namespace offimport::cron
