#include "cron/cron_expression.hpp"
#include "cron/time_zone.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

using offimport::cron::Clock;
using offimport::cron::CronExpression;
using offimport::cron::LocalTimeMapping;
using offimport::cron::TimeZone;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

using Instant = Clock::time_point;
using MaybeInstant = std::optional<Instant>;

// Expected instants are written out by hand as UTC calendar times.
Instant utc(int y, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
    const std::chrono::sys_days date{std::chrono::year{y} / month / day};
    return Instant{date + hours{hour} + minutes{minute} + seconds{second}};
}

std::chrono::local_seconds wall(int y, unsigned month, unsigned day, int hour = 0, int minute = 0) {
    const std::chrono::local_days date{std::chrono::year{y} / month / day};
    return date + hours{hour} + minutes{minute};
}

std::string show(Instant t) {
    const auto secs = std::chrono::floor<seconds>(t);
    const auto day = std::chrono::floor<std::chrono::days>(secs);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss time{secs - day};
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d UTC",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return text;
}

const TimeZone& zone(const std::string& name) {
    static const TimeZone london = TimeZone::load("Europe/London");
    static const TimeZone new_york = TimeZone::load("America/New_York");
    static const TimeZone tokyo = TimeZone::load("Asia/Tokyo");
    static const TimeZone sydney = TimeZone::load("Australia/Sydney");
    static const TimeZone utc_zone = TimeZone::utc();
    if (name == "Europe/London") {
        return london;
    }
    if (name == "America/New_York") {
        return new_york;
    }
    if (name == "Asia/Tokyo") {
        return tokyo;
    }
    if (name == "Australia/Sydney") {
        return sydney;
    }
    return utc_zone;
}

MaybeInstant next(const char* expression, Instant after, const std::string& tz = "UTC") {
    return CronExpression::parse(expression).next_after(after, zone(tz));
}

MaybeInstant previous(const char* expression, Instant at, const std::string& tz = "UTC") {
    return CronExpression::parse(expression).previous_at_or_before(at, zone(tz));
}

// The runs strictly after `after`, one after another.
std::vector<std::string> runs(const char* expression, Instant after, const std::string& tz,
                              int count) {
    const CronExpression cron = CronExpression::parse(expression);
    std::vector<std::string> shown;
    for (MaybeInstant t = cron.next_after(after, zone(tz)); t && count-- > 0;
         t = cron.next_after(*t, zone(tz))) {
        shown.push_back(show(*t));
    }
    return shown;
}

template <typename F>
std::string error_of(F&& action) {
    try {
        action();
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "(no std::invalid_argument)";
}

std::string cron_error(const char* expression) {
    return error_of([&] { CronExpression::parse(expression); });
}

bool matches(const char* expression, std::chrono::local_seconds at) {
    return CronExpression::parse(expression).matches(at);
}

// Sets TZ for one scope; the tests are single-threaded, so this is safe here.
class ScopedTz {
public:
    explicit ScopedTz(const char* value) {
        if (const char* old = std::getenv("TZ")) {
            old_ = old;
        }
        ::setenv("TZ", value, 1);
    }
    ~ScopedTz() {
        if (old_) {
            ::setenv("TZ", old_->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
    }
    ScopedTz(const ScopedTz&) = delete;
    ScopedTz& operator=(const ScopedTz&) = delete;

private:
    std::optional<std::string> old_;
};

// Builds TZif bytes by hand (RFC 8536) for the cases /usr/share/zoneinfo does not show.
class TzifBuilder {
public:
    // Local time types are given as UTC offsets in seconds; transitions as (time, type index).
    TzifBuilder(std::vector<std::int32_t> offsets,
                std::vector<std::pair<std::int64_t, std::uint8_t>> transitions)
        : offsets_(std::move(offsets)), transitions_(std::move(transitions)) {}

    std::string version1() const {
        std::string out;
        header(out, '\0');
        block(out, 4);
        return out;
    }

    std::string version2(const std::string& footer) const {
        std::string out;
        header(out, '2');
        block(out, 4);
        header(out, '2');
        block(out, 8);
        out += "\n" + footer + "\n";
        return out;
    }

private:
    std::vector<std::int32_t> offsets_;
    std::vector<std::pair<std::int64_t, std::uint8_t>> transitions_;

    static void big_endian(std::string& out, std::uint64_t value, int width) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.push_back(static_cast<char>((value >> shift) & 0xff));
        }
    }

    void header(std::string& out, char version) const {
        out += "TZif";
        out.push_back(version);
        out += std::string(15, '\0');
        for (const std::size_t count : {std::size_t{0}, std::size_t{0}, std::size_t{0},
                                        transitions_.size(), offsets_.size(), std::size_t{4}}) {
            big_endian(out, count, 4);
        }
    }

    void block(std::string& out, int time_width) const {
        for (const auto& transition : transitions_) {
            big_endian(out, static_cast<std::uint64_t>(transition.first), time_width);
        }
        for (const auto& transition : transitions_) {
            out.push_back(static_cast<char>(transition.second));
        }
        for (const std::int32_t offset : offsets_) {
            big_endian(out, static_cast<std::uint32_t>(offset), 4);
            out += std::string(2, '\0'); // is-DST flag, abbreviation index
        }
        out += std::string("ABC\0", 4);
    }
};

// A file of its own under the temporary directory (tests run in parallel), removed at the end.
class UniqueTempFile {
public:
    explicit UniqueTempFile(const std::string& bytes) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "offimport-schedule-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0) {
            throw std::runtime_error("mkstemp failed for " + pattern);
        }
        path_ = pattern;
        const bool written =
            ::write(fd, bytes.data(), bytes.size()) == static_cast<::ssize_t>(bytes.size());
        ::close(fd);
        if (!written) {
            throw std::runtime_error("cannot write " + path_);
        }
    }
    ~UniqueTempFile() { ::unlink(path_.c_str()); }
    UniqueTempFile(const UniqueTempFile&) = delete;
    UniqueTempFile& operator=(const UniqueTempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Loads `bytes` as the machine's zone through TZ=<absolute path>.
TimeZone load_tzif_bytes(const std::string& bytes) {
    const UniqueTempFile file(bytes);
    const ScopedTz tz(file.path().c_str());
    return TimeZone::load("");
}

} // namespace

namespace doctest {
template <>
struct StringMaker<Instant> {
    static String convert(const Instant& t) { return show(t).c_str(); }
};
template <>
struct StringMaker<MaybeInstant> {
    static String convert(const MaybeInstant& t) { return t ? show(*t).c_str() : "nullopt"; }
};
} // namespace doctest

// ---------------------------------------------------------------- parsing

TEST_CASE("a star allows every value") {
    CHECK(matches("* * * * *", wall(2025, 1, 1, 0, 0)));
    CHECK(matches("* * * * *", wall(2025, 12, 31, 23, 59)));
}

TEST_CASE("single values, lists and ranges") {
    CHECK(matches("1,5 * * * *", wall(2025, 1, 1, 3, 1)));
    CHECK(matches("1,5 * * * *", wall(2025, 1, 1, 3, 5)));
    CHECK_FALSE(matches("1,5 * * * *", wall(2025, 1, 1, 3, 2)));
    CHECK(matches("0 1-5 * * *", wall(2025, 1, 1, 1, 0)));
    CHECK(matches("0 1-5 * * *", wall(2025, 1, 1, 5, 0)));
    CHECK_FALSE(matches("0 1-5 * * *", wall(2025, 1, 1, 6, 0)));
    CHECK_FALSE(matches("0 1-5 * * *", wall(2025, 1, 1, 0, 0)));
    CHECK(matches("7 7 7 7 *", wall(2025, 7, 7, 7, 7)));
}

TEST_CASE("steps over a star and over a range") {
    for (int minute : {0, 15, 30, 45}) {
        CHECK(matches("*/15 * * * *", wall(2025, 1, 1, 0, minute)));
    }
    CHECK_FALSE(matches("*/15 * * * *", wall(2025, 1, 1, 0, 10)));
    for (int minute : {10, 20, 30, 40}) {
        CHECK(matches("10-40/10 * * * *", wall(2025, 1, 1, 0, minute)));
    }
    CHECK_FALSE(matches("10-40/10 * * * *", wall(2025, 1, 1, 0, 50)));
    CHECK_FALSE(matches("10-40/10 * * * *", wall(2025, 1, 1, 0, 0)));
    CHECK_FALSE(matches("10-40/10 * * * *", wall(2025, 1, 1, 0, 15)));
    CHECK(matches("1-3,30-40/5,59 * * * *", wall(2025, 1, 1, 0, 35)));
    CHECK(matches("1-3,30-40/5,59 * * * *", wall(2025, 1, 1, 0, 59)));
    CHECK_FALSE(matches("1-3,30-40/5,59 * * * *", wall(2025, 1, 1, 0, 31)));
}

TEST_CASE("month names in any case, alone and in ranges") {
    CHECK(matches("0 0 1 jan,Jul *", wall(2025, 7, 1)));
    CHECK(matches("0 0 1 JAN,jul *", wall(2025, 1, 1)));
    CHECK_FALSE(matches("0 0 1 jan,jul *", wall(2025, 2, 1)));
    CHECK(matches("0 0 1 MAR-may *", wall(2025, 4, 1)));
    CHECK_FALSE(matches("0 0 1 MAR-may *", wall(2025, 6, 1)));
    CHECK(matches("0 0 1 dec *", wall(2025, 12, 1)));
}

TEST_CASE("weekday names, and both 0 and 7 are Sunday") {
    // 2025-07-06 is a Sunday, 2025-07-07 a Monday, 2025-07-11 a Friday.
    CHECK(matches("0 0 * * SUN", wall(2025, 7, 6)));
    CHECK(matches("0 0 * * 0", wall(2025, 7, 6)));
    CHECK(matches("0 0 * * 7", wall(2025, 7, 6)));
    CHECK_FALSE(matches("0 0 * * 7", wall(2025, 7, 5)));
    CHECK(matches("0 0 * * mon-FRI", wall(2025, 7, 7)));
    CHECK(matches("0 0 * * mon-FRI", wall(2025, 7, 11)));
    CHECK_FALSE(matches("0 0 * * mon-FRI", wall(2025, 7, 6)));
    CHECK(matches("0 0 * * 5-7", wall(2025, 7, 6)));
    CHECK(matches("0 0 * * 5-7", wall(2025, 7, 11)));
    CHECK_FALSE(matches("0 0 * * 5-7", wall(2025, 7, 7)));
}

TEST_CASE("shortcuts stand for their five fields") {
    const Instant after = utc(2025, 7, 15, 10, 30); // a Tuesday
    CHECK(next("@yearly", after) == utc(2026, 1, 1));
    CHECK(next("@annually", after) == utc(2026, 1, 1));
    CHECK(next("@monthly", after) == utc(2025, 8, 1));
    CHECK(next("@weekly", after) == utc(2025, 7, 20));
    CHECK(next("@daily", after) == utc(2025, 7, 16));
    CHECK(next("@midnight", after) == utc(2025, 7, 16));
    CHECK(next("@hourly", after) == utc(2025, 7, 15, 11));
    CHECK(next("@DAILY", after) == utc(2025, 7, 16));
    CHECK(CronExpression::parse("  @weekly ").text() == "@weekly");
}

TEST_CASE("blanks between and around fields are ignored, and text() keeps the expression") {
    const CronExpression cron = CronExpression::parse(" 0\t2  * *   2 ");
    CHECK(cron.text() == "0\t2  * *   2");
    CHECK(cron.next_after(utc(2025, 1, 1), TimeZone::utc()) == utc(2025, 1, 7, 2));
}

TEST_CASE("parse errors name the field and the problem") {
    CHECK(cron_error("0 25 * * *") ==
          "cron expression '0 25 * * *': hour field '25' is out of range 0-23");
    CHECK(cron_error("60 * * * *") ==
          "cron expression '60 * * * *': minute field '60' is out of range 0-59");
    CHECK(cron_error("* * 0 * *") ==
          "cron expression '* * 0 * *': day-of-month field '0' is out of range 1-31");
    CHECK(cron_error("* * 32 * *") ==
          "cron expression '* * 32 * *': day-of-month field '32' is out of range 1-31");
    CHECK(cron_error("* * * 13 *") ==
          "cron expression '* * * 13 *': month field '13' is out of range 1-12");
    CHECK(cron_error("* * * * 8") ==
          "cron expression '* * * * 8': day-of-week field '8' is out of range 0-7");
    CHECK(cron_error("1,99 * * * *") ==
          "cron expression '1,99 * * * *': minute field '1,99': '99' is out of range 0-59");
    CHECK(cron_error("99999999999 * * * *") ==
          "cron expression '99999999999 * * * *': minute field '99999999999' is out of range "
          "0-59");
    CHECK(cron_error("x * * * *") ==
          "cron expression 'x * * * *': minute field 'x' is not a number");
    CHECK(cron_error("* * * FOO *") == "cron expression '* * * FOO *': month field 'FOO' is not "
                                       "a number or month name (JAN-DEC)");
    CHECK(cron_error("* * * * MONDAY") == "cron expression '* * * * MONDAY': day-of-week field "
                                          "'MONDAY' is not a number or weekday name (SUN-SAT)");
    CHECK(cron_error("* * * * mon-xyz") ==
          "cron expression '* * * * mon-xyz': day-of-week field 'mon-xyz': 'xyz' is not a "
          "number or weekday name (SUN-SAT)");
    CHECK(cron_error("* MON * * *") ==
          "cron expression '* MON * * *': hour field 'MON' is not a number");
    CHECK(cron_error("*/0 * * * *") == "cron expression '*/0 * * * *': minute field '*/0' has "
                                       "a step that is not a number from 1 to 59");
    CHECK(cron_error("*/x * * * *") == "cron expression '*/x * * * *': minute field '*/x' has "
                                       "a step that is not a number from 1 to 59");
    CHECK(cron_error("5-1 * * * *") ==
          "cron expression '5-1 * * * *': minute field '5-1' is a reversed range");
    CHECK(cron_error("-5 * * * *") ==
          "cron expression '-5 * * * *': minute field '-5' is not a valid range");
    CHECK(cron_error("5/15 * * * *") == "cron expression '5/15 * * * *': minute field '5/15' "
                                        "has a step but no range or '*' before it");
    CHECK(cron_error("1,,2 * * * *") ==
          "cron expression '1,,2 * * * *': minute field '1,,2' has an empty list item");
    CHECK(cron_error("1, * * * *") ==
          "cron expression '1, * * * *': minute field '1,' has an empty list item");
}

TEST_CASE("parse errors for the shape of the expression") {
    CHECK(cron_error("* * * *") == "cron expression '* * * *': expected 5 fields (minute hour "
                                   "day-of-month month day-of-week), found 4");
    CHECK(cron_error("0 0 * * * *") == "cron expression '0 0 * * * *': expected 5 fields "
                                       "(minute hour day-of-month month day-of-week), found 6");
    CHECK(cron_error("   ") == "cron expression '': expected 5 fields (minute hour day-of-month "
                               "month day-of-week), found 0");
    CHECK(cron_error("@reboot") ==
          "cron expression '@reboot': unknown shortcut (expected @yearly, @annually, @monthly, "
          "@weekly, @daily, @midnight or @hourly)");
}

// ---------------------------------------------------------------- next_after

TEST_CASE("the default schedule 0 2 * * 2 runs on Tuesdays at 02:00") {
    // 2025-01-01 is a Wednesday; the next Tuesday is 2025-01-07.
    CHECK(next("0 2 * * 2", utc(2025, 1, 1)) == utc(2025, 1, 7, 2));
    CHECK(next("0 2 * * 2", utc(2025, 1, 7, 1, 59, 59)) == utc(2025, 1, 7, 2));
    CHECK(next("0 2 * * 2", utc(2025, 1, 7, 2)) == utc(2025, 1, 14, 2)); // strictly after
    CHECK(next("0 2 * * 2", utc(2025, 1, 7, 2) - std::chrono::milliseconds{1}) ==
          utc(2025, 1, 7, 2));
    CHECK(next("0 2 * * 2", utc(2025, 1, 7, 2) + std::chrono::milliseconds{1}) ==
          utc(2025, 1, 14, 2));
    // In London: GMT in winter, BST (UTC+1) in summer.
    CHECK(next("0 2 * * 2", utc(2025, 1, 1), "Europe/London") == utc(2025, 1, 7, 2));
    CHECK(next("0 2 * * 2", utc(2025, 6, 1), "Europe/London") == utc(2025, 6, 3, 1));
    CHECK(next("0 2 * * 2", utc(2025, 6, 1), "America/New_York") == utc(2025, 6, 3, 6));
    CHECK(next("0 2 * * 2", utc(2025, 1, 1), "America/New_York") == utc(2025, 1, 7, 7));
}

TEST_CASE("names in next_after") {
    // 2025-07-01 is the first weekday of July after February.
    CHECK(next("0 9 * JAN,jul mon-FRI", utc(2025, 2, 1)) == utc(2025, 7, 1, 9));
    for (const char* sunday : {"30 12 * * SUN", "30 12 * * 0", "30 12 * * 7"}) {
        CAPTURE(sunday);
        CHECK(next(sunday, utc(2025, 7, 1)) == utc(2025, 7, 6, 12, 30));
    }
}

TEST_CASE("Vixie rule: with both day fields restricted, either one matches") {
    // July 2025: Fridays on the 4th, 11th, 18th and 25th; the 13th is a Sunday.
    CHECK(next("0 0 13 * 5", utc(2025, 7, 1)) == utc(2025, 7, 4));
    CHECK(next("0 0 13 * 5", utc(2025, 7, 11)) == utc(2025, 7, 13));
    CHECK(next("0 0 13 * 5", utc(2025, 7, 13)) == utc(2025, 7, 18));
    CHECK(next("0 0 13 * fri", utc(2025, 7, 11)) == utc(2025, 7, 13));
}

TEST_CASE("Vixie rule: with a day field starting with '*', both must match") {
    CHECK(next("0 0 13 * *", utc(2025, 7, 1)) == utc(2025, 7, 13));
    CHECK(next("0 0 * * 5", utc(2025, 7, 1)) == utc(2025, 7, 4));
    // Odd days that are Fridays: the 4th is even, so the 11th.
    CHECK(next("0 0 */2 * 5", utc(2025, 7, 1)) == utc(2025, 7, 11));
    CHECK(next("0 0 */2 * 5", utc(2025, 7, 11)) == utc(2025, 7, 25));
}

TEST_CASE("29 February is found in the next leap year") {
    CHECK(next("0 0 29 2 *", utc(2027, 1, 1)) == utc(2028, 2, 29));
    CHECK(next("0 0 29 2 *", utc(2028, 2, 29)) == utc(2032, 2, 29));
    // 2100 is not a leap year: eight years from 2096 to 2104.
    CHECK(next("0 0 29 2 *", utc(2096, 3, 1)) == utc(2104, 2, 29));
    CHECK(next("0 12 29 2 *", utc(2027, 1, 1), "Asia/Tokyo") == utc(2028, 2, 29, 3));
}

TEST_CASE("dates that never happen give nullopt") {
    CHECK(next("0 0 30 2 *", utc(2025, 1, 1)) == std::nullopt);
    CHECK(next("0 0 31 4,6,9,11 *", utc(2025, 1, 1)) == std::nullopt);
    CHECK(previous("0 0 30 2 *", utc(2025, 1, 1)) == std::nullopt);
    CHECK(next("0 0 30 2 *", utc(2025, 1, 1), "Europe/London") == std::nullopt);
}

TEST_CASE("month ends and year ends") {
    CHECK(next("0 0 31 * *", utc(2025, 4, 1)) == utc(2025, 5, 31));
    CHECK(next("0 0 31 * *", utc(2025, 5, 31)) == utc(2025, 7, 31)); // June has 30 days
    CHECK(next("59 23 28-31 2 *", utc(2025, 2, 1)) == utc(2025, 2, 28, 23, 59));
    CHECK(next("59 23 28-31 2 *", utc(2025, 2, 28, 23, 59)) == utc(2026, 2, 28, 23, 59));
    CHECK(next("59 23 28-31 2 *", utc(2028, 2, 28, 23, 59)) == utc(2028, 2, 29, 23, 59));
    CHECK(next("0 0 1 1 *", utc(2025, 12, 31, 23, 59)) == utc(2026, 1, 1));
    CHECK(next("* * * * *", utc(2025, 12, 31, 23, 59)) == utc(2026, 1, 1));
    CHECK(next("0 0 30 * *", utc(2025, 1, 30)) == utc(2025, 3, 30));
}

// ---------------------------------------------------------------- daylight saving

// Europe/London 2025: GMT -> BST at 2025-03-30 01:00 UTC (01:00 local becomes 02:00), BST -> GMT
// at 2025-10-26 01:00 UTC (02:00 local becomes 01:00).

TEST_CASE("London spring forward: a skipped time runs once, when the gap ends") {
    CHECK(runs("30 1 * * *", utc(2025, 3, 29, 12), "Europe/London", 2) ==
          std::vector<std::string>{show(utc(2025, 3, 30, 1)), show(utc(2025, 3, 31, 0, 30))});
    CHECK(runs("0,30 1 * * *", utc(2025, 3, 29, 12), "Europe/London", 2) ==
          std::vector<std::string>{show(utc(2025, 3, 30, 1)), show(utc(2025, 3, 31, 0, 0))});
}

TEST_CASE("London spring forward: a 02:00 job runs once") {
    CHECK(runs("0 2 * * *", utc(2025, 3, 29, 12), "Europe/London", 2) ==
          std::vector<std::string>{show(utc(2025, 3, 30, 1)), show(utc(2025, 3, 31, 1))});
}

TEST_CASE("London fall back: a repeated time runs once, at its first occurrence") {
    CHECK(runs("30 1 * * *", utc(2025, 10, 25, 12), "Europe/London", 2) ==
          std::vector<std::string>{show(utc(2025, 10, 26, 0, 30)), show(utc(2025, 10, 27, 1, 30))});
    CHECK(next("30 1 * * *", utc(2025, 10, 26, 0, 30), "Europe/London") ==
          utc(2025, 10, 27, 1, 30));
    CHECK(next("0 2 * * *", utc(2025, 10, 25, 12), "Europe/London") == utc(2025, 10, 26, 2));
}

TEST_CASE("London: jobs repeating within the day follow the clock through the changes") {
    // Hourly: no catch-up for the skipped 01:00, and both 01:00s in autumn.
    CHECK(runs("0 * * * *", utc(2025, 3, 30, 0, 30), "Europe/London", 2) ==
          std::vector<std::string>{show(utc(2025, 3, 30, 1)), show(utc(2025, 3, 30, 2))});
    CHECK(runs("30 * * * *", utc(2025, 3, 30, 0, 30), "Europe/London", 1) ==
          std::vector<std::string>{show(utc(2025, 3, 30, 1, 30))});
    CHECK(runs("0 * * * *", utc(2025, 10, 25, 23, 30), "Europe/London", 3) ==
          std::vector<std::string>{show(utc(2025, 10, 26, 0)), show(utc(2025, 10, 26, 1)),
                                   show(utc(2025, 10, 26, 2))});
    CHECK(runs("*/30 1 * * *", utc(2025, 10, 25, 12), "Europe/London", 5) ==
          std::vector<std::string>{show(utc(2025, 10, 26, 0, 0)), show(utc(2025, 10, 26, 0, 30)),
                                   show(utc(2025, 10, 26, 1, 0)), show(utc(2025, 10, 26, 1, 30)),
                                   show(utc(2025, 10, 27, 1, 0))});
}

TEST_CASE("London after 2037 (the file's rule string takes over from its table)") {
    // 2040: GMT -> BST at 2040-03-25 01:00 UTC, BST -> GMT at 2040-10-28 01:00 UTC.
    CHECK(next("30 1 * * *", utc(2040, 3, 24, 12), "Europe/London") == utc(2040, 3, 25, 1));
    CHECK(next("30 1 * * *", utc(2040, 3, 25, 1), "Europe/London") == utc(2040, 3, 26, 0, 30));
    CHECK(next("30 1 * * *", utc(2040, 10, 27, 12), "Europe/London") == utc(2040, 10, 28, 0, 30));
    CHECK(next("30 1 * * *", utc(2040, 10, 28, 0, 30), "Europe/London") ==
          utc(2040, 10, 29, 1, 30));
}

// America/New_York 2025: EST -> EDT at 2025-03-09 07:00 UTC (02:00 local becomes 03:00), EDT ->
// EST at 2025-11-02 06:00 UTC (02:00 local becomes 01:00).

TEST_CASE("New York spring forward: 02:30 runs at 03:00 EDT") {
    CHECK(runs("30 2 * * *", utc(2025, 3, 8, 12), "America/New_York", 2) ==
          std::vector<std::string>{show(utc(2025, 3, 9, 7)), show(utc(2025, 3, 10, 6, 30))});
    CHECK(next("30 2 * * *", utc(2045, 3, 11, 12), "America/New_York") == utc(2045, 3, 12, 7));
}

TEST_CASE("New York fall back: 01:30 runs once, in EDT") {
    CHECK(runs("30 1 * * *", utc(2025, 11, 1, 12), "America/New_York", 2) ==
          std::vector<std::string>{show(utc(2025, 11, 2, 5, 30)), show(utc(2025, 11, 3, 6, 30))});
    CHECK(runs("0 * * * *", utc(2025, 11, 2, 4, 30), "America/New_York", 3) ==
          std::vector<std::string>{show(utc(2025, 11, 2, 5)), show(utc(2025, 11, 2, 6)),
                                   show(utc(2025, 11, 2, 7))});
}

TEST_CASE("Sydney (southern hemisphere): spring forward in October") {
    // AEST -> AEDT at 2025-10-04 16:00 UTC (02:00 local becomes 03:00).
    CHECK(next("30 2 * * *", utc(2025, 10, 4, 1), "Australia/Sydney") == utc(2025, 10, 4, 16));
    // AEDT -> AEST at 2025-04-05 16:00 UTC (03:00 local becomes 02:00).
    CHECK(next("30 2 * * *", utc(2025, 4, 5, 1), "Australia/Sydney") == utc(2025, 4, 5, 15, 30));
}

TEST_CASE("a zone without daylight saving: Asia/Tokyo") {
    CHECK(next("0 9 * * *", utc(2025, 3, 30, 12), "Asia/Tokyo") == utc(2025, 3, 31, 0));
    CHECK(next("0 2 * * 2", utc(2025, 1, 1), "Asia/Tokyo") == utc(2025, 1, 6, 17));
    CHECK(next("30 1 * * *", utc(2025, 10, 25, 12), "Asia/Tokyo") == utc(2025, 10, 25, 16, 30));
    CHECK(zone("Asia/Tokyo").utc_offset(utc(2025, 1, 1)) == hours{9});
    CHECK(zone("Asia/Tokyo").utc_offset(utc(2025, 7, 1)) == hours{9});
}

TEST_CASE("UTC, built in and from the zone directory") {
    for (const char* name : {"UTC", "Etc/UTC"}) {
        const TimeZone tz = TimeZone::load(name);
        CHECK(tz.name() == name);
        CHECK(tz.utc_offset(utc(2025, 7, 1)) == seconds{0});
        CHECK(CronExpression::parse("30 1 * * *").next_after(utc(2025, 3, 29, 12), tz) ==
              utc(2025, 3, 30, 1, 30));
    }
    CHECK(TimeZone().name() == "UTC");
    CHECK(TimeZone::utc().utc_offset(utc(2025, 7, 1)) == seconds{0});
}

// ---------------------------------------------------------------- previous_at_or_before

TEST_CASE("previous_at_or_before includes `at` itself") {
    CHECK(previous("0 2 * * 2", utc(2025, 1, 7, 2)) == utc(2025, 1, 7, 2));
    CHECK(previous("0 2 * * 2", utc(2025, 1, 7, 1, 59, 59)) == utc(2024, 12, 31, 2));
    CHECK(previous("0 2 * * 2", utc(2025, 1, 7, 2) + std::chrono::milliseconds{1}) ==
          utc(2025, 1, 7, 2));
    CHECK(previous("0 2 * * 2", utc(2025, 1, 7, 2) - std::chrono::milliseconds{1}) ==
          utc(2024, 12, 31, 2));
    CHECK(previous("0 2 * * 2", utc(2025, 6, 10), "Europe/London") == utc(2025, 6, 3, 1));
}

TEST_CASE("previous_at_or_before across days, months and leap years") {
    CHECK(previous("0 0 13 * 5", utc(2025, 7, 17)) == utc(2025, 7, 13));
    CHECK(previous("0 0 31 * *", utc(2025, 7, 30)) == utc(2025, 5, 31));
    CHECK(previous("0 0 29 2 *", utc(2027, 6, 1)) == utc(2024, 2, 29));
    CHECK(previous("0 0 29 2 *", utc(2103, 12, 31)) == utc(2096, 2, 29));
    CHECK(previous("0 0 1 1 *", utc(2026, 1, 1) - seconds{1}) == utc(2025, 1, 1));
}

TEST_CASE("previous_at_or_before over London's changes") {
    CHECK(previous("30 1 * * *", utc(2025, 3, 30, 1), "Europe/London") == utc(2025, 3, 30, 1));
    CHECK(previous("30 1 * * *", utc(2025, 3, 30, 0, 59), "Europe/London") ==
          utc(2025, 3, 29, 1, 30));
    // 01:45 GMT is the second 01:45 of the day; the only 01:30 run was in BST.
    CHECK(previous("30 1 * * *", utc(2025, 10, 26, 1, 45), "Europe/London") ==
          utc(2025, 10, 26, 0, 30));
    CHECK(previous("0 * * * *", utc(2025, 10, 26, 1, 30), "Europe/London") == utc(2025, 10, 26, 1));
    CHECK(previous("0 * * * *", utc(2025, 10, 26, 0, 59), "Europe/London") == utc(2025, 10, 26, 0));
    CHECK(previous("0 * * * *", utc(2025, 3, 30, 0, 59), "Europe/London") == utc(2025, 3, 30, 0));
}

TEST_CASE("previous_at_or_before over New York's changes") {
    CHECK(previous("30 2 * * *", utc(2025, 3, 9, 7, 30), "America/New_York") == utc(2025, 3, 9, 7));
    CHECK(previous("30 2 * * *", utc(2025, 3, 9, 6, 59), "America/New_York") ==
          utc(2025, 3, 8, 7, 30));
    CHECK(previous("30 1 * * *", utc(2025, 11, 2, 6, 45), "America/New_York") ==
          utc(2025, 11, 2, 5, 30));
    CHECK(previous("30 1 * * *", utc(2025, 11, 3, 6, 30), "America/New_York") ==
          utc(2025, 11, 3, 6, 30));
}

TEST_CASE("previous and next agree on every run of a day with a change") {
    const CronExpression cron = CronExpression::parse("*/20 * * * *");
    const TimeZone& london = zone("Europe/London");
    for (MaybeInstant t = cron.next_after(utc(2025, 10, 25, 22), london);
         t && *t < utc(2025, 10, 26, 4); t = cron.next_after(*t, london)) {
        CAPTURE(show(*t));
        CHECK(cron.previous_at_or_before(*t, london) == *t);
        CHECK(cron.previous_at_or_before(*t - seconds{1}, london) < *t);
    }
}

// ---------------------------------------------------------------- time zones

TEST_CASE("zones load by IANA name and report their offsets") {
    const TimeZone& london = zone("Europe/London");
    CHECK(london.name() == "Europe/London");
    CHECK(london.utc_offset(utc(2025, 1, 15)) == seconds{0});
    CHECK(london.utc_offset(utc(2025, 7, 15)) == hours{1});
    CHECK(london.utc_offset(utc(2025, 3, 30, 0, 59, 59)) == seconds{0});
    CHECK(london.utc_offset(utc(2025, 3, 30, 1)) == hours{1});
    CHECK(zone("America/New_York").utc_offset(utc(2025, 1, 15)) == hours{-5});
    CHECK(zone("America/New_York").utc_offset(utc(2025, 7, 15)) == hours{-4});
    CHECK(london.to_local(utc(2025, 7, 15, 12)) == wall(2025, 7, 15, 13));
}

TEST_CASE("resolve tells unique, skipped and repeated wall-clock times apart") {
    const TimeZone& london = zone("Europe/London");
    const LocalTimeMapping plain = london.resolve(wall(2025, 7, 1, 12));
    CHECK(plain.kind == LocalTimeMapping::Kind::unique);
    CHECK(Instant{plain.earliest} == utc(2025, 7, 1, 11));

    const LocalTimeMapping skipped = london.resolve(wall(2025, 3, 30, 1, 30));
    CHECK(skipped.kind == LocalTimeMapping::Kind::skipped);
    CHECK(Instant{skipped.earliest} == utc(2025, 3, 30, 1));

    const LocalTimeMapping repeated = london.resolve(wall(2025, 10, 26, 1, 30));
    CHECK(repeated.kind == LocalTimeMapping::Kind::ambiguous);
    CHECK(Instant{repeated.earliest} == utc(2025, 10, 26, 0, 30));
    CHECK(Instant{repeated.latest} == utc(2025, 10, 26, 1, 30));
}

TEST_CASE("unknown zones are refused with the directory searched") {
    CHECK(error_of([] { TimeZone::load("Nowhere/Atlantis"); }) ==
          "unknown time zone 'Nowhere/Atlantis' (looked in /usr/share/zoneinfo)");
    // Names that would leave the directory, non-zone files and directories are not zones.
    for (const char* name : {"../../etc/passwd", "/etc/localtime", "zone.tab", "Europe", "Europe/",
                             "Europe//London", "Europe/./London", "europe london"}) {
        CAPTURE(name);
        CHECK(error_of([&] { TimeZone::load(name); }) ==
              std::string("unknown time zone '") + name + "' (looked in /usr/share/zoneinfo)");
    }
}

TEST_CASE("the machine's zone comes from TZ, else /etc/localtime") {
    {
        const ScopedTz tz(":America/New_York");
        const TimeZone machine = TimeZone::load("");
        CHECK(machine.name() == "America/New_York");
        CHECK(machine.utc_offset(utc(2025, 1, 15)) == hours{-5});
    }
    {
        const ScopedTz tz("/usr/share/zoneinfo/Europe/London");
        CHECK(TimeZone::load("").name() == "Europe/London");
    }
    {
        const ScopedTz tz("EST5EDT,M3.2.0,M11.1.0");
        const TimeZone machine = TimeZone::load("");
        CHECK(machine.name() == "EST5EDT,M3.2.0,M11.1.0");
        CHECK(machine.utc_offset(utc(2025, 7, 15)) == hours{-4});
    }
    {
        const ScopedTz tz("");
        CHECK(TimeZone::load("").name() == "UTC");
    }
    {
        const ScopedTz tz("Nowhere/Atlantis");
        CHECK(error_of([] { TimeZone::load(""); }) ==
              "unknown time zone 'Nowhere/Atlantis' (from the TZ environment variable; looked "
              "in /usr/share/zoneinfo)");
    }
    const ScopedTz restore("UTC");
    ::unsetenv("TZ");
    CHECK_FALSE(TimeZone::load("").name().empty());
}

TEST_CASE("TZif version 1 files: the table only") {
    // One change, at 2001-09-09 01:46:40 UTC, from UTC+1 to UTC+2.
    const TimeZone tz = load_tzif_bytes(TzifBuilder({3600, 7200}, {{1000000000, 1}}).version1());
    CHECK(tz.utc_offset(utc(2001, 9, 9, 1, 46, 39)) == hours{1});
    CHECK(tz.utc_offset(utc(2001, 9, 9, 1, 46, 40)) == hours{2});
    CHECK(tz.utc_offset(utc(2040, 1, 1)) == hours{2});
}

TEST_CASE("TZif files with no transitions use their footer rule (as slim files do)") {
    const TimeZone tz = load_tzif_bytes(TzifBuilder({0}, {}).version2("GMT0BST,M3.5.0/1,M10.5.0"));
    CHECK(tz.utc_offset(utc(2025, 3, 30, 0, 59, 59)) == seconds{0});
    CHECK(tz.utc_offset(utc(2025, 3, 30, 1)) == hours{1});
    CHECK(CronExpression::parse("30 1 * * *").next_after(utc(2025, 3, 29, 12), tz) ==
          utc(2025, 3, 30, 1));
}

TEST_CASE("malformed TZif files are refused with the reason") {
    std::string truncated = TzifBuilder({3600, 7200}, {{1000000000, 1}}).version2("");
    truncated.resize(truncated.size() - 20);
    CHECK(error_of([&] { load_tzif_bytes(truncated); })
              .find("malformed TZif data: file is "
                    "truncated") != std::string::npos);
    const std::string bad_type = TzifBuilder({3600}, {{1000000000, 3}}).version1();
    CHECK(error_of([&] {
              load_tzif_bytes(bad_type);
          }).find("transition refers to a missing local time type") != std::string::npos);
    const std::string bad_footer = TzifBuilder({0}, {}).version2("GMT0BST,M3.5");
    CHECK(error_of([&] {
              load_tzif_bytes(bad_footer);
          }).find("invalid POSIX TZ string 'GMT0BST,M3.5'") != std::string::npos);
}

TEST_CASE("POSIX TZ rules: month-week-day, Julian and zero-based days") {
    // Sydney's rule: DST from the first Sunday in October 02:00 to the first in April 03:00.
    const TimeZone sydney = TimeZone::from_posix_tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
    CHECK(sydney.utc_offset(utc(2025, 4, 5, 15, 59, 59)) == hours{11});
    CHECK(sydney.utc_offset(utc(2025, 4, 5, 16)) == hours{10});
    CHECK(sydney.utc_offset(utc(2025, 10, 4, 15, 59, 59)) == hours{10});
    CHECK(sydney.utc_offset(utc(2025, 10, 4, 16)) == hours{11});
    CHECK(CronExpression::parse("30 2 * * *").next_after(utc(2025, 10, 4, 1), sydney) ==
          utc(2025, 10, 4, 16));

    // "J60" is 1 March in every year; zero-based "59" is 29 February in leap years.
    const TimeZone julian = TimeZone::from_posix_tz("AAA0BBB,J60/0,J300/0");
    CHECK(julian.utc_offset(utc(2024, 2, 29, 23, 59, 59)) == seconds{0});
    CHECK(julian.utc_offset(utc(2024, 3, 1)) == hours{1});
    CHECK(julian.utc_offset(utc(2025, 3, 1)) == hours{1});
    const TimeZone zero_based = TimeZone::from_posix_tz("AAA0BBB,59/0,300/0");
    CHECK(zero_based.utc_offset(utc(2024, 2, 28, 23, 59, 59)) == seconds{0});
    CHECK(zero_based.utc_offset(utc(2024, 2, 29)) == hours{1});
    CHECK(zero_based.utc_offset(utc(2025, 2, 28, 23, 59, 59)) == seconds{0});
    CHECK(zero_based.utc_offset(utc(2025, 3, 1)) == hours{1});

    // Daylight saving all year round has no changes at all.
    const TimeZone always = TimeZone::from_posix_tz("<+03>-3<+04>,0/0,J365/25");
    CHECK(always.utc_offset(utc(2025, 1, 1)) == hours{4});
    CHECK(always.utc_offset(utc(2025, 12, 31, 23, 59)) == hours{4});
    CHECK(always.resolve(wall(2025, 1, 1, 0, 30)).kind == LocalTimeMapping::Kind::unique);

    CHECK(error_of([] {
              TimeZone::from_posix_tz("EST5EDT,M13.1.0,M11.1.0");
          }).find("invalid POSIX TZ string 'EST5EDT,M13.1.0,M11.1.0'") == 0);
    CHECK(error_of([] { TimeZone::from_posix_tz("X5"); }).find("invalid POSIX TZ string") == 0);
}

TEST_CASE("one zone and one expression serve several threads at once") {
    const TimeZone london = TimeZone::load("Europe/London");
    const CronExpression cron = CronExpression::parse("30 1 * * *");
    std::vector<MaybeInstant> results(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&, i] {
            for (int repeat = 0; repeat < 50; ++repeat) {
                results[i] = cron.next_after(utc(2025, 3, 29, 12), london);
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (const MaybeInstant& result : results) {
        CHECK(result == utc(2025, 3, 30, 1));
    }
}
