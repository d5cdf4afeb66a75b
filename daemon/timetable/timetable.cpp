#include "daemon/timetable/timetable.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace offimport::daemon {

Timetable::Timetable(cron::TimeZone zone, RetryPolicy policy)
    : zone_(std::move(zone)), policy_(std::move(policy)) {}

Timetable::Entry* Timetable::find(RunMode mode) {
    const auto found = std::find_if(entries_.begin(), entries_.end(),
                                    [&](const Entry& entry) { return entry.mode == mode; });
    return found == entries_.end() ? nullptr : &*found;
}

std::optional<TimePoint> Timetable::next_scheduled(const Entry& entry, TimePoint now) const {
    return entry.cron.next_after(now, zone_);
}

void Timetable::set_schedule(RunMode mode, const cron::CronExpression& cron, TimePoint now) {
    if (Entry* entry = find(mode)) {
        if (entry->cron.text() == cron.text()) {
            return;
        }
        entry->cron = cron;
        entry->retries = 0;
        entry->due = next_scheduled(*entry, now);
        return;
    }
    Entry entry{mode, cron, std::nullopt};
    entry.due = next_scheduled(entry, now);
    entries_.push_back(std::move(entry));
}

void Timetable::remove_schedule(RunMode mode) {
    std::erase_if(entries_, [&](const Entry& entry) { return entry.mode == mode; });
}

void Timetable::set_time_zone(cron::TimeZone zone, TimePoint now) {
    zone_ = std::move(zone);
    for (Entry& entry : entries_) {
        if (entry.retries == 0 && !entry.in_flight) {
            entry.due = next_scheduled(entry, now);
        }
    }
}

bool Timetable::catch_up(RunMode mode, std::optional<TimePoint> last_success, TimePoint now) {
    Entry* entry = find(mode);
    if (!entry || entry->in_flight) {
        return false;
    }
    const auto previous = entry->cron.previous_at_or_before(now, zone_);
    if (!previous || (last_success && *last_success >= *previous)) {
        return false;
    }
    entry->due = now;
    return true;
}

std::optional<RunMode> Timetable::due_mode(TimePoint now) const {
    for (const Entry& entry : entries_) {
        if (!entry.in_flight && entry.due && *entry.due <= now) {
            return entry.mode;
        }
    }
    return std::nullopt;
}

void Timetable::started(RunMode mode) {
    if (Entry* entry = find(mode)) {
        entry->in_flight = true;
    }
}

void Timetable::finished(RunMode mode, bool succeeded, bool scheduled, TimePoint now) {
    Entry* entry = find(mode);
    if (!entry) {
        return;
    }
    if (scheduled) {
        entry->in_flight = false;
    }
    if (succeeded) {
        entry->retries = 0;
        entry->due = next_scheduled(*entry, now);
        return;
    }
    if (!scheduled) {
        return; // a failed manual refresh does not change the schedule
    }
    const auto tries = static_cast<std::size_t>(entry->retries);
    if (tries < policy_.delays.size()) {
        entry->due = now + policy_.delays[tries];
        ++entry->retries;
        spdlog::warn("scheduled {} import failed; retry {} of {} in {} s", to_string(mode),
                     entry->retries, policy_.delays.size(), policy_.delays[tries].count());
        return;
    }
    entry->retries = 0;
    entry->due = next_scheduled(*entry, now);
    spdlog::error("scheduled {} import failed {} times; giving up until the next scheduled time",
                  to_string(mode), tries + 1);
}

std::optional<TimePoint> Timetable::next_run() const {
    std::optional<TimePoint> earliest;
    for (const Entry& entry : entries_) {
        if (entry.due && (!earliest || *entry.due < *earliest)) {
            earliest = entry.due;
        }
    }
    return earliest;
}

} // namespace offimport::daemon
