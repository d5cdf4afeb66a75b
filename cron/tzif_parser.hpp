#pragma once

#include "cron/zone_rules.hpp"

#include <string_view>

namespace offimport::cron {

// True when `bytes` starts like a TZif file (RFC 8536), as every compiled zone does.
bool looks_like_tzif(std::string_view bytes);

// Reads a TZif file of version 1, 2, 3 or 4. Uses the 64-bit data of version 2 and later, and
// their footer rule for the times after the last transition. Throws std::invalid_argument
// when the data is malformed or carries leap seconds ("right/" zones), which would shift every
// transition by the leap seconds counted so far.
ZoneRules parse_tzif(std::string_view bytes);

} // namespace offimport::cron
