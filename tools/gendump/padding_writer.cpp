// Unmapped fields shaped like the real ones (see the sample's lines): they carry most of a
// line's bytes, and their nesting (arrays of objects, per-country maps) is what a parser must
// skip quickly.
#include "padding.hpp"

#include <string>

namespace gendump {

namespace {

using namespace std::string_view_literals;

std::string slug(std::string_view lang, std::string_view text) {
    std::string tag(lang);
    tag += ':';
    for (char c : text) {
        tag += c == ' ' ? '-' : c;
    }
    return tag;
}

std::vector<std::string_view> pick_ingredients(const Product& p, Rng& rng) {
    std::vector<std::string_view> chosen;
    constexpr std::array<std::pair<int, int>, 4> counts{{{1, 4}, {3, 12}, {8, 20}, {15, 40}}};
    const auto [low, high] = counts[static_cast<std::size_t>(p.bulk)];
    const auto count = rng.range(low, high);
    for (std::int64_t k = 0; k < count; ++k) {
        chosen.push_back(rng.pick(p.lang->ingredients));
    }
    return chosen;
}

std::string ingredients_text(const std::vector<std::string_view>& items) {
    std::string text;
    for (const auto& item : items) {
        if (!text.empty()) {
            text += ", ";
        }
        text += item;
    }
    return text;
}

void write_ingredient(JsonWriter& json, const Product& p, std::string_view name, int rank,
                      Rng& rng) {
    json.begin_object();
    json.member("id", slug(p.lang->code == "en" ? "en" : p.lang->code, name));
    json.member_int("is_in_taxonomy", rng.chance(0.7) ? 1 : 0);
    json.key("percent_estimate");
    json.decimal(rng.range(0, 10000) / (rank + 1), 2);
    json.key("percent_max");
    json.decimal(10000 / (rank + 1), 2);
    json.member_int("percent_min", 0);
    json.member("text", name);
    json.member("vegan", rng.chance(0.5) ? "yes" : "maybe");
    json.member("vegetarian", "yes");
    if (rng.chance(0.4)) {
        json.member("ciqual_food_code", std::to_string(rng.range(10000, 99999)));
        json.member("ecobalyse_code", "8f075c25-9ebf-430c-b41d-51d165c6e0d8");
    }
    json.end_object();
}

void write_country_map(JsonWriter& json, std::string_view key, std::int64_t value) {
    json.key(key);
    json.begin_object();
    for (const auto& cc : vocab::eco_countries) {
        json.member_int(cc, value);
    }
    json.end_object();
}

} // namespace

void write_string_array(JsonWriter& json, std::string_view key, vocab::Words words) {
    json.key(key);
    json.begin_array();
    for (const auto& w : words) {
        json.string(w);
    }
    json.end_array();
}

void write_string_array(JsonWriter& json, std::string_view key,
                        const std::vector<std::string_view>& words) {
    write_string_array(json, key, vocab::Words(words));
}

namespace {

void write_ingredient_analysis(JsonWriter& json, const std::vector<std::string_view>& items) {
    json.key("ingredients_analysis");
    json.begin_object();
    json.key("en:palm-oil-content-unknown");
    json.begin_array();
    for (std::size_t k = 0; k < items.size() && k < 4; ++k) {
        json.string(slug("en", items[k]));
    }
    json.end_array();
    json.end_object();
    write_string_array(json, "ingredients_analysis_tags",
                       {"en:palm-oil-content-unknown"sv, "en:vegan-status-unknown"sv,
                        "en:vegetarian-status-unknown"sv});
}

void write_ingredient_tags(JsonWriter& json, const Product& p,
                           const std::vector<std::string_view>& items) {
    std::vector<std::string> tags;
    for (const auto& item : items) {
        tags.push_back(slug(p.lang->code, item));
    }
    for (std::string_view key :
         {"ingredients_hierarchy", "ingredients_original_tags", "ingredients_tags"}) {
        json.key(key);
        json.begin_array();
        for (const auto& tag : tags) {
            json.string(tag);
        }
        json.end_array();
    }
}

void write_ingredient_texts(JsonWriter& json, const Product& p,
                            const std::vector<std::string_view>& items) {
    json.member_int("ingredients_n", static_cast<std::int64_t>(items.size()));
    const std::string text = ingredients_text(items);
    const std::string lc(p.lang->code);
    json.key("ingredients_text");
    json.string(text, p.text_escape);
    json.key("ingredients_text_" + lc);
    json.string(text, p.text_escape);
    json.member("ingredients_text_with_allergens", text);
    json.member("ingredients_text_with_allergens_" + lc, text);
    json.member("ingredients_lc", p.lang->code);
    json.member_int("known_ingredients_n", static_cast<std::int64_t>(items.size()) / 2);
    json.member_int("unknown_ingredients_n", static_cast<std::int64_t>(items.size()) / 3);
}

// Per-country maps make up most of the environmental data's bytes.
void write_eco_adjustments(JsonWriter& json) {
    json.key("adjustments");
    json.begin_object();
    json.key("origins_of_ingredients");
    json.begin_object();
    json.member_raw(
        "aggregated_origins",
        R"([{"epi_score":0,"origin":"en:unknown","percent":100,"transportation_score":0}])");
    json.member_int("epi_score", 0);
    json.member_int("epi_value", -5);
    write_country_map(json, "transportation_scores", 0);
    write_country_map(json, "transportation_values", 0);
    write_country_map(json, "values", -5);
    json.member("warning", "origins_are_100_percent_unknown");
    json.end_object();
    json.member_raw("packaging", R"({"value":-15,"warning":"packaging_data_missing"})");
    json.member_raw("production_system", R"({"labels":[],"value":0,"warning":"no_label"})");
    json.member_raw("threatened_species", "{}");
    json.end_object();
}

void write_agribalyse(JsonWriter& json, Rng& rng) {
    json.key("agribalyse");
    json.begin_object();
    json.member("agribalyse_proxy_food_code", std::to_string(rng.range(10000, 39999)));
    for (std::string_view key :
         {"co2_agriculture", "co2_consumption", "co2_distribution", "co2_packaging",
          "co2_processing", "co2_total", "co2_transportation", "ef_agriculture", "ef_consumption",
          "ef_distribution", "ef_packaging", "ef_processing", "ef_total", "ef_transportation"}) {
        json.key(key);
        json.decimal(rng.range(0, 5000000), 6);
    }
    json.member("is_beverage", "0");
    json.member("name_en", "Generated reference product");
    json.member_int("score", rng.range(0, 100));
    json.end_object();
}

// nutriscore.<version>: the computation details of one Nutri-Score version.
void write_nutriscore_version(JsonWriter& json, std::string_view version, std::string_view grade,
                              Rng& rng) {
    json.key(version);
    json.begin_object();
    json.member_int("category_available", 1);
    json.key("data");
    json.begin_object();
    for (std::string_view part : {"energy", "fiber", "proteins", "saturated_fat", "sodium",
                                  "sugars", "fruits_vegetables_nuts_colza_walnut_olive_oils"}) {
        json.key(part);
        json.decimal(rng.range(0, 300000), 2);
        json.member_int(std::string(part) + "_points", rng.range(0, 10));
        json.key(std::string(part) + "_value");
        json.decimal(rng.range(0, 30000), 1);
    }
    json.member_int("is_beverage", 0);
    json.member_int("is_cheese", 0);
    json.member_int("negative_points", rng.range(0, 30));
    json.member_int("positive_points", rng.range(0, 10));
    json.end_object();
    json.member("grade", grade);
    json.member_int("nutrients_available", 1);
    json.member_int("nutriscore_applicable", 1);
    json.member("preparation", "as_sold");
    json.member_int("score", rng.range(-10, 30));
    json.end_object();
}

constexpr std::string_view nutriscore_data =
    R"({"components":{"negative":[{"id":"energy","points":6,"points_max":10,"unit":"kJ","value":2250.05},{"id":"sugars","points":1,"points_max":15,"unit":"g","value":3.57},{"id":"saturated_fat","points":8,"points_max":10,"unit":"g","value":8.93},{"id":"salt","points":6,"points_max":20,"unit":"g","value":1.21}],"positive":[{"id":"fiber","points":1,"points_max":5,"unit":"g","value":3.6},{"id":"fruits_vegetables_legumes","points":0,"points_max":5,"unit":"%","value":0}]},"count_proteins":0,"count_proteins_reason":"negative_points_greater_than_or_equal_to_11","is_beverage":0,"is_cheese":0,"is_fat_oil_nuts_seeds":0,"is_red_meat_product":0,"is_water":0,"negative_points":21,"negative_points_max":55,"positive_nutrients":["fiber","fruits_vegetables_legumes"],"positive_points":1,"positive_points_max":10})";

} // namespace

void write_ingredient_fields(JsonWriter& json, const Product& p, Rng& rng) {
    const auto items = pick_ingredients(p, rng);
    json.key("ingredients");
    json.begin_array();
    for (std::size_t k = 0; k < items.size(); ++k) {
        write_ingredient(json, p, items[k], static_cast<int>(k), rng);
    }
    json.end_array();
    write_ingredient_analysis(json, items);
    write_ingredient_tags(json, p, items);
    write_ingredient_texts(json, p, items);
}

void write_ecoscore_data(JsonWriter& json, const Product& p, Rng& rng) {
    if (p.bulk == 0 || (p.bulk == 1 && rng.chance(0.5))) {
        return; // about a third of the products have no environmental data at all
    }
    json.key(rng.chance(0.5) ? "environmental_score_data" : "ecoscore_data");
    json.begin_object();
    write_eco_adjustments(json);
    write_agribalyse(json, rng);
    json.member("grade", p.ecoscore_grade.empty() ? "unknown" : p.ecoscore_grade);
    write_country_map(json, "scores", rng.range(0, 100));
    json.member("status", "known");
    json.end_object();
}

void write_nutriscore_fields(JsonWriter& json, const Product& p, Rng& rng) {
    const std::string_view grade =
        p.nutriscore_grade.size() == 1 ? p.nutriscore_grade : "unknown"sv;
    json.key("nutriscore");
    json.begin_object();
    write_nutriscore_version(json, "2021", grade, rng);
    write_nutriscore_version(json, "2023", grade, rng);
    json.end_object();
    json.member_raw("nutriscore_data", nutriscore_data);
    json.member_int("nutriscore_score", rng.range(-10, 30));
    json.member("nutriscore_version", "2023");
    for (std::string_view key : {"nutriscore_2021_tags", "nutriscore_2023_tags", "nutriscore_tags",
                                 "nutrition_grades_tags"}) {
        write_string_array(json, key, {grade});
    }
    json.member("nutrition_grades", grade);
    json.member("nutrition_grade_fr", grade);
}

void write_quality_fields(JsonWriter& json, Rng& rng) {
    const auto some = [&](std::string_view key, std::uint64_t max) {
        json.key(key);
        json.begin_array();
        const auto count = rng.below(max + 1);
        for (std::uint64_t k = 0; k < count; ++k) {
            json.string(rng.pick(vocab::quality_tags));
        }
        json.end_array();
    };
    write_string_array(json, "data_quality_bugs_tags", vocab::Words{});
    some("data_quality_completeness_tags", 10);
    json.member_raw(
        "data_quality_dimensions",
        R"({"accuracy":{"overall":"0.00"},"completeness":{"general_information":"0.80","ingredients":"0.75","nutrition":"1.00","overall":"0.73","packaging":"0.33"}})");
    write_string_array(json, "data_quality_errors_tags", vocab::Words{});
    some("data_quality_info_tags", 6);
    some("data_quality_tags", 24);
    some("data_quality_warnings_tags", 8);
    json.key("misc_tags");
    json.begin_array();
    const auto count = rng.range(4, 16);
    for (std::int64_t k = 0; k < count; ++k) {
        json.string(vocab::misc_tags[static_cast<std::size_t>(k)]);
    }
    json.end_array();
}

void write_popularity_fields(JsonWriter& json, const Product& p, Rng& rng) {
    json.key("popularity_tags");
    json.begin_array();
    constexpr std::array<std::pair<int, int>, 4> spans{{{0, 0}, {0, 2}, {1, 5}, {4, 8}}};
    const auto [low, high] = spans[static_cast<std::size_t>(p.bulk)];
    const auto years = rng.range(low, high);
    for (std::int64_t year = 2019; year < 2019 + years; ++year) {
        const std::string suffix = "-scans-" + std::to_string(year);
        for (std::string_view top :
             {"top-75-percent", "top-80-percent", "top-85-percent", "top-90-percent", "top-5000-fr",
              "top-10000-fr", "top-50000-fr", "top-100000-fr", "top-country-fr"}) {
            json.string(std::string(top) + suffix);
        }
    }
    json.end_array();
    json.member_int("popularity_key", rng.range(0, 29999999999));
    json.member_int("scans_n", rng.range(1, 500));
    json.member_int("unique_scans_n", rng.range(1, 400));
}

void write_packaging_fields(JsonWriter& json, Rng& rng) {
    json.key("packagings");
    json.begin_array();
    const auto count = rng.below(4);
    std::vector<std::string_view> materials;
    std::vector<std::string_view> shapes;
    for (std::uint64_t k = 0; k < count; ++k) {
        materials.push_back(rng.pick(vocab::materials));
        shapes.push_back(rng.pick(vocab::shapes));
        json.begin_object();
        json.member("material", materials.back());
        json.member_int("number_of_units", rng.range(1, 6));
        json.member("recycling", rng.chance(0.5) ? "en:recycle" : "en:discard");
        json.member("shape", shapes.back());
        json.end_object();
    }
    json.end_array();
    json.member_int("packagings_complete", 0);
    json.member_raw("packagings_materials", "{}");
    write_string_array(json, "packaging_materials_tags", materials);
    write_string_array(json, "packaging_shapes_tags", shapes);
    write_string_array(json, "packaging_tags", shapes);
    json.member("packaging", "");
    json.member("packaging_text", "");
}

void write_contributor_fields(JsonWriter& json, const Product& p, Rng& rng) {
    const auto users = [&](std::string_view key, std::uint64_t max) {
        json.key(key);
        json.begin_array();
        const auto count = rng.below(max) + 1;
        for (std::uint64_t k = 0; k < count; ++k) {
            json.string(rng.pick(vocab::users));
        }
        json.end_array();
    };
    users("checkers_tags", 1);
    users("correctors_tags", 8);
    json.member("creator", rng.pick(vocab::users));
    users("editors_tags", 14);
    users("informers_tags", 10);
    json.member("last_editor", rng.pick(vocab::users));
    json.member("last_modified_by", rng.pick(vocab::users));
    users("photographers_tags", 4);
    json.member("interface_version_created", "20150316.jqm2");
    json.member("interface_version_modified", "20120622");
    json.member_int("rev", rng.range(1, 80));
    json.member_int("last_updated_t", p.last_modified_t);
    json.member("update_key", "new-nutrition");
}

void write_language_fields(JsonWriter& json, const Product& p) {
    json.key("languages");
    json.begin_object();
    json.member_int(p.lang->taxonomy, 5);
    for (const auto* extra : p.extra_langs) {
        json.member_int(extra->taxonomy, 2);
    }
    json.end_object();
    json.key("languages_codes");
    json.begin_object();
    json.member_int(p.lang->code, 5);
    for (const auto* extra : p.extra_langs) {
        json.member_int(extra->code, 2);
    }
    json.end_object();
    json.key("languages_hierarchy");
    json.begin_array();
    json.string(p.lang->taxonomy);
    for (const auto* extra : p.extra_langs) {
        json.string(extra->taxonomy);
    }
    json.end_array();
    json.key("languages_tags");
    json.begin_array();
    json.string(p.lang->taxonomy);
    for (const auto* extra : p.extra_langs) {
        json.string(extra->taxonomy);
    }
    json.string("en:" + std::to_string(1 + p.extra_langs.size()));
    json.end_array();
}

void write_state_fields(JsonWriter& json, Rng& rng) {
    std::string states;
    for (const auto& tag : vocab::states) {
        if (!states.empty()) {
            states += ", ";
        }
        states += tag.substr(3);
    }
    json.member("states", states);
    write_string_array(json, "states_hierarchy", vocab::states);
    write_string_array(json, "states_tags", vocab::states);
    json.member("complete", rng.chance(0.1) ? "1" : "0");
    json.key("completeness");
    json.decimal(rng.range(100, 1000), 3);
}

} // namespace gendump
