// A cron expression, an instant and a zone (a POSIX TZ string), as offimportd's schedule meets
// them: a bad expression is std::invalid_argument naming it; otherwise the next run is later
// than the instant, within the ten years searched, and is a time the expression names on the
// zone's clock, or the end of a gap the clocks jumped over (a skipped run runs then).
#include "cron/cron_expression.hpp"
#include "cron/time_zone.hpp"
#include "fuzz_check.hpp"

#include <chrono>
#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport::cron;
    using namespace std::chrono;
    FuzzedDataProvider input(data, size);
    // 1900 to 2200: the daemon's clock and far beyond it, yet within what system_clock's
    // nanoseconds hold (to 2262) once ten years are searched.
    const sys_seconds after{
        seconds(input.ConsumeIntegralInRange<std::int64_t>(-2208988800, 7258118400))};
    const std::string zone_text = input.ConsumeRandomLengthString(48);
    const std::string text = input.ConsumeRemainingBytesAsString();
    TimeZone zone = TimeZone::utc();
    try {
        zone = TimeZone::from_posix_tz(zone_text);
    } catch (const std::invalid_argument&) {
    }
    std::optional<CronExpression> expression;
    try {
        expression = CronExpression::parse(text);
    } catch (const std::invalid_argument& error) {
        FUZZ_CHECK(std::string_view(error.what()).starts_with("cron expression '"),
                   "a refusal that does not quote the expression");
        return 0;
    }
    const auto next = expression->next_after(after, zone);
    if (!next) {
        return 0;
    }
    const auto at = floor<seconds>(*next);
    FUZZ_CHECK(at > after, "a next run that is not later");
    FUZZ_CHECK(at - after <= hours(24 * 366 * 11), "a next run past the years searched");
    const bool named = expression->matches(zone.to_local(*next));
    const bool gap_end = zone.utc_offset(*next - seconds(1)) < zone.utc_offset(*next);
    FUZZ_CHECK(named || gap_end, "a next run the expression does not name");
    const auto previous = expression->previous_at_or_before(*next, zone);
    FUZZ_CHECK(previous && floor<seconds>(*previous) <= at, "the next run is not a run");
    return 0;
}
