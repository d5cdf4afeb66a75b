// Zone data from outside: TZif bytes (the daemon reads /usr/share/zoneinfo and /etc/localtime)
// and POSIX TZ strings (TZ, and every TZif footer). Malformed data is std::invalid_argument;
// a zone that loads keeps its offsets within ±26 h, and each instant's wall-clock time maps
// back to that instant: uniquely, or as one of the two copies of a repeated hour, never into
// a gap.
#include "cron/posix_tz.hpp"
#include "cron/tzif_parser.hpp"
#include "cron/zone_rules.hpp"
#include "fuzz_check.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fuzzer/FuzzedDataProvider.h>
#include <optional>
#include <stdexcept>
#include <string>

namespace {

using namespace offimport::cron;
using namespace std::chrono;

void check_instant(const ZoneRules& rules, sys_seconds t) {
    const seconds offset = rules.offset_at(t);
    FUZZ_CHECK(offset >= rules.min_offset() && offset <= rules.max_offset(),
               "an offset outside the zone's own bounds");
    const local_seconds wall{t.time_since_epoch() + offset};
    const LocalTimeMapping mapping = rules.resolve(wall);
    const bool found = mapping.earliest <= t && t <= mapping.latest;
    if (!found || mapping.kind == LocalTimeMapping::Kind::skipped) {
        std::fprintf(stderr, "instant %lld, offset %lld: kind %d, earliest %lld, latest %lld\n",
                     static_cast<long long>(t.time_since_epoch().count()),
                     static_cast<long long>(offset.count()), static_cast<int>(mapping.kind),
                     static_cast<long long>(mapping.earliest.time_since_epoch().count()),
                     static_cast<long long>(mapping.latest.time_since_epoch().count()));
    }
    switch (mapping.kind) {
    case LocalTimeMapping::Kind::unique:
        FUZZ_CHECK(mapping.earliest == t, "a wall-clock time that maps to another instant");
        break;
    case LocalTimeMapping::Kind::ambiguous:
        // Two backward changes seconds apart (crafted data only) make a time come round three
        // times: resolve gives its first and last, and the instant lies between them.
        FUZZ_CHECK(mapping.earliest <= t && t <= mapping.latest,
                   "a repeated wall-clock time that misses the instant");
        FUZZ_CHECK(mapping.earliest < mapping.latest, "a repeated time in the wrong order");
        break;
    case LocalTimeMapping::Kind::skipped:
        FUZZ_CHECK(false, "an instant's own wall-clock time taken for a gap");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const bool tzif = input.ConsumeBool();
    std::vector<sys_seconds> instants;
    for (int i = 0; i < 4; ++i) {
        instants.emplace_back(
            seconds(input.ConsumeIntegralInRange<std::int64_t>(-4102444800, 13569465600)));
    }
    const std::string bytes = input.ConsumeRemainingBytesAsString();
    std::optional<ZoneRules> rules;
    try {
        rules = tzif ? parse_tzif(bytes) : ZoneRules::from_posix(parse_posix_tz(bytes));
    } catch (const std::invalid_argument&) {
        return 0;
    }
    constexpr seconds limit = hours(26);
    FUZZ_CHECK(rules->min_offset() >= -limit && rules->max_offset() <= limit,
               "a zone more than 26 hours from UTC");
    for (const auto t : instants) {
        check_instant(*rules, t);
        if (const auto change = rules->next_change_after(t)) {
            FUZZ_CHECK(*change > t, "a next change that is not later");
            check_instant(*rules, *change);
            check_instant(*rules, *change - seconds(1));
        }
    }
    return 0;
}
