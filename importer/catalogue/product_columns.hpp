#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace offimport {

// The nutrients the catalogue maps, as Open Food Facts names them (parse/nutrient_keys.cpp).
enum class Nutrient : std::size_t {
    energy_kcal,
    fat,
    saturated_fat,
    carbohydrates,
    sugars,
    fiber,
    proteins,
    salt,
    sodium,
    energy_kj, // only to derive kcal
    energy,    // only to derive kcal (kJ)
    count
};
constexpr std::size_t nutrient_count = static_cast<std::size_t>(Nutrient::count);

// How a column's value is made from a product line; docs/catalogue.md states each for users.
// The parser reads `field` (and `fallback`) as the rule needs; the normaliser applies the rule.
enum class ColumnRule : std::uint8_t {
    line_number,      // the dump line's number (staging only)
    code,             // the normalised barcode (normalise/barcode.hpp)
    text,             // `field`, a string: trimmed, U+0000 removed; empty is NULL
    localised_text,   // `field`_<L> for the configured languages, `field`, then `field`_<lc>
    language,         // `field`, else `fallback`; the product's language for the rules above
    nutriscore_grade, // `field`: a to e, any case
    ecoscore_grade,   // `field`, else `fallback`: a-plus, a to f
    integer,          // `field`, a number or numeric string, integral, within [low, high]
    energy_kcal,      // energy-kcal per 100 g, else kJ converted (aggregated set first)
    nutrient,         // `nutrient` per 100 g (aggregated set first)
    tags,             // `field`'s strings in dump order; none is NULL
    category,         // `field`, a tag; empty or en:null is NULL
    product_type,     // `field` if food, beauty, petfood or product
    nutrient_levels,  // `field`'s fat, saturated-fat, sugars and salt that are low/moderate/high
    front_image,      // `field` (a URL), else rebuilt from `images` at `low` pixels
    product_page,     // the product's page on Open Food Facts
    unix_time,        // `field`, Unix seconds: staged as bigint, a timestamptz in the catalogue
    code_hash,        // the code's hash, for CodeSightings (staging only)
    line_fingerprint, // the line's fingerprint, for KnownLines (staging only)
};

// The run's staging table: a temporary table holding each column's staging form.
inline constexpr const char* staging_table = "offimport_staging";

// One column of a product row: where it is stored, how it is staged, and its mapping rule.
// The staging table's DDL and COPY list, the catalogue's COPY list, the merge's column lists
// and expressions, the parser's fields and the row writer all come from product_columns.
struct ProductColumn {
    std::string_view name;         // in off.products; empty: staging only
    std::string_view type;         // in off.products
    std::string_view staging_name; // in the staging table; empty: derived by from_staging
    std::string_view staging_type;
    std::string_view from_staging; // the off.products value, over the staging row
    ColumnRule rule;
    std::string_view field = {};    // the top-level field of the dump the rule reads
    std::string_view fallback = {}; // read too; used when `field` gives nothing
    std::int64_t low = 0, high = 0; // an integer's range; a front image's size in `low`
    Nutrient nutrient = Nutrient::count;
    bool optional = false;            // only when import.extra_columns names it
    std::string_view users_rule = {}; // an optional column's rule, as docs/catalogue.md says it
};

// The address of a product's page, before its code: off.products.url. A macro so that the one
// literal is also spliced into the SQL expression below.
#define OFFIMPORT_PRODUCT_PAGE "https://world.openfoodfacts.org/product/"
inline constexpr std::string_view product_page_prefix = OFFIMPORT_PRODUCT_PAGE;

namespace column {

// Stored under its own name and type, read from `field` (and `fallback`).
constexpr ProductColumn same(std::string_view name, std::string_view type, ColumnRule rule,
                             std::string_view field, std::string_view fallback = {}) {
    return {name, type, name, type, name, rule, field, fallback};
}
constexpr ProductColumn integer(std::string_view name, std::string_view type,
                                std::string_view field, std::int64_t low, std::int64_t high) {
    auto column = same(name, type, ColumnRule::integer, field);
    column.low = low;
    column.high = high;
    return column;
}
constexpr ProductColumn per_100g(std::string_view name, Nutrient nutrient) {
    auto column = same(name, "double precision", ColumnRule::nutrient, {});
    column.nutrient = nutrient;
    return column;
}
constexpr ProductColumn front_image(std::string_view name, std::string_view field,
                                    std::int64_t size) {
    auto column = same(name, "text", ColumnRule::front_image, field);
    column.low = size;
    return column;
}
// Unix seconds in `field`, staged under that name, a timestamptz in the catalogue.
constexpr ProductColumn unix_time(std::string_view name, std::string_view field,
                                  std::string_view to_timestamp) {
    return {name, "timestamptz", field, "bigint", to_timestamp, ColumnRule::unix_time, field};
}
// Staged only: bookkeeping of the import.
constexpr ProductColumn staging_only(std::string_view staging_name, std::string_view type,
                                     ColumnRule rule) {
    return {{}, {}, staging_name, type, {}, rule};
}
constexpr ProductColumn optional(ProductColumn column, std::string_view users_rule) {
    column.optional = true;
    column.users_rule = users_rule;
    return column;
}

} // namespace column

// Every product column, in row order: the fixed ones, then the optional ones
// (import.extra_columns). A new column is one entry here and a migration adding it to off.products
// (an optional one needs no migration: the import adds it when chosen).
inline constexpr auto product_columns = std::to_array<ProductColumn>({
    column::staging_only("line_no", "bigint NOT NULL", ColumnRule::line_number),
    column::same("code", "text COLLATE \"C\" NOT NULL", ColumnRule::code, "code"),
    column::same("product_name", "text", ColumnRule::localised_text, "product_name"),
    column::same("generic_name", "text", ColumnRule::localised_text, "generic_name"),
    column::same("brands", "text", ColumnRule::text, "brands"),
    column::same("quantity", "text", ColumnRule::text, "quantity"),
    column::same("lang", "text", ColumnRule::language, "lc", "lang"),
    column::same("nutriscore_grade", "text", ColumnRule::nutriscore_grade, "nutriscore_grade"),
    column::integer("nova_group", "smallint", "nova_group", 1, 4),
    column::same("ecoscore_grade", "text", ColumnRule::ecoscore_grade, "environmental_score_grade",
                 "ecoscore_grade"),
    column::same("energy_kcal_100g", "double precision", ColumnRule::energy_kcal, {}),
    column::per_100g("fat_100g", Nutrient::fat),
    column::per_100g("saturated_fat_100g", Nutrient::saturated_fat),
    column::per_100g("carbohydrates_100g", Nutrient::carbohydrates),
    column::per_100g("sugars_100g", Nutrient::sugars),
    column::per_100g("fiber_100g", Nutrient::fiber),
    column::per_100g("proteins_100g", Nutrient::proteins),
    column::per_100g("salt_100g", Nutrient::salt),
    column::per_100g("sodium_100g", Nutrient::sodium),
    column::same("categories_tags", "text[]", ColumnRule::tags, "categories_tags"),
    column::same("countries_tags", "text[]", ColumnRule::tags, "countries_tags"),
    column::same("labels_tags", "text[]", ColumnRule::tags, "labels_tags"),
    column::same("stores", "text", ColumnRule::text, "stores"),
    column::front_image("image_url", "image_front_url", 400),
    column::front_image("image_small_url", "image_front_small_url", 200),
    ProductColumn{
        "url", "text", {}, {}, "'" OFFIMPORT_PRODUCT_PAGE "' || code", ColumnRule::product_page},
    column::unix_time("created_at", "created_t", "to_timestamp(created_t)"),
    column::unix_time("last_modified_at", "last_modified_t", "to_timestamp(last_modified_t)"),
    column::staging_only("code_hash", "bigint", ColumnRule::code_hash),
    column::staging_only("line_fingerprint", "bigint", ColumnRule::line_fingerprint),

    column::optional(
        column::same("compared_to_category", "text", ColumnRule::category, "compared_to_category"),
        "`compared_to_category`, a string; empty or `en:null` is NULL"),
    column::optional(column::same("product_type", "text", ColumnRule::product_type, "product_type"),
                     "`product_type` if it is one of food, beauty, petfood, product, else NULL"),
    column::optional(
        column::same("ingredients_text", "text", ColumnRule::localised_text, "ingredients_text"),
        "first non-empty of `ingredients_text_<L>` for the configured languages, "
        "then `ingredients_text`, then `ingredients_text_<lc>` (the rule of "
        "product_name)"),
    column::optional(column::same("allergens_tags", "text[]", ColumnRule::tags, "allergens_tags"),
                     "`allergens_tags`, strings only, dump order; no strings is NULL"),
    column::optional(column::same("traces_tags", "text[]", ColumnRule::tags, "traces_tags"),
                     "`traces_tags`, the same way"),
    column::optional(column::same("additives_tags", "text[]", ColumnRule::tags, "additives_tags"),
                     "`additives_tags`, the same way"),
    column::optional(
        column::same("food_groups_tags", "text[]", ColumnRule::tags, "food_groups_tags"),
        "`food_groups_tags`, the same way"),
    column::optional(column::same("brands_tags", "text[]", ColumnRule::tags, "brands_tags"),
                     "`brands_tags`, the same way"),
    column::optional(
        column::same("nutrient_levels", "jsonb", ColumnRule::nutrient_levels, "nutrient_levels"),
        "`nutrient_levels` as an object of the keys fat, saturated-fat, sugars and "
        "salt whose value is low, moderate or high (others dropped); none of them "
        "is NULL"),
    // Both Nutri-Score algorithms' ranges.
    column::optional(column::integer("nutriscore_score", "smallint", "nutriscore_score", -20, 60),
                     "`nutriscore_score`, an integer from -20 to 60 (both Nutri-Score "
                     "algorithms' ranges), number or numeric string, else NULL"),
    column::optional(column::same("serving_size", "text", ColumnRule::text, "serving_size"),
                     "`serving_size`, a string"),
    column::optional(column::integer("unique_scans_n", "integer", "unique_scans_n", 0, 2147483647),
                     "`unique_scans_n`, an integer from 0 to 2147483647, number or numeric "
                     "string, else NULL"),
    // Every integer up to 2^53 has an exact double: larger ones could not be told apart.
    column::optional(column::integer("popularity_key", "bigint", "popularity_key",
                                     -9007199254740992, 9007199254740992),
                     "`popularity_key`, an integer of at most 2^53 either side of 0 (it can be "
                     "negative), number or numeric string, else NULL"),
    column::optional(
        column::unix_time("last_updated_at", "last_updated_t", "to_timestamp(last_updated_t)"),
        "`last_updated_t` (Unix seconds), the rule of last_modified_at"),
});

// Columns with a part beyond their own value: the category links are made of this one's tags,
// and the dump's freshness (the latest modification it holds) is read from this one.
inline constexpr std::string_view categories_column = "categories_tags";
inline constexpr std::string_view last_modified_column = "last_modified_at";

// The optional columns follow the fixed ones.
constexpr std::size_t first_optional_column = [] {
    std::size_t first = 0;
    while (first < product_columns.size() && !product_columns[first].optional) {
        ++first;
    }
    return first;
}();
constexpr std::size_t optional_column_count = product_columns.size() - first_optional_column;
static_assert(
    [] {
        for (std::size_t i = first_optional_column; i < product_columns.size(); ++i) {
            if (!product_columns[i].optional) {
                return false;
            }
        }
        return true;
    }(),
    "product_columns: the optional columns come after every fixed one");

// A set of optional columns, by their order in product_columns.
using ExtraColumns = std::bitset<optional_column_count>;

constexpr const ProductColumn& optional_column(std::size_t index) {
    return product_columns[first_optional_column + index];
}

// The optional column of that name (its index in ExtraColumns), if any.
constexpr std::optional<std::size_t> extra_column_named(std::string_view name) {
    for (std::size_t i = 0; i < optional_column_count; ++i) {
        if (optional_column(i).name == name) {
            return i;
        }
    }
    return std::nullopt;
}

// The index of a known optional column, for code and tests that name one.
constexpr std::size_t extra_column(std::string_view name) {
    const auto index = extra_column_named(name);
    return index ? *index : optional_column_count;
}

// "compared_to_category, product_type, ...": every optional column's name, for messages.
std::string all_extra_column_names();

// The columns of a run: every fixed one, then the chosen optional ones, in row order.
std::vector<const ProductColumn*> run_columns(const ExtraColumns& extras);

} // namespace offimport
