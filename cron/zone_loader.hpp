#pragma once

#include "cron/zone_rules.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace offimport::cron {

// A zone as found on disk. No rules means UTC, which needs no zone file.
struct LoadedZone {
    std::string name;
    std::optional<ZoneRules> rules;
};

// The IANA zone `name` from /usr/share/zoneinfo. Throws std::invalid_argument.
LoadedZone load_named_zone(std::string_view name);

// The machine's zone the way glibc finds it: TZ when set (a zone name, a file path or a POSIX
// rule), otherwise /etc/localtime, otherwise UTC. Throws std::invalid_argument.
LoadedZone load_machine_zone();

} // namespace offimport::cron
