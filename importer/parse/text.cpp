#include "parse/text.hpp"

#include <charconv>
#include <cmath>

namespace offimport {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the well-formed UTF-8 sequence starting at text[at], or 0 when ill-formed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) {
        return 1;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlongs
        high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;  // no overlongs
        high = lead == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    if (byte(at + 1) < low || byte(at + 1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) {
            return 0;
        }
    }
    return length;
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

bool is_valid_utf8(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto length = utf8_sequence_length(text, at);
        if (length == 0) {
            return false;
        }
        at += length;
    }
    return true;
}

void append_repaired_utf8(std::string_view text, std::string& out) {
    for (std::size_t at = 0; at < text.size();) {
        const auto length = utf8_sequence_length(text, at);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++at;
        } else {
            out.append(text.substr(at, length));
            at += length;
        }
    }
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
