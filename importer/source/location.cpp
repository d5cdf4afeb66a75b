#include "source/location.hpp"

#include <cctype>
#include <string_view>

namespace offimport {
namespace {

// Where the password of `url` lies (offset and length), or length 0.
struct PasswordSpan {
    std::size_t at = 0;
    std::size_t length = 0;
};

PasswordSpan password_span(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    const std::size_t authority = scheme_end + 3;
    const std::size_t authority_end = std::min(url.find_first_of("/?#", authority), url.size());
    const std::string_view host_part = url.substr(authority, authority_end - authority);
    const auto at_sign = host_part.rfind('@'); // the last '@': a raw one may be in the password
    if (at_sign == std::string_view::npos) {
        return {};
    }
    const auto colon = host_part.substr(0, at_sign).find(':');
    if (colon == std::string_view::npos) {
        return {};
    }
    return {authority + colon, at_sign - colon}; // ":password"
}

int hex_value(char c) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
        return c - '0';
    }
    const int lower = std::tolower(static_cast<unsigned char>(c));
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
        const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
        if (low < 0 || (high == 0 && low == 0)) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string public_location(const std::string& location) {
    const auto span = password_span(location);
    if (span.length == 0) {
        return location;
    }
    return location.substr(0, span.at) + location.substr(span.at + span.length);
}

std::vector<std::string> location_secrets(const std::string& location) {
    const auto span = password_span(location);
    if (span.length <= 1) {
        return {};
    }
    const std::string written = location.substr(span.at + 1, span.length - 1);
    std::vector<std::string> secrets{written};
    if (const auto decoded = percent_decode(written); decoded && *decoded != written) {
        secrets.push_back(*decoded);
    }
    return secrets;
}

} // namespace offimport
