#pragma once

#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string_view>
#include <vector>

// Lenient readers for the values of real Open Food Facts products, where a number may be
// written as a string and a field may hold null or an unexpected type. A value of the wrong
// type reads as absent; only malformed JSON is an error.
namespace offimport {

// A JSON string (unescaped). False for any other type.
bool string_value(simdjson::ondemand::value& value, std::string_view& out);

// A string, or a number's literal text (barcodes and image revisions come either way).
bool scalar_text(simdjson::ondemand::value& value, std::string_view& out);

// scalar_text of object[key]; false when the key is absent.
bool member_text(simdjson::ondemand::object& object, std::string_view key, std::string_view& out);

// A finite number, or a string holding a decimal number ("0.163").
std::optional<double> number_value(simdjson::ondemand::value& value);

// Seconds since the epoch, number or numeric string, within years 1..9999.
std::optional<std::int64_t> timestamp_value(simdjson::ondemand::value& value);

// The string items of an array, in order; other items are skipped. Not an array: no items.
simdjson::error_code string_items(simdjson::ondemand::value& value,
                                  std::vector<std::string_view>& out);

} // namespace offimport
