#include "cron/time_zone.hpp"

#include "cron/zone_loader.hpp"

#include <utility>

namespace offimport::cron {

namespace {

std::shared_ptr<const ZoneRules> utc_rules() {
    // Built once and shared: every default-constructed TimeZone needs it.
    static const auto rules = std::make_shared<const ZoneRules>(
        std::chrono::seconds{0}, std::vector<ZoneTransition>{}, std::nullopt);
    return rules;
}

} // namespace

TimeZone::TimeZone() : TimeZone("UTC", utc_rules()) {}

TimeZone::TimeZone(std::string name, std::shared_ptr<const ZoneRules> rules)
    : name_(std::move(name)), rules_(std::move(rules)) {}

TimeZone TimeZone::load(std::string_view name) {
    LoadedZone zone = name.empty() ? load_machine_zone() : load_named_zone(name);
    if (!zone.rules) {
        return TimeZone(std::move(zone.name), utc_rules());
    }
    return TimeZone(std::move(zone.name),
                    std::make_shared<const ZoneRules>(std::move(*zone.rules)));
}

TimeZone TimeZone::from_posix_tz(std::string_view tz) {
    auto rules = std::make_shared<const ZoneRules>(ZoneRules::from_posix(parse_posix_tz(tz)));
    return TimeZone(std::string(tz), std::move(rules));
}

TimeZone TimeZone::utc() {
    return TimeZone();
}

std::chrono::seconds TimeZone::utc_offset(Clock::time_point t) const {
    return rules_->offset_at(std::chrono::floor<std::chrono::seconds>(t));
}

std::chrono::local_seconds TimeZone::to_local(Clock::time_point t) const {
    const auto utc = std::chrono::floor<std::chrono::seconds>(t);
    return std::chrono::local_seconds{utc.time_since_epoch() + rules_->offset_at(utc)};
}

LocalTimeMapping TimeZone::resolve(std::chrono::local_seconds wall) const {
    return rules_->resolve(wall);
}

} // namespace offimport::cron
