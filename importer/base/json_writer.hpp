#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace offimport {

// `text` as a JSON string literal, quoted and escaped.
std::string json_string(std::string_view text);

// Builds one JSON object field by field; values written by the caller are already JSON.
class JsonObject {
public:
    JsonObject& text(std::string_view key, std::string_view value);
    JsonObject& number(std::string_view key, double value);
    JsonObject& integer(std::string_view key, std::int64_t value);
    JsonObject& boolean(std::string_view key, bool value);
    JsonObject& null(std::string_view key);
    JsonObject& raw(std::string_view key, std::string_view json);
    std::string str() const { return body_ + "}"; }

private:
    std::string body_ = "{";
};

} // namespace offimport

#include <chrono>

namespace offimport {

// "2024-05-07T02:00:00Z": an instant as a JSON string, in UTC, to the second.
std::string json_time(std::chrono::system_clock::time_point t);

} // namespace offimport
