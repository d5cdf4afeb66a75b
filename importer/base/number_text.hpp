#pragma once

#include <cstdint>
#include <string>

namespace offimport {

// Numbers as people read them in logs and messages.

// 1234567 -> "1,234,567".
std::string grouped(std::uint64_t value);
// 2.345, 1 -> "2.3": a measure with a fixed number of decimals.
std::string fixed(double value, int decimals);
// 0.12345 -> "12.35%"; 0.01 -> "1%".
std::string percent(double ratio);
// A setting's value as it is written in the configuration: 0.01 -> "0.01", 0.5 -> "0.5".
std::string setting_number(double value);

} // namespace offimport
