// Parses sizes such as "1G", "500M", "64K", "1.5GiB" or "123456" (bytes). K/M/G/T are powers
// of 1024, whether written K, KB or KiB.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gendump {

std::optional<std::uint64_t> parse_byte_size(std::string_view text);

} // namespace gendump
