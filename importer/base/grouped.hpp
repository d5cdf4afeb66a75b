#pragma once

#include <cstdint>
#include <string>

namespace offimport {

// 1234567 -> "1,234,567": counts and sizes are read by people in logs and messages.
std::string grouped(std::uint64_t value);

} // namespace offimport
