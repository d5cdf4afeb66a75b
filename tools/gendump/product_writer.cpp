#include "product_writer.hpp"

#include "padding.hpp"

#include <string>

namespace gendump {

namespace {

using namespace std::string_view_literals;

std::string with_lang(std::string_view prefix, std::string_view lang) {
    std::string key(prefix);
    key += '_';
    key += lang;
    return key;
}

void write_timestamp(JsonWriter& json, std::string_view key, std::int64_t t, bool as_string) {
    json.key(key);
    as_string ? json.string(std::to_string(t)) : json.integer(t);
}

// A tag array with, on a few products, one non-string item the importer must skip.
void write_tags(JsonWriter& json, std::string_view key, const std::vector<std::string_view>& tags,
                bool with_junk) {
    json.key(key);
    json.begin_array();
    for (std::size_t k = 0; k < tags.size(); ++k) {
        if (with_junk && k == tags.size() / 2) {
            k % 2 == 0 ? json.null() : json.integer(42);
        }
        json.string(tags[k]);
    }
    if (with_junk && tags.empty()) {
        json.integer(0);
    }
    json.end_array();
}

void write_names(JsonWriter& json, const Product& p) {
    json.key("generic_name");
    json.string(p.generic_name, p.text_escape);
    if (p.generic_name_localized) {
        json.key(with_lang("generic_name", p.lang->code));
        json.string(p.generic_name, p.text_escape);
    }
    for (const auto& name : p.names) {
        json.key(with_lang("product_name", name.lang));
        json.string(name.text, p.text_escape);
    }
    if (p.product_name_form != Form::absent) {
        json.key("product_name");
        json.string(p.product_name_form == Form::string ? p.product_name : "", p.text_escape);
    }
}

void write_grades(JsonWriter& json, const Product& p) {
    if (!p.ecoscore_grade.empty()) {
        json.member("ecoscore_grade", p.ecoscore_grade);
        write_string_array(json, "ecoscore_tags", {p.ecoscore_grade});
    }
    if (!p.environmental_grade.empty()) {
        json.member("environmental_score_grade", p.environmental_grade);
        write_string_array(json, "environmental_score_tags", {p.environmental_grade});
    }
    if (p.nova_form != Form::absent) {
        json.key("nova_group");
        p.nova_form == Form::number ? json.integer(p.nova_group)
                                    : json.string(std::to_string(p.nova_group));
        json.member("nova_groups", std::to_string(p.nova_group));
    }
    if (!p.nutriscore_grade.empty()) {
        json.member("nutriscore_grade", p.nutriscore_grade);
    }
}

void write_categories(JsonWriter& json, const Product& p) {
    std::string text;
    for (const auto& tag : p.categories) {
        text += text.empty() ? "" : ", ";
        text += tag.substr(3);
    }
    json.member("categories", text);
    write_string_array(json, "categories_hierarchy", p.categories);
    json.member("categories_lc", p.lang->code);
    write_tags(json, "categories_tags", p.categories, p.non_string_tag == 0);
    json.member("compared_to_category", p.categories.empty() ? ""sv : p.categories.back());
}

void write_places(JsonWriter& json, const Product& p) {
    json.member("countries", "France");
    write_string_array(json, "countries_hierarchy", p.countries);
    write_tags(json, "countries_tags", p.countries, p.non_string_tag == 1);
    write_string_array(json, "main_countries_tags", vocab::Words{});
    json.member("manufacturing_places", "");
    json.member("origins", "");
    write_string_array(json, "origins_tags", vocab::Words{});
    json.member("purchase_places", "");
    json.key("stores");
    json.string(p.stores, p.text_escape);
    write_string_array(json, "stores_tags", vocab::Words{});
}

void write_labels(JsonWriter& json, const Product& p) {
    json.member("labels", "");
    write_string_array(json, "labels_hierarchy", p.labels);
    json.member("labels_lc", p.lang->code);
    write_tags(json, "labels_tags", p.labels, p.non_string_tag == 2);
}

void write_identity(JsonWriter& json, const Product& p) {
    json.member("_id", p.code);
    if (p.has_code) {
        json.member("code", p.code);
    }
    json.member("id", p.code);
    json.key("codes_tags");
    json.begin_array();
    json.string(std::string("code-") + std::to_string(p.code.size()));
    for (std::size_t xs = 1; xs + 3 < p.code.size(); ++xs) { // "3017620422xxx" and so on
        json.string(p.code.substr(0, p.code.size() - xs) + std::string(xs, 'x'));
    }
    json.end_array();
}

void write_header_fields(JsonWriter& json, const Product& p, Rng& rng) {
    write_identity(json, p);
    write_string_array(json, "_keywords",
                       {rng.pick(vocab::nutrient_words), rng.pick(vocab::nutrient_words),
                        rng.pick(vocab::nutrient_words), rng.pick(vocab::nutrient_words)});
    write_string_array(json, "added_countries_tags", vocab::Words{});
    json.member_int("additives_n", 2);
    write_string_array(json, "additives_original_tags",
                       {rng.pick(vocab::additives), rng.pick(vocab::additives)});
    write_string_array(json, "additives_tags", {rng.pick(vocab::additives)});
    json.member("allergens", "");
    json.member("allergens_from_ingredients", "");
    write_string_array(json, "allergens_hierarchy", {rng.pick(vocab::allergens)});
    write_string_array(json, "allergens_tags", {rng.pick(vocab::allergens)});
    if (p.has_brands) {
        json.key("brands");
        json.string(p.brands, p.text_escape);
        write_string_array(json, "brands_tags", {"xx:generated-brand"sv});
    }
}

void write_body(JsonWriter& json, const Product& p, Rng& rng) {
    write_header_fields(json, p, rng);
    write_categories(json, p);
    write_places(json, p);
    write_contributor_fields(json, p, rng);
    write_timestamp(json, "created_t", p.created_t, p.timestamps_as_strings);
    write_quality_fields(json, rng);
    write_ecoscore_data(json, p, rng);
    write_string_array(json, "entry_dates_tags", {"2019-04-15"sv, "2019-04"sv, "2019"sv});
    write_string_array(json, "food_groups_tags", {rng.pick(vocab::food_groups)});
    write_names(json, p);
    write_image_fields(json, p, rng);
    write_ingredient_fields(json, p, rng);
    write_labels(json, p);
    write_small_fields(json, p, rng);
    write_language_fields(json, p);
    json.member("lang", p.lang_field);
    write_timestamp(json, "last_modified_t", p.last_modified_t, p.timestamps_as_strings);
    json.member("lc", p.lang->code);
    write_grades(json, p);
    write_nutrition_fields(json, p);
    if (p.bulk > 0) { // sparse products have no Nutri-Score computation details
        write_nutriscore_fields(json, p, rng);
    }
    write_nutrient_level_fields(json, rng);
    write_packaging_fields(json, rng);
    json.member("pnns_groups_1", rng.pick(vocab::pnns_groups));
    json.member("pnns_groups_2", rng.pick(vocab::pnns_groups));
    write_popularity_fields(json, p, rng);
    json.member("product_type", "food");
    json.member("quantity", p.quantity);
    if (p.bulk == 3) {
        write_recipe_estimator(json, rng);
    }
    if (p.schema_version != 0) {
        json.member_int("schema_version", p.schema_version);
    }
    write_state_fields(json, rng);
}

} // namespace

void write_product(const Product& product, std::uint64_t seed, TextBuffer& out) {
    Rng rng(seed, product.index, Stream::padding);
    JsonWriter json(out);
    json.begin_object();
    write_body(json, product, rng);
    json.end_object();
}

} // namespace gendump
