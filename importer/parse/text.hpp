#pragma once

#include "base/utf8.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace offimport {

// ASCII white space at both ends removed.
std::string_view trim(std::string_view text);

// A decimal number written as text ("0.163", " 12 ", "1e3"); nullopt for anything else,
// including "", "12g", "1,5", hexadecimal, and non-finite values.
std::optional<double> parse_decimal(std::string_view text);

// At most `max_bytes` of `text`, cut at a character boundary, ill-formed bytes replaced,
// U+0000 removed: safe to store in a text column.
std::string excerpt(std::string_view text, std::size_t max_bytes);

} // namespace offimport
