#include "base/number_text.hpp"

#include <cstdio>

namespace offimport {
namespace {

// printf's %g keeps the digits that matter and drops trailing zeros.
std::string shortest(double value, int significant) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*g", significant, value);
    return text;
}

} // namespace

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string grouped(std::uint64_t value) {
    std::string digits = std::to_string(value);
    for (auto at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, ",");
    }
    return digits;
}

std::string percent(double ratio) {
    std::string number = fixed(ratio * 100, 2);
    // "12.50" -> "12.5", "1.00" -> "1": as short as the value needs.
    number.erase(number.find_last_not_of('0') + 1);
    if (number.back() == '.') {
        number.pop_back();
    }
    return number + "%";
}

std::string setting_number(double value) {
    return shortest(value, 15);
}

} // namespace offimport
