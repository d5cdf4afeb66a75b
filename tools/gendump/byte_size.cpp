#include "byte_size.hpp"

#include <cctype>
#include <cstdint>

namespace gendump {

namespace {

std::optional<std::uint64_t> unit_factor(std::string_view unit) {
    if (unit.empty() || unit == "B") {
        return 1;
    }
    std::uint64_t factor = 1;
    const char prefix = static_cast<char>(std::toupper(static_cast<unsigned char>(unit[0])));
    const std::string_view letters = "KMGT";
    const auto power = letters.find(prefix);
    if (power == std::string_view::npos) {
        return std::nullopt;
    }
    for (std::size_t k = 0; k <= power; ++k) {
        factor *= 1024;
    }
    unit.remove_prefix(1);
    if (unit.empty() || unit == "B" || unit == "iB") {
        return factor;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
    // Integer and fraction parts by hand: no locale, no floating-point surprises.
    std::uint64_t whole = 0;
    std::uint64_t fraction = 0;
    std::uint64_t fraction_scale = 1;
    std::size_t i = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
        whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    if (i == 0 || i > 15) {
        return std::nullopt;
    }
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            if (fraction_scale < 1000000) {
                fraction = fraction * 10 + static_cast<std::uint64_t>(text[i] - '0');
                fraction_scale *= 10;
            }
        }
    }
    const auto factor = unit_factor(text.substr(i));
    if (!factor) {
        return std::nullopt;
    }
    if (whole > (UINT64_MAX >> 1) / *factor) {
        return std::nullopt;
    }
    return whole * *factor + fraction * *factor / fraction_scale;
}

} // namespace gendump
