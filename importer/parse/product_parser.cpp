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

// product_name_fr -> "fr"; only short lowercase language codes count (other keys share
// the prefix, such as product_name_fr_imported).
bool language_suffix(std::string_view key, std::string_view prefix, std::string_view& lang) {
    if (!key.starts_with(prefix)) {
        return false;
    }
    lang = key.substr(prefix.size());
    if (lang.size() < 2 || lang.size() > 3) {
        return false;
    }
    for (const char c : lang) {
        if (c < 'a' || c > 'z') {
            return false;
        }
    }
    return true;
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
        if (language_suffix(key, "front_", lang) &&
            field.value().get_object().get(image) == SUCCESS && member_text(image, "rev", rev)) {
            fields.front_images.push_back({lang, rev});
        }
        return SUCCESS;
    });
}

error_code visit_nutrient_levels(ondemand::value& value, ExtraFields& extra) {
    ondemand::object levels;
    if (value.get_object().get(levels)) {
        return SUCCESS;
    }
    return for_each_member(levels, [&](std::string_view key, ondemand::field& field) {
        for (std::size_t i = 0; i < nutrient_level_keys.size(); ++i) {
            if (key == nutrient_level_keys[i]) {
                string_value(field.value(), extra.nutrient_levels[i]);
            }
        }
        return SUCCESS;
    });
}

// Stores one top-level field of a chosen extra column; nullopt when `key` is none of them.
std::optional<error_code> visit_extra_field(std::string_view key, ondemand::value& value,
                                            const ExtraColumns& wanted, ExtraFields& extra) {
    const auto is = [&](std::string_view name, ExtraColumn column) {
        return key == name && has(wanted, column);
    };
    std::string_view lang;
    switch (key.front()) {
    case 'a':
        if (is("allergens_tags", ExtraColumn::allergens_tags))
            return string_items(value, extra.allergens_tags);
        if (is("additives_tags", ExtraColumn::additives_tags))
            return string_items(value, extra.additives_tags);
        break;
    case 'b':
        if (is("brands_tags", ExtraColumn::brands_tags))
            return string_items(value, extra.brands_tags);
        break;
    case 'c':
        if (is("compared_to_category", ExtraColumn::compared_to_category)) {
            string_value(value, extra.compared_to_category);
            return SUCCESS;
        }
        break;
    case 'f':
        if (is("food_groups_tags", ExtraColumn::food_groups_tags))
            return string_items(value, extra.food_groups_tags);
        break;
    case 'i':
        if (!has(wanted, ExtraColumn::ingredients_text))
            break;
        if (key == "ingredients_text") {
            string_value(value, extra.ingredients_text);
            return SUCCESS;
        }
        if (language_suffix(key, "ingredients_text_", lang)) {
            collect_named(value, lang, extra.ingredients_texts);
            return SUCCESS;
        }
        break;
    case 'l':
        if (is("last_updated_t", ExtraColumn::last_updated_at)) {
            extra.last_updated_t = timestamp_value(value);
            return SUCCESS;
        }
        break;
    case 'n':
        if (is("nutrient_levels", ExtraColumn::nutrient_levels))
            return visit_nutrient_levels(value, extra);
        if (is("nutriscore_score", ExtraColumn::nutriscore_score)) {
            extra.nutriscore_score = number_value(value);
            return SUCCESS;
        }
        break;
    case 'p':
        if (is("product_type", ExtraColumn::product_type)) {
            string_value(value, extra.product_type);
            return SUCCESS;
        }
        if (is("popularity_key", ExtraColumn::popularity_key)) {
            extra.popularity_key = number_value(value);
            return SUCCESS;
        }
        break;
    case 's':
        if (is("serving_size", ExtraColumn::serving_size)) {
            string_value(value, extra.serving_size);
            return SUCCESS;
        }
        break;
    case 't':
        if (is("traces_tags", ExtraColumn::traces_tags))
            return string_items(value, extra.traces_tags);
        break;
    case 'u':
        if (is("unique_scans_n", ExtraColumn::unique_scans_n)) {
            extra.unique_scans_n = number_value(value);
            return SUCCESS;
        }
        break;
    default:
        break;
    }
    return std::nullopt;
}

// Stores one top-level field when it is mapped; unmapped fields are skipped unparsed.
error_code visit_field(std::string_view key, ondemand::value& value, ProductFields& fields) {
    std::string_view lang;
    switch (key.empty() ? '\0' : key.front()) {
    case 'b':
        if (key == "brands")
            string_value(value, fields.brands);
        break;
    case 'c':
        if (key == "code") {
            std::string_view code;
            if (scalar_text(value, code))
                fields.code = code;
        } else if (key == "categories_tags") {
            return string_items(value, fields.categories_tags);
        } else if (key == "countries_tags") {
            return string_items(value, fields.countries_tags);
        } else if (key == "created_t") {
            fields.created_t = timestamp_value(value);
        }
        break;
    case 'e':
        if (key == "environmental_score_grade")
            string_value(value, fields.environmental_score_grade);
        else if (key == "ecoscore_grade")
            string_value(value, fields.ecoscore_grade);
        break;
    case 'g':
        if (key == "generic_name")
            string_value(value, fields.generic_name);
        else if (language_suffix(key, "generic_name_", lang))
            collect_named(value, lang, fields.generic_names);
        break;
    case 'i':
        if (key == "images")
            return visit_images(value, fields);
        if (key == "image_front_url")
            string_value(value, fields.image_front_url);
        else if (key == "image_front_small_url")
            string_value(value, fields.image_front_small_url);
        break;
    case 'l':
        if (key == "lc")
            string_value(value, fields.lc);
        else if (key == "lang")
            string_value(value, fields.lang);
        else if (key == "labels_tags")
            return string_items(value, fields.labels_tags);
        else if (key == "last_modified_t")
            fields.last_modified_t = timestamp_value(value);
        break;
    case 'n':
        if (key == "nutriments")
            return visit_nutriments(value, fields);
        if (key == "nutrition")
            return visit_nutrition(value, fields);
        if (key == "nutriscore_grade")
            string_value(value, fields.nutriscore_grade);
        else if (key == "nova_group")
            fields.nova_group = number_value(value);
        break;
    case 'p':
        if (key == "product_name")
            string_value(value, fields.product_name);
        else if (language_suffix(key, "product_name_", lang))
            collect_named(value, lang, fields.product_names);
        break;
    case 'q':
        if (key == "quantity")
            string_value(value, fields.quantity);
        break;
    case 's':
        if (key == "stores")
            string_value(value, fields.stores);
        break;
    default:
        break;
    }
    return SUCCESS;
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

ProductParser::ProductParser(ExtraColumns wanted) : wanted_(wanted) {}

simdjson::error_code ProductParser::visit_product(ondemand::object product) {
    const bool extras = wanted_.any();
    const auto mapped = [this, extras](std::string_view key, ondemand::field& field) {
        ondemand::value& value = field.value();
        if (extras && !key.empty()) {
            if (const auto visited = visit_extra_field(key, value, wanted_, fields_.extra)) {
                return *visited;
            }
        }
        return visit_field(key, value, fields_);
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
    if (trim(line).empty()) {
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
