#include "base/json_writer.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace offimport {

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

JsonObject& JsonObject::raw(std::string_view key, std::string_view json) {
    if (body_.size() > 1) {
        body_ += ',';
    }
    body_ += json_string(key);
    body_ += ':';
    body_ += json;
    return *this;
}

JsonObject& JsonObject::text(std::string_view key, std::string_view value) {
    return raw(key, json_string(value));
}

JsonObject& JsonObject::number(std::string_view key, double value) {
    if (!std::isfinite(value)) {
        return null(key); // JSON has no NaN or infinity
    }
    char formatted[32];
    std::snprintf(formatted, sizeof formatted, "%.15g", value);
    return raw(key, formatted);
}

JsonObject& JsonObject::integer(std::string_view key, std::int64_t value) {
    return raw(key, std::to_string(value));
}

JsonObject& JsonObject::boolean(std::string_view key, bool value) {
    return raw(key, value ? "true" : "false");
}

JsonObject& JsonObject::null(std::string_view key) {
    return raw(key, "null");
}

} // namespace offimport

namespace offimport {

std::string json_time(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char formatted[32];
    std::strftime(formatted, sizeof formatted, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return json_string(formatted);
}

} // namespace offimport
