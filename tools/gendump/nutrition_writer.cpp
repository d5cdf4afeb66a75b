// nutriments / nutrition: the two places the importer reads nutrition facts from.
#include "padding.hpp"

#include <string>

namespace gendump {

namespace {

void write_value(JsonWriter& json, const Nutrient& n) {
    switch (n.form) {
    case Form::string:
        json.decimal_string(n.mantissa, n.scale);
        break;
    case Form::empty_string:
        json.string("");
        break;
    default:
        json.decimal(n.mantissa, n.scale);
        break;
    }
}

// The old layout: "<id>", "<id>_100g", "<id>_unit", "<id>_value" in one flat object.
void write_nutriments(JsonWriter& json, const Product& p) {
    json.key("nutriments");
    if (p.nutriments_null) {
        json.null();
        return;
    }
    json.begin_object();
    if (p.schema_version != 1003) {
        std::string key;
        for (const auto& n : p.nutrients) {
            if (n.form == Form::absent) {
                continue;
            }
            const auto suffixed = [&](std::string_view suffix) -> std::string_view {
                key.assign(n.id);
                key += suffix;
                return key;
            };
            json.key(n.id);
            write_value(json, n);
            json.key(suffixed("_100g"));
            write_value(json, n);
            json.member(suffixed("_unit"), n.unit);
            json.key(suffixed("_value"));
            write_value(json, n);
        }
        json.member_int("nova-group_100g", p.nova_group);
        json.member_int("nova-group_serving", p.nova_group);
    }
    json.end_object();
}

void write_input_set(JsonWriter& json, const Product& p) {
    json.key("input_sets");
    json.begin_array();
    json.begin_object();
    json.member("per", "100g");
    json.member("source", "packaging");
    json.member_int("per_quantity", 100);
    json.key("nutrients");
    json.begin_object();
    for (const auto& n : p.nutrients) {
        if (n.form == Form::absent) {
            continue;
        }
        json.key(n.id);
        json.begin_object();
        json.key("value");
        json.decimal(n.mantissa, n.scale);
        json.key("value_string");
        json.decimal_string(n.mantissa, n.scale);
        json.member("unit", n.unit);
        json.end_object();
    }
    json.end_object();
    json.member("per_unit", "g");
    json.member_int("last_updated_t", p.last_modified_t);
    json.member("preparation", "as_sold");
    json.end_object();
    json.end_array();
}

// Schema 1003: nutrition.aggregated_set.nutrients.<id>.value, always a number.
void write_aggregated_set(JsonWriter& json, const Product& p) {
    json.key("aggregated_set");
    json.begin_object();
    json.key("nutrients");
    json.begin_object();
    for (const auto& n : p.nutrients) {
        if (n.form == Form::absent) {
            continue;
        }
        json.key(n.id);
        json.begin_object();
        json.member("source_per", "100g");
        json.member("source", "packaging");
        json.member_int("source_index", 0);
        json.key("value");
        json.decimal(n.mantissa, n.scale);
        json.member("unit", n.unit);
        json.end_object();
    }
    json.end_object();
    json.member("per", "100g");
    json.member("preparation", "as_sold");
    json.end_object();
}

} // namespace

void write_nutrition_fields(JsonWriter& json, const Product& p) {
    write_nutriments(json, p);
    if (p.schema_version == 1003) {
        json.key("nutrition");
        json.begin_object();
        write_input_set(json, p);
        write_aggregated_set(json, p);
        json.end_object();
    } else if (p.index % 97 == 0) {
        // Some schema 998 products carry an empty nutrition object: nutriments still rules.
        json.member_raw("nutrition", R"({"input_sets":[]})");
    }
    json.member("nutrition_data_per", "100g");
    json.member("nutrition_data", "on");
}

} // namespace gendump
