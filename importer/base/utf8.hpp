#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace offimport {

// Length of the well-formed UTF-8 sequence starting at text[at], or 0 when ill-formed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Appends `text` to `out` with every ill-formed UTF-8 sequence replaced by U+FFFD.
void append_repaired_utf8(std::string_view text, std::string& out);

} // namespace offimport
