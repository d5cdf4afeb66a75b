// The long tail of small unmapped fields: real products carry 150-200 top-level keys, most
// of them short tags arrays, counters and empty strings. A few are present only sometimes, so
// the key count varies from product to product as it does in the dump.
#include "padding.hpp"

#include <string>

namespace gendump {

namespace {

using namespace std::string_view_literals;

// Keys that are almost always present with an empty value.
constexpr std::array empty_arrays{"amino_acids_prev_tags"sv,
                                  "amino_acids_tags"sv,
                                  "cities_tags"sv,
                                  "emb_codes_tags"sv,
                                  "emb_codes_hierarchy"sv,
                                  "ingredients_from_palm_oil_tags"sv,
                                  "manufacturing_places_tags"sv,
                                  "minerals_prev_tags"sv,
                                  "minerals_tags"sv,
                                  "nucleotides_prev_tags"sv,
                                  "nucleotides_tags"sv,
                                  "origins_hierarchy"sv,
                                  "other_nutritional_substances_tags"sv,
                                  "packaging_recycling_tags"sv,
                                  "purchase_places_tags"sv,
                                  "removed_countries_tags"sv,
                                  "traces_hierarchy"sv,
                                  "traces_tags"sv,
                                  "unknown_nutrients_tags"sv,
                                  "vitamins_prev_tags"sv,
                                  "vitamins_tags"sv,
                                  "weighers_tags"sv,
                                  "allergens_from_user_tags"sv};
constexpr std::array empty_strings{
    "emb_codes"sv,        "emb_codes_orig"sv,          "expiration_date"sv, "link"sv,
    "nova_group_debug"sv, "nutrition_score_debug"sv,   "origin"sv,          "packaging_old"sv,
    "traces"sv,           "traces_from_ingredients"sv, "labels_old"sv,      "categories_old"sv};
constexpr std::array lc_keys{
    "allergens_lc"sv,       "brands_lc"sv,   "countries_lc"sv, "origins_lc"sv,
    "packaging_lc"sv,       "stores_lc"sv,   "traces_lc"sv,    "manufacturing_places_lc"sv,
    "purchase_places_lc"sv, "emb_codes_lc"sv};
constexpr std::array counters{"ingredients_from_palm_oil_n"sv,
                              "ingredients_that_may_be_from_palm_oil_n"sv,
                              "ingredients_non_nutritive_sweeteners_n"sv,
                              "ingredients_sweeteners_n"sv,
                              "ingredients_with_specified_percent_n"sv,
                              "ingredients_with_unspecified_percent_n"sv,
                              "ingredients_without_ciqual_codes_n"sv,
                              "nutrition_score_beverage"sv,
                              "nutrition_score_warning_no_fiber"sv};

void write_date_tags(JsonWriter& json, std::string_view key, std::int64_t t) {
    // Days since the epoch to a civil date (Howard Hinnant's algorithm), without time zones.
    std::int64_t z = t / 86400 + 719468;
    const std::int64_t era = z / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const auto two = [](std::int64_t v) {
        return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
    };
    const std::string y = std::to_string(year);
    const std::string ym = y + '-' + two(month);
    write_string_array(json, key, {ym + '-' + two(day), ym, y});
}

// Empty tags, empty strings, *_lc and counters: each key present with a probability that
// grows with the product's bulk.
void write_optional_keys(JsonWriter& json, const Product& p, Rng& rng) {
    // Richer products have more of these keys (older, sparser products have fewer).
    constexpr std::array presence{0.25, 0.55, 0.7, 0.9};
    const double keep = presence[static_cast<std::size_t>(p.bulk)];
    for (const auto key : empty_arrays) {
        if (rng.chance(keep)) {
            write_string_array(json, key, vocab::Words{});
        }
    }
    for (const auto key : empty_strings) {
        if (rng.chance(keep)) {
            json.member(key, "");
        }
    }
    for (const auto key : lc_keys) {
        if (rng.chance(keep)) {
            json.member(key, p.lang->code);
        }
    }
    for (const auto key : counters) {
        if (rng.chance(keep)) {
            json.member_int(key, rng.range(0, 5));
        }
    }
}

} // namespace

void write_small_fields(JsonWriter& json, const Product& p, Rng& rng) {
    write_optional_keys(json, p, rng);
    write_date_tags(json, "last_edit_dates_tags", p.last_modified_t);
    write_date_tags(json, "last_image_dates_tags", p.last_modified_t);
    json.member_int("sortkey", p.last_modified_t - rng.range(0, 1000000));
    json.member("product_quantity", std::to_string(rng.range(1, 20) * 50));
    json.member("product_quantity_unit", rng.chance(0.8) ? "g" : "ml");
    if (rng.chance(0.6)) {
        json.member("serving_size", std::to_string(rng.range(1, 10) * 15) + " g");
        json.member_int("serving_quantity", rng.range(1, 10) * 15);
    }
    json.member("data_sources", "App - yuka, Apps");
    write_string_array(json, "data_sources_tags", {"app-yuka"sv, "apps"sv});
    json.key("debug_param_sorted_langs");
    json.begin_array();
    json.string(p.lang->code);
    json.end_array();
    json.member("traces_from_user", "(fr) ");
    json.member("allergens_from_user", "(fr) ");
    if (rng.chance(0.2)) {
        json.member("teams", "vendredi,cucinotto,italy");
        write_string_array(json, "teams_tags", {"vendredi"sv, "cucinotto"sv, "italy"sv});
    }
}

void write_nutrient_level_fields(JsonWriter& json, Rng& rng) {
    constexpr std::array levels{"low"sv, "moderate"sv, "high"sv};
    std::array<std::string_view, 4> chosen{};
    json.key("nutrient_levels");
    json.begin_object();
    std::size_t k = 0;
    for (const auto nutrient : {"fat"sv, "salt"sv, "saturated-fat"sv, "sugars"sv}) {
        chosen[k] = levels[rng.below(3)];
        json.member(nutrient, chosen[k++]);
    }
    json.end_object();
    json.key("nutrient_levels_tags");
    json.begin_array();
    k = 0;
    for (const auto nutrient : {"fat"sv, "salt"sv, "saturated-fat"sv, "sugars"sv}) {
        json.string("en:" + std::string(nutrient) + "-in-" + std::string(chosen[k++]) +
                    "-quantity");
    }
    json.end_array();
    json.member_raw(
        "nova_groups_markers",
        R"({"3":[["categories","en:cheeses"],["ingredients","en:salt"]],"4":[["additives","en:e471"]]})");
    write_string_array(json, "nova_groups_tags",
                       {"en:4-ultra-processed-food-and-drink-products"sv});
    write_string_array(json, "pnns_groups_1_tags", {"sugary-snacks"sv, "known"sv});
    write_string_array(json, "pnns_groups_2_tags", {"biscuits-and-cakes"sv, "known"sv});
}

// The bulkiest products carry recipe_estimator output: a per-nutrient breakdown.
void write_recipe_estimator(JsonWriter& json, Rng& rng) {
    json.key("recipe_estimator");
    json.begin_object();
    json.member_int("ingredient_count", rng.range(3, 20));
    json.key("might_be_us");
    json.boolean(false);
    json.key("nutrients");
    json.begin_object();
    for (const auto nutrient :
         {"alcohol"sv,       "calcium"sv,     "carbohydrates"sv, "cholesterol"sv, "copper"sv,
          "energy"sv,        "fat"sv,         "fiber"sv,         "iron"sv,        "magnesium"sv,
          "manganese"sv,     "phosphorus"sv,  "potassium"sv,     "proteins"sv,    "salt"sv,
          "saturated-fat"sv, "selenium"sv,    "sodium"sv,        "sugars"sv,      "vitamin-a"sv,
          "vitamin-b1"sv,    "vitamin-b12"sv, "vitamin-c"sv,     "vitamin-d"sv,   "zinc"sv}) {
        json.key(nutrient);
        json.begin_object();
        json.member_int("ingredient_count", rng.range(0, 12));
        json.member("notes", rng.chance(0.5) ? "Not listed on product" : "");
        json.key("product_total");
        json.decimal(rng.range(0, 10000000), 6);
        json.key("unweighted_total");
        json.decimal(rng.range(0, 10000000), 6);
        json.key("weighting");
        json.decimal(rng.range(0, 1000), 3);
        json.end_object();
    }
    json.end_object();
    json.key("status");
    json.integer(0);
    json.member("status_message", "optimal");
    json.end_object();
}

} // namespace gendump
