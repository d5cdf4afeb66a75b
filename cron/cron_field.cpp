#include "cron/cron_field.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <span>
#include <stdexcept>
#include <string>

namespace offimport::cron {

namespace {

constexpr std::array<std::string_view, 12> month_names{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> weekday_names{"SUN", "MON", "TUE", "WED",
                                                        "THU", "FRI", "SAT"};

struct FieldSpec {
    std::string_view label;
    int min;
    int max;
    std::span<const std::string_view> names; // names[i] stands for min_named + i
    int min_named;
    std::string_view not_a_value; // the complaint for a token that is neither number nor name
};

const FieldSpec& spec_for(CronFieldKind kind) {
    // Day-of-week allows 7 as a second Sunday, as every cron does.
    static const std::array<FieldSpec, 5> specs{{
        {"minute", 0, 59, {}, 0, "is not a number"},
        {"hour", 0, 23, {}, 0, "is not a number"},
        {"day-of-month", 1, 31, {}, 0, "is not a number"},
        {"month", 1, 12, month_names, 1, "is not a number or month name (JAN-DEC)"},
        {"day-of-week", 0, 7, weekday_names, 0, "is not a number or weekday name (SUN-SAT)"},
    }};
    return specs[static_cast<std::size_t>(kind)];
}

bool all_digits(std::string_view token) {
    return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) ==
                      std::toupper(static_cast<unsigned char>(y));
           });
}

} // namespace

// Parses one field; a class only so that the error context need not be passed everywhere.
class CronFieldParser {
public:
    CronFieldParser(std::string_view text, CronFieldKind kind)
        : text_(text), kind_(kind), spec_(spec_for(kind)) {}

    CronField parse() {
        CronField field;
        field.starts_with_star_ = !text_.empty() && text_.front() == '*';
        std::size_t start = 0;
        while (start <= text_.size()) {
            const std::size_t comma = std::min(text_.find(',', start), text_.size());
            add_item(text_.substr(start, comma - start), field);
            start = comma + 1;
        }
        if (kind_ == CronFieldKind::day_of_week && field.values_.test(7)) {
            field.values_.reset(7);
            field.values_.set(0);
        }
        return field;
    }

private:
    std::string_view text_;
    CronFieldKind kind_;
    const FieldSpec& spec_;

    [[noreturn]] void fail(std::string_view part, std::string_view problem) const {
        std::string message = std::string(spec_.label) + " field '" + std::string(text_) + "'";
        if (part != text_) {
            message += ": '" + std::string(part) + "'";
        }
        message += " " + std::string(problem);
        throw std::invalid_argument(message);
    }

    std::string range_text() const {
        return std::to_string(spec_.min) + "-" + std::to_string(spec_.max);
    }

    // "base" or "base/step", where base is "*", "a" or "a-b".
    void add_item(std::string_view item, CronField& field) const {
        if (item.empty()) {
            fail(text_, "has an empty list item");
        }
        const std::size_t slash = item.find('/');
        const std::string_view base = item.substr(0, slash);
        const bool has_step = slash != std::string_view::npos;
        const int step = has_step ? parse_step(item.substr(slash + 1), item) : 1;

        int low = spec_.min;
        int high = spec_.max;
        if (base != "*") {
            const std::size_t dash = base.find('-');
            if (dash == std::string_view::npos) {
                if (has_step) {
                    fail(item, "has a step but no range or '*' before it");
                }
                low = high = parse_value(base);
            } else {
                const std::string_view from = base.substr(0, dash);
                const std::string_view to = base.substr(dash + 1);
                if (from.empty() || to.empty()) {
                    fail(item, "is not a valid range");
                }
                low = parse_value(from);
                high = parse_value(to);
                if (low > high) {
                    fail(item, "is a reversed range");
                }
            }
        }
        for (int value = low; value <= high; value += step) {
            field.values_.set(static_cast<std::size_t>(value));
        }
    }

    int parse_step(std::string_view token, std::string_view item) const {
        int step = 0;
        const char* end = token.data() + token.size();
        if (!all_digits(token) || std::from_chars(token.data(), end, step).ec != std::errc{} ||
            step < 1 || step > spec_.max) {
            fail(item, "has a step that is not a number from 1 to " + std::to_string(spec_.max));
        }
        return step;
    }

    int parse_value(std::string_view token) const {
        if (all_digits(token)) {
            int value = 0;
            const char* end = token.data() + token.size();
            if (std::from_chars(token.data(), end, value).ec != std::errc{} || value < spec_.min ||
                value > spec_.max) {
                fail(token, "is out of range " + range_text());
            }
            return value;
        }
        for (std::size_t i = 0; i < spec_.names.size(); ++i) {
            if (equals_ignoring_case(token, spec_.names[i])) {
                return spec_.min_named + static_cast<int>(i);
            }
        }
        fail(token, spec_.not_a_value);
    }
};

CronField CronField::parse(std::string_view text, CronFieldKind kind) {
    return CronFieldParser(text, kind).parse();
}

int CronField::first_at_or_after(int from) const {
    for (int value = std::max(from, 0); value < value_slots; ++value) {
        if (values_.test(static_cast<std::size_t>(value))) {
            return value;
        }
    }
    return -1;
}

int CronField::last_at_or_before(int from) const {
    for (int value = std::min(from, value_slots - 1); value >= 0; --value) {
        if (values_.test(static_cast<std::size_t>(value))) {
            return value;
        }
    }
    return -1;
}

} // namespace offimport::cron
