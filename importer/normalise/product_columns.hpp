#pragma once

#include "config/extra_columns.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace offimport {

// The product's columns, defined once: the staging table's DDL and COPY list, and the merge's
// column lists (compared, inserted, updated) and the expressions that turn a staged row into
// an off.products row all come from this list, followed by the chosen extra columns
// (normalise/extra_column_specs.hpp): see ProductColumnSet. ProductNormaliser::write_row
// writes the staged columns in that order (a unit test counts them). off.products itself is
// made by the migrations in schema/, which are history and stay as written; extra columns are
// added by load/extra_column_choice.
struct ProductColumn {
    std::string_view name;         // in off.products; empty: staging only
    std::string_view staging_name; // in the staging table; empty: derived from other columns
    std::string_view staging_type;
    std::string_view from_staging; // the off.products value, over the staging row
};

// The address of a product's page, before its code: off.products.url. A macro so that the one
// literal is also spliced into the SQL expression below.
#define OFFIMPORT_PRODUCT_PAGE "https://world.openfoodfacts.org/product/"
inline constexpr std::string_view product_page_prefix = OFFIMPORT_PRODUCT_PAGE;

inline constexpr std::array<ProductColumn, 30> product_columns{{
    {"", "line_no", "bigint NOT NULL", ""},
    {"code", "code", "text COLLATE \"C\" NOT NULL", "code"},
    {"product_name", "product_name", "text", "product_name"},
    {"generic_name", "generic_name", "text", "generic_name"},
    {"brands", "brands", "text", "brands"},
    {"quantity", "quantity", "text", "quantity"},
    {"lang", "lang", "text", "lang"},
    {"nutriscore_grade", "nutriscore_grade", "text", "nutriscore_grade"},
    {"nova_group", "nova_group", "smallint", "nova_group"},
    {"ecoscore_grade", "ecoscore_grade", "text", "ecoscore_grade"},
    {"energy_kcal_100g", "energy_kcal_100g", "double precision", "energy_kcal_100g"},
    {"fat_100g", "fat_100g", "double precision", "fat_100g"},
    {"saturated_fat_100g", "saturated_fat_100g", "double precision", "saturated_fat_100g"},
    {"carbohydrates_100g", "carbohydrates_100g", "double precision", "carbohydrates_100g"},
    {"sugars_100g", "sugars_100g", "double precision", "sugars_100g"},
    {"fiber_100g", "fiber_100g", "double precision", "fiber_100g"},
    {"proteins_100g", "proteins_100g", "double precision", "proteins_100g"},
    {"salt_100g", "salt_100g", "double precision", "salt_100g"},
    {"sodium_100g", "sodium_100g", "double precision", "sodium_100g"},
    {"categories_tags", "categories_tags", "text[]", "categories_tags"},
    {"countries_tags", "countries_tags", "text[]", "countries_tags"},
    {"labels_tags", "labels_tags", "text[]", "labels_tags"},
    {"stores", "stores", "text", "stores"},
    {"image_url", "image_url", "text", "image_url"},
    {"image_small_url", "image_small_url", "text", "image_small_url"},
    {"url", "", "", "'" OFFIMPORT_PRODUCT_PAGE "' || code"},
    {"created_at", "created_t", "bigint", "to_timestamp(created_t)"},
    {"last_modified_at", "last_modified_t", "bigint", "to_timestamp(last_modified_t)"},
    {"", "code_hash", "bigint", ""},        // see CodeSightings
    {"", "line_fingerprint", "bigint", ""}, // see KnownLines
}};

// The columns of one run: the fixed ones, then the chosen extra columns in ExtraColumn order.
// The field of a staging row (RowFormat::staging) that holds the named column: the columns
// without a staging name are not in the row.
constexpr std::size_t staged_field(std::string_view name) {
    std::size_t field = 0;
    for (const auto& column : product_columns) {
        if (column.staging_name == name) {
            return field;
        }
        field += column.staging_name.empty() ? 0 : 1;
    }
    return field;
}

class ProductColumnSet {
public:
    explicit ProductColumnSet(ExtraColumns extras = {});

    const std::vector<ProductColumn>& columns() const { return columns_; }
    const ExtraColumns& extras() const { return extras_; }

    // "line_no, code, ...": the staging table's columns in COPY order.
    std::string staging_column_list() const;
    // "line_no bigint NOT NULL, code text COLLATE "C" NOT NULL, ...": its DDL.
    std::string staging_column_definitions() const;
    // The number of columns a staged row has.
    std::size_t staging_column_count() const;
    // "code, product_name, ..., url, created_at, ...": off.products' columns of the run, the
    // order of a row in RowFormat::catalogue (a first import copies them straight in).
    std::string catalogue_column_list() const;
    std::size_t catalogue_column_count() const;

private:
    ExtraColumns extras_;
    std::vector<ProductColumn> columns_;
};

} // namespace offimport
