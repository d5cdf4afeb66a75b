#include "base/grouped.hpp"

namespace offimport {

std::string grouped(std::uint64_t value) {
    std::string digits = std::to_string(value);
    for (auto at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, ",");
    }
    return digits;
}

} // namespace offimport
