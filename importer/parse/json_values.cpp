#include "parse/json_values.hpp"

#include "parse/text.hpp"

#include <cmath>

namespace offimport {

using namespace simdjson;

bool string_value(ondemand::value& value, std::string_view& out) {
    return value.get_string().get(out) == SUCCESS;
}

bool scalar_text(ondemand::value& value, std::string_view& out) {
    ondemand::json_type type;
    if (value.type().get(type)) {
        return false;
    }
    if (type == ondemand::json_type::string) {
        return value.get_string().get(out) == SUCCESS;
    }
    if (type == ondemand::json_type::number) {
        // The literal as written: "3017620422003" keeps every digit, which a double would not.
        out = trim(value.raw_json_token());
        return true;
    }
    return false;
}

bool member_text(ondemand::object& object, std::string_view key, std::string_view& out) {
    ondemand::value member;
    return object.find_field_unordered(key).get(member) == SUCCESS && scalar_text(member, out);
}

std::optional<double> number_value(ondemand::value& value) {
    ondemand::json_type type;
    if (value.type().get(type)) {
        return std::nullopt;
    }
    if (type == ondemand::json_type::number) {
        double number = 0;
        if (value.get_double().get(number) || !std::isfinite(number)) {
            return std::nullopt;
        }
        return number;
    }
    std::string_view text;
    if (type == ondemand::json_type::string && value.get_string().get(text) == SUCCESS) {
        return parse_decimal(text);
    }
    return std::nullopt;
}

std::optional<std::int64_t> timestamp_value(ondemand::value& value) {
    // Year 1 to year 9999: what timestamptz and every application can hold.
    constexpr double earliest = -62135596800.0;
    constexpr double latest = 253402300799.0;
    const auto seconds = number_value(value);
    if (!seconds || *seconds < earliest || *seconds > latest) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(std::floor(*seconds));
}

error_code string_items(ondemand::value& value, std::vector<std::string_view>& out) {
    ondemand::array items;
    if (value.get_array().get(items)) {
        return SUCCESS;
    }
    for (auto item : items) {
        ondemand::value element;
        if (auto error = item.get(element); error) {
            return error;
        }
        std::string_view text;
        if (element.get_string().get(text) == SUCCESS) {
            out.push_back(text);
        }
    }
    return SUCCESS;
}

} // namespace offimport
