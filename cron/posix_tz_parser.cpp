// Parses POSIX TZ strings ("std offset [dst [offset] [,start[/time],end[/time]]]"), including
// the RFC 8536 extension that lets rule times run from -167 to 167 hours.
#include "cron/posix_tz.hpp"

#include <cctype>
#include <stdexcept>
#include <string>

namespace offimport::cron {

namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int max_offset_hours = 24;
constexpr int max_rule_time_hours = 167;

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

class PosixTzParser {
public:
    explicit PosixTzParser(std::string_view text) : text_(text) {}

    PosixTimeZone parse() {
        PosixTimeZone zone;
        skip_name();
        zone.std_offset = -read_signed_hms(max_offset_hours);
        if (!at_end()) {
            zone.dst = read_dst(zone.std_offset);
        }
        if (!at_end()) {
            fail("unexpected text after the rule");
        }
        return zone;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }

    bool accept(char c) {
        if (peek() != c) {
            return false;
        }
        ++pos_;
        return true;
    }

    void expect(char c) {
        if (!accept(c)) {
            fail(std::string("expected '") + c + "'");
        }
    }

    [[noreturn]] void fail(const std::string& why) const {
        throw std::invalid_argument("invalid POSIX TZ string '" + std::string(text_) + "': " + why +
                                    " at position " + std::to_string(pos_));
    }

    // Zone abbreviations are only for display; a schedule needs none of them.
    void skip_name() {
        const std::size_t start = pos_;
        if (accept('<')) {
            while (!at_end() && peek() != '>') {
                const char c = peek();
                if (!is_digit(c) && !is_alpha(c) && c != '+' && c != '-') {
                    fail("bad character in a <quoted> zone name");
                }
                ++pos_;
            }
            const std::size_t length = pos_ - start - 1;
            expect('>');
            if (length < 3) {
                fail("zone name shorter than 3 characters");
            }
            return;
        }
        while (is_alpha(peek())) {
            ++pos_;
        }
        if (pos_ - start < 3) {
            fail("expected a zone name of at least 3 letters");
        }
    }

    int read_number(int min, int max) {
        if (!is_digit(peek())) {
            fail("expected a number");
        }
        long value = 0;
        while (is_digit(peek())) {
            value = value * 10 + (text_[pos_++] - '0');
            if (value > max) {
                fail("number out of range " + std::to_string(min) + "-" + std::to_string(max));
            }
        }
        if (value < min) {
            fail("number out of range " + std::to_string(min) + "-" + std::to_string(max));
        }
        return static_cast<int>(value);
    }

    // hh[:mm[:ss]] with an optional sign.
    seconds read_signed_hms(int max_hours) {
        const bool negative = accept('-');
        if (!negative) {
            accept('+');
        }
        seconds value = hours{read_number(0, max_hours)};
        if (accept(':')) {
            value += minutes{read_number(0, 59)};
            if (accept(':')) {
                value += seconds{read_number(0, 59)};
            }
        }
        return negative ? -value : value;
    }

    PosixRuleDate read_date() {
        PosixRuleDate date;
        if (accept('J')) {
            date.kind = PosixRuleDate::Kind::julian_without_leap_day;
            date.number = read_number(1, 365);
        } else if (accept('M')) {
            date.kind = PosixRuleDate::Kind::month_week_weekday;
            date.month_of_year = read_number(1, 12);
            expect('.');
            date.week_of_month = read_number(1, 5);
            expect('.');
            date.day_of_week = read_number(0, 6);
        } else {
            date.kind = PosixRuleDate::Kind::zero_based_day;
            date.number = read_number(0, 365);
        }
        return date;
    }

    seconds read_rule_time() {
        return accept('/') ? read_signed_hms(max_rule_time_hours) : seconds{hours{2}};
    }

    PosixDstRule read_dst(seconds std_offset) {
        skip_name();
        PosixDstRule rule;
        // Without an explicit offset, daylight time is one hour ahead of standard time.
        rule.utc_offset = std_offset + hours{1};
        if (!at_end() && peek() != ',') {
            rule.utc_offset = -read_signed_hms(max_offset_hours);
        }
        if (at_end()) {
            return with_default_dates(rule);
        }
        expect(',');
        rule.start = read_date();
        rule.start_time = read_rule_time();
        expect(',');
        rule.end = read_date();
        rule.end_time = read_rule_time();
        return rule;
    }

    // POSIX leaves the dates to the implementation when a string gives none; glibc uses the
    // United States rules, and so do we.
    static PosixDstRule with_default_dates(PosixDstRule rule) {
        rule.start = {PosixRuleDate::Kind::month_week_weekday, 0, 3, 2, 0};
        rule.start_time = hours{2};
        rule.end = {PosixRuleDate::Kind::month_week_weekday, 0, 11, 1, 0};
        rule.end_time = hours{2};
        return rule;
    }
};

} // namespace

PosixTimeZone parse_posix_tz(std::string_view text) {
    return PosixTzParser(text).parse();
}

} // namespace offimport::cron
