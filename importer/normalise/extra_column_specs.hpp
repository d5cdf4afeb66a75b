#pragma once

#include "config/extra_columns.hpp"

#include <array>
#include <string_view>

namespace offimport {

// What each extra column is: its type in off.products, how it is staged, and its mapping rule
// from the dump, in ExtraColumn order. ProductNormaliser applies the rules; docs/catalogue.md's
// "Extra columns" table states them (a unit test checks that it names each column with its type).
struct ExtraColumnSpec {
    ExtraColumn column;
    std::string_view type;         // in off.products
    std::string_view staging_name; // in the staging table
    std::string_view staging_type;
    std::string_view from_staging; // the off.products value, over the staging row
    std::string_view rule;         // the mapping rule, for users
};

inline constexpr std::array<ExtraColumnSpec, extra_column_count> extra_column_specs{{
    {ExtraColumn::compared_to_category, "text", "compared_to_category", "text",
     "compared_to_category", "`compared_to_category`, a string; empty or `en:null` is NULL"},
    {ExtraColumn::product_type, "text", "product_type", "text", "product_type",
     "`product_type` if it is one of food, beauty, petfood, product, else NULL"},
    {ExtraColumn::ingredients_text, "text", "ingredients_text", "text", "ingredients_text",
     "first non-empty of `ingredients_text_<L>` for the configured languages, then "
     "`ingredients_text`, then `ingredients_text_<lc>` (the rule of product_name)"},
    {ExtraColumn::allergens_tags, "text[]", "allergens_tags", "text[]", "allergens_tags",
     "`allergens_tags`, strings only, dump order; no strings is NULL"},
    {ExtraColumn::traces_tags, "text[]", "traces_tags", "text[]", "traces_tags",
     "`traces_tags`, the same way"},
    {ExtraColumn::additives_tags, "text[]", "additives_tags", "text[]", "additives_tags",
     "`additives_tags`, the same way"},
    {ExtraColumn::food_groups_tags, "text[]", "food_groups_tags", "text[]", "food_groups_tags",
     "`food_groups_tags`, the same way"},
    {ExtraColumn::brands_tags, "text[]", "brands_tags", "text[]", "brands_tags",
     "`brands_tags`, the same way"},
    {ExtraColumn::nutrient_levels, "jsonb", "nutrient_levels", "jsonb", "nutrient_levels",
     "`nutrient_levels` as an object of the keys fat, saturated-fat, sugars and salt whose value "
     "is low, moderate or high (others dropped); none of them is NULL"},
    {ExtraColumn::nutriscore_score, "smallint", "nutriscore_score", "smallint", "nutriscore_score",
     "`nutriscore_score`, an integer from -20 to 60 (both Nutri-Score algorithms' ranges), "
     "number or numeric string, else NULL"},
    {ExtraColumn::serving_size, "text", "serving_size", "text", "serving_size",
     "`serving_size`, a string"},
    {ExtraColumn::unique_scans_n, "integer", "unique_scans_n", "integer", "unique_scans_n",
     "`unique_scans_n`, an integer from 0 to 2147483647, number or numeric string, else NULL"},
    {ExtraColumn::popularity_key, "bigint", "popularity_key", "bigint", "popularity_key",
     "`popularity_key`, an integer of at most 2^53 either side of 0 (it can be negative), "
     "number or numeric string, else NULL"},
    {ExtraColumn::last_updated_at, "timestamptz", "last_updated_t", "bigint",
     "to_timestamp(last_updated_t)",
     "`last_updated_t` (Unix seconds), the rule of last_modified_at"},
}};

constexpr const ExtraColumnSpec& spec_of(ExtraColumn column) {
    return extra_column_specs[static_cast<std::size_t>(column)];
}

// The catalogue is in ExtraColumn order: spec_of(c) is c's.
constexpr bool specs_in_order() {
    for (std::size_t i = 0; i < extra_column_count; ++i) {
        if (static_cast<std::size_t>(extra_column_specs[i].column) != i) {
            return false;
        }
    }
    return true;
}
static_assert(specs_in_order(), "extra_column_specs must follow ExtraColumn's order");

} // namespace offimport
