#include "daemon/serve/bearer_token.hpp"

#include <cctype>

namespace offimport::daemon {

std::optional<std::string_view> bearer_token(std::string_view authorization) {
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() <= scheme.size()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < scheme.size(); ++i) { // the scheme is case-insensitive
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) {
            return std::nullopt;
        }
    }
    std::string_view token = authorization.substr(scheme.size());
    while (!token.empty() && (token.front() == ' ' || token.back() == ' ')) {
        token = token.front() == ' ' ? token.substr(1) : token.substr(0, token.size() - 1);
    }
    return token.empty() ? std::nullopt : std::optional(token);
}

bool tokens_match(std::string_view presented, std::string_view expected) {
    if (expected.empty()) {
        return false;
    }
    // Every presented byte is compared (against the expected token, repeated), and a length
    // difference only sets a bit: no early exit.
    unsigned difference = presented.size() == expected.size() ? 0u : 1u;
    for (std::size_t i = 0; i < presented.size(); ++i) {
        difference |= static_cast<unsigned char>(presented[i]) ^
                      static_cast<unsigned char>(expected[i % expected.size()]);
    }
    return difference == 0 && !presented.empty();
}

} // namespace offimport::daemon
