#include "parse/text.hpp"

#include "base/utf8.hpp"

#include <charconv>
#include <cmath>

namespace offimport {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::optional<double> parse_decimal(std::string_view text) {
    text = trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    // from_chars would accept "inf" and "nan": a number must start with a digit, sign or dot.
    const char first = text.front();
    if (!(first == '-' || first == '.' || (first >= '0' && first <= '9'))) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto length = utf8_sequence_length(text, at);
        const std::size_t step = length == 0 ? 1 : length;
        const std::size_t grows = length == 0 ? 3 : (text[at] == '\0' ? 0 : length);
        if (out.size() + grows > max_bytes) {
            break;
        }
        if (length == 0) {
            out += "\xEF\xBF\xBD";
        } else if (text[at] != '\0') {
            out.append(text.substr(at, length));
        }
        at += step;
    }
    return out;
}

} // namespace offimport
