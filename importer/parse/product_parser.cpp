#include "parse/product_parser.hpp"

#include "parse/json_values.hpp"
#include "parse/nutrient_keys.hpp"
#include "parse/text.hpp"

#include <cstring>

namespace offimport {
namespace {

using namespace simdjson;

// The key as written in the JSON text, without unescaping (keys of interest have no escapes).
// Escaped keys fall back to the unescaped form.
error_code key_of(ondemand::field& field, std::string_view& key) {
    const char* begin = field.key().raw();
    const char* end = static_cast<const char*>(std::strchr(begin, '"'));
    if (end && (end == begin || end[-1] != '\\')) {
        key = std::string_view(begin, static_cast<std::size_t>(end - begin));
        return SUCCESS;
    }
    return field.unescaped_key().get(key);
}

// Calls visit(key, field) for each member of `object` in order, and stops at the first error
// (of the JSON or of `visit`).
template <typename Visit>
error_code for_each_member(ondemand::object& object, Visit&& visit) {
    for (auto member : object) {
        ondemand::field field;
        std::string_view key;
        if (auto error = std::move(member).get(field); error) {
            return error;
        }
        if (auto error = key_of(field, key); error) {
            return error;
        }
        if (auto error = visit(key, field); error) {
            return error;
        }
    }
    return SUCCESS;
}

void collect_named(ondemand::value& value, std::string_view lang, std::vector<NamedText>& out) {
    std::string_view text;
    if (string_value(value, text) && !text.empty()) {
        out.push_back({lang, text});
    }
}

error_code visit_nutriments(ondemand::value& value, ProductFields& fields) {
    ondemand::object object;
    if (value.get_object().get(object)) {
        return SUCCESS; // not an object: no nutriments
    }
    return for_each_member(object, [&](std::string_view key, ondemand::field& field) {
        constexpr std::string_view per_100g = "_100g";
        if (key.size() <= per_100g.size() || !key.ends_with(per_100g)) {
            return SUCCESS;
        }
        const auto nutrient = nutrient_of(key.substr(0, key.size() - per_100g.size()));
        if (nutrient) {
            fields.nutriments[static_cast<std::size_t>(*nutrient)] = number_value(field.value());
        }
        return SUCCESS;
    });
}

// nutrition.aggregated_set.nutrients.<id>.value (schema 1003 and later).
error_code visit_aggregated_nutrients(ondemand::object nutrients, ProductFields& fields) {
    fields.has_aggregated_nutrition = true;
    return for_each_member(nutrients, [&](std::string_view key, ondemand::field& field) {
        const auto nutrient = nutrient_of(key);
        ondemand::object entry;
        if (!nutrient || field.value().get_object().get(entry)) {
            return SUCCESS;
        }
        ondemand::value amount;
        if (entry.find_field_unordered("value").get(amount) == SUCCESS) {
            fields.aggregated[static_cast<std::size_t>(*nutrient)] = number_value(amount);
        }
        return SUCCESS;
    });
}

error_code visit_nutrition(ondemand::value& value, ProductFields& fields) {
    ondemand::object nutrition, aggregated_set, nutrients;
    if (value.get_object().get(nutrition) ||
        nutrition.find_field_unordered("aggregated_set").get_object().get(aggregated_set) ||
        aggregated_set.find_field_unordered("nutrients").get_object().get(nutrients)) {
        return SUCCESS; // no aggregated set: the older nutriments apply
    }
    return visit_aggregated_nutrients(nutrients, fields);
}

// images.selected.front.<lang>.rev (the newer layout).
error_code visit_selected_fronts(ondemand::value& selected, ProductFields& fields) {
    ondemand::object selected_object, fronts;
    if (selected.get_object().get(selected_object) ||
        selected_object.find_field_unordered("front").get_object().get(fronts)) {
        return SUCCESS;
    }
    return for_each_member(fronts, [&](std::string_view lang, ondemand::field& field) {
        ondemand::object image;
        std::string_view rev;
        if (field.value().get_object().get(image) == SUCCESS && member_text(image, "rev", rev)) {
            fields.front_images.push_back({lang, rev});
        }
        return SUCCESS;
    });
}

error_code visit_images(ondemand::value& value, ProductFields& fields) {
    ondemand::object images;
    if (value.get_object().get(images)) {
        return SUCCESS;
    }
    return for_each_member(images, [&](std::string_view key, ondemand::field& field) {
        std::string_view lang;
        if (key == "selected") {
            return visit_selected_fronts(field.value(), fields);
        }
        ondemand::object image;
        std::string_view rev;
        if (language_suffix(key, "front", lang) &&
            field.value().get_object().get(image) == SUCCESS && member_text(image, "rev", rev)) {
            fields.front_images.push_back({lang, rev});
        }
        return SUCCESS;
    });
}

error_code visit_nutrient_levels(ondemand::value& value, FieldValue& out) {
    ondemand::object levels;
    if (value.get_object().get(levels)) {
        return SUCCESS;
    }
    return for_each_member(levels, [&](std::string_view key, ondemand::field& field) {
        for (std::size_t i = 0; i < nutrient_level_keys.size(); ++i) {
            if (key == nutrient_level_keys[i]) {
                string_value(field.value(), out.levels[i]);
            }
        }
        return SUCCESS;
    });
}

std::string describe_error(error_code error) {
    switch (error) {
    case UTF8_ERROR:
        return "invalid UTF-8";
    case INCOMPLETE_ARRAY_OR_OBJECT:
    case UNCLOSED_STRING:
        return "invalid JSON: truncated object";
    case TRAILING_CONTENT:
        return "invalid JSON: content after the object";
    default:
        return std::string("invalid JSON: ") + error_message(error);
    }
}

} // namespace

ProductParser::ProductParser(ExtraColumns wanted) : layout_(run_columns(wanted)) {
    fields_.values.resize(layout_.size());
    fields_.extras = wanted;
}

// Stores one top-level field when a column reads it; other fields are skipped unparsed.
simdjson::error_code ProductParser::visit_field(std::string_view key, ondemand::value& value) {
    const int slot = layout_.slot(key);
    if (slot < 0) {
        std::string_view lang;
        const int localised = key.empty() ? -1 : layout_.localised_slot(key, lang);
        if (localised >= 0) {
            collect_named(value, lang, fields_.fill(localised).by_language);
        }
        return SUCCESS;
    }
    switch (layout_.reading(slot)) {
    case FieldReading::code: {
        std::string_view code;
        if (scalar_text(value, code)) {
            fields_.code = code;
        }
        return SUCCESS;
    }
    case FieldReading::nutriments:
        return visit_nutriments(value, fields_);
    case FieldReading::nutrition:
        return visit_nutrition(value, fields_);
    case FieldReading::images:
        return visit_images(value, fields_);
    case FieldReading::text:
    case FieldReading::localised_text:
        string_value(value, fields_.fill(slot).text);
        return SUCCESS;
    case FieldReading::items:
        return string_items(value, fields_.fill(slot).items);
    case FieldReading::number:
        fields_.fill(slot).number = number_value(value);
        return SUCCESS;
    case FieldReading::unix_time:
        fields_.fill(slot).unix_time = timestamp_value(value);
        return SUCCESS;
    case FieldReading::levels:
        return visit_nutrient_levels(value, fields_.fill(slot));
    }
    return SUCCESS;
}

simdjson::error_code ProductParser::visit_product(ondemand::object product) {
    const auto mapped = [this](std::string_view key, ondemand::field& field) {
        return visit_field(key, field.value());
    };
    if (auto error = for_each_member(product, mapped); error) {
        return error;
    }
    // A complete object must be all the line holds.
    const char* rest = nullptr;
    if (document_.current_location().get(rest) == SUCCESS) {
        return TRAILING_CONTENT;
    }
    return SUCCESS;
}

simdjson::error_code ProductParser::iterate_line(std::string_view line, std::size_t capacity) {
    fields_.clear();
    if (auto error = parser_.iterate(line.data(), line.size(), capacity).get(document_); error) {
        return error;
    }
    ondemand::object product;
    if (auto error = document_.get_object().get(product); error) {
        return error == INCORRECT_TYPE ? SCALAR_DOCUMENT_AS_VALUE : error;
    }
    return visit_product(product);
}

LineVerdict ProductParser::parse(std::string_view line, std::size_t capacity) {
    // JSON's own whitespace: any other character (a form feed, say) makes the line a reject.
    if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return {LineVerdict::Kind::blank, {}, {}};
    }
    auto error = iterate_line(line, capacity);
    if (error == UTF8_ERROR) {
        // The full dump holds some ill-formed UTF-8: keep the product, replace the bad bytes.
        repaired_.clear();
        append_repaired_utf8(line, repaired_);
        const std::size_t length = repaired_.size();
        repaired_.append(SIMDJSON_PADDING, ' ');
        error = iterate_line(std::string_view(repaired_.data(), length), repaired_.size());
    }
    if (error == SCALAR_DOCUMENT_AS_VALUE) {
        return {LineVerdict::Kind::rejected, "not a JSON object", std::nullopt};
    }
    if (error) {
        return {LineVerdict::Kind::rejected, describe_error(error), std::nullopt};
    }
    return {LineVerdict::Kind::product, {}, {}};
}

} // namespace offimport
