#pragma once

#include <bitset>
#include <string_view>

namespace offimport::cron {

enum class CronFieldKind { minute, hour, day_of_month, month, day_of_week };

// The values one field of a cron expression allows (0-59 at most; Sunday is 0).
class CronField {
public:
    CronField() = default;

    // Parses "*", "5", "1-5", "1,5", "*/15", "10-40/10", names ("JAN", "mon-fri") where the
    // field has them. Throws std::invalid_argument naming the field and what is wrong, e.g.
    // "hour field '25' is out of range 0-23".
    static CronField parse(std::string_view text, CronFieldKind kind);

    bool allows(int value) const {
        return value >= 0 && value < value_slots && values_.test(static_cast<std::size_t>(value));
    }
    // The smallest allowed value >= `from`, or -1.
    int first_at_or_after(int from) const;
    // The largest allowed value <= `from`, or -1.
    int last_at_or_before(int from) const;

    // Vixie cron treats a field that starts with '*' ("*", "*/2") as unrestricted, both for the
    // day-of-month / day-of-week rule and for which jobs count as repeating during DST changes.
    bool starts_with_star() const { return starts_with_star_; }

private:
    static constexpr int value_slots = 60; // 0-59: every field's values fit
    std::bitset<value_slots> values_;
    bool starts_with_star_ = false;

    friend class CronFieldParser;
};

} // namespace offimport::cron
