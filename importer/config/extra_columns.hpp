#pragma once

#include <array>
#include <bitset>
#include <optional>
#include <string>
#include <string_view>

namespace offimport {

// The optional product columns a configuration can switch on (import.extra_columns), beyond
// the fixed ones of docs/catalogue.md. Each column's type and mapping rule are in
// normalise/extra_column_specs.hpp; docs/catalogue.md's "Extra columns" table says the same for
// users.
enum class ExtraColumn : std::size_t {
    compared_to_category,
    product_type,
    ingredients_text,
    allergens_tags,
    traces_tags,
    additives_tags,
    food_groups_tags,
    brands_tags,
    nutrient_levels,
    nutriscore_score,
    serving_size,
    unique_scans_n,
    popularity_key,
    last_updated_at,
    count
};
constexpr std::size_t extra_column_count = static_cast<std::size_t>(ExtraColumn::count);

// A set of extra columns, by ExtraColumn.
using ExtraColumns = std::bitset<extra_column_count>;

// Column names, in ExtraColumn order: the names users write and the columns of off.products.
inline constexpr std::array<std::string_view, extra_column_count> extra_column_names{
    "compared_to_category", "product_type",     "ingredients_text", "allergens_tags",
    "traces_tags",          "additives_tags",   "food_groups_tags", "brands_tags",
    "nutrient_levels",      "nutriscore_score", "serving_size",     "unique_scans_n",
    "popularity_key",       "last_updated_at"};

constexpr std::string_view name_of(ExtraColumn column) {
    return extra_column_names[static_cast<std::size_t>(column)];
}

inline bool has(const ExtraColumns& set, ExtraColumn column) {
    return set.test(static_cast<std::size_t>(column));
}

std::optional<ExtraColumn> extra_column_named(std::string_view name);

// "compared_to_category, product_type, ...": every name, for messages.
std::string all_extra_column_names();

} // namespace offimport
