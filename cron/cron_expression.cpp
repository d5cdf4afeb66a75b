#include "cron/cron_expression.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace offimport::cron {

namespace {

struct Shortcut {
    std::string_view name;
    std::string_view fields;
};

constexpr std::array<Shortcut, 7> shortcuts{{
    {"@yearly", "0 0 1 1 *"},
    {"@annually", "0 0 1 1 *"},
    {"@monthly", "0 0 1 * *"},
    {"@weekly", "0 0 * * 0"},
    {"@daily", "0 0 * * *"},
    {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"},
}};

constexpr std::string_view blanks = " \t\r\n";

[[noreturn]] void fail(std::string_view text, std::string_view why) {
    throw std::invalid_argument("cron expression '" + std::string(text) + "': " + std::string(why));
}

std::string_view trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

std::string_view expand_shortcut(std::string_view text) {
    for (const Shortcut& shortcut : shortcuts) {
        if (equals_ignoring_case(text, shortcut.name)) {
            return shortcut.fields;
        }
    }
    fail(text, "unknown shortcut (expected @yearly, @annually, @monthly, @weekly, @daily, "
               "@midnight or @hourly)");
}

std::vector<std::string_view> split_fields(std::string_view text) {
    std::vector<std::string_view> fields;
    std::size_t start = text.find_first_not_of(blanks);
    while (start != std::string_view::npos) {
        const std::size_t end = std::min(text.find_first_of(blanks, start), text.size());
        fields.push_back(text.substr(start, end - start));
        start = text.find_first_not_of(blanks, end);
    }
    return fields;
}

} // namespace

CronExpression CronExpression::parse(std::string_view text) {
    const std::string_view trimmed = trim(text);
    const bool is_shortcut = !trimmed.empty() && trimmed.front() == '@';
    const std::vector<std::string_view> fields =
        split_fields(is_shortcut ? expand_shortcut(trimmed) : trimmed);
    if (fields.size() != 5) {
        fail(trimmed, "expected 5 fields (minute hour day-of-month month day-of-week), found " +
                          std::to_string(fields.size()));
    }
    CronExpression expression;
    expression.text_ = std::string(trimmed);
    try {
        expression.minute_ = CronField::parse(fields[0], CronFieldKind::minute);
        expression.hour_ = CronField::parse(fields[1], CronFieldKind::hour);
        expression.day_of_month_ = CronField::parse(fields[2], CronFieldKind::day_of_month);
        expression.month_ = CronField::parse(fields[3], CronFieldKind::month);
        expression.day_of_week_ = CronField::parse(fields[4], CronFieldKind::day_of_week);
    } catch (const std::invalid_argument& error) {
        fail(trimmed, error.what());
    }
    return expression;
}

bool CronExpression::matches(std::chrono::local_seconds wall) const {
    const auto day = std::chrono::floor<std::chrono::days>(wall);
    const std::chrono::hh_mm_ss time_of_day{wall - day};
    return matches_day(day) && hour_.allows(static_cast<int>(time_of_day.hours().count())) &&
           minute_.allows(static_cast<int>(time_of_day.minutes().count()));
}

bool CronExpression::matches_day(std::chrono::local_days day) const {
    const std::chrono::year_month_day date{day};
    if (!month_.allows(static_cast<int>(static_cast<unsigned>(date.month())))) {
        return false;
    }
    const bool day_of_month_ok =
        day_of_month_.allows(static_cast<int>(static_cast<unsigned>(date.day())));
    const bool day_of_week_ok =
        day_of_week_.allows(static_cast<int>(std::chrono::weekday{day}.c_encoding()));
    // Vixie cron: with one day field left as '*', both must match (the '*' one always does
    // unless it has a step); with both restricted, either is enough.
    if (day_of_month_.starts_with_star() || day_of_week_.starts_with_star()) {
        return day_of_month_ok && day_of_week_ok;
    }
    return day_of_month_ok || day_of_week_ok;
}

bool CronExpression::repeats_within_day() const {
    return minute_.starts_with_star() || hour_.starts_with_star();
}

} // namespace offimport::cron
