// The optional columns of the column list: docs/catalogue.md's table states each one's type and
// rule as the code applies them, and a run stages them after the fixed ones.
#include "catalogue/product_columns.hpp"
#include "normalise/row_columns.hpp"
#include "support/dump_files.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace offimport;

TEST_CASE("docs/catalogue.md's extra columns table gives each column its type and rule") {
    const std::string readme = test::read_file(test::project_dir() / "docs/catalogue.md");
    for (std::size_t i = 0; i < optional_column_count; ++i) {
        const auto& column = optional_column(i);
        const std::string row = "| `" + std::string(column.name) + "` | " +
                                std::string(column.type) + " | " + std::string(column.users_rule) +
                                " |";
        CHECK_MESSAGE(readme.find(row) != std::string::npos, "docs/catalogue.md lacks: " << row);
    }
}

TEST_CASE("column names are unique, optional ones known by name, fixed ones not") {
    std::set<std::string_view> names, staging_names;
    for (const auto& column : product_columns) {
        CAPTURE(column.name);
        CHECK((column.name.empty() || names.insert(column.name).second));
        CHECK((column.staging_name.empty() || staging_names.insert(column.staging_name).second));
        CHECK(column.optional == extra_column_named(column.name).has_value());
    }
    CHECK(optional_column(extra_column("serving_size")).name == "serving_size");
    CHECK(extra_column("code") == optional_column_count);
}

TEST_CASE("a column set stages the fixed columns, then the chosen extras in catalogue order") {
    ExtraColumns chosen;
    chosen.set(extra_column("last_updated_at"));
    chosen.set(extra_column("allergens_tags"));
    const ProductColumnSet set(chosen);
    CHECK(set.staging_column_count() == ProductColumnSet().staging_column_count() + 2);
    CHECK(set.staging_column_list().ends_with(
        "code_hash, line_fingerprint, allergens_tags, last_updated_t"));
    CHECK(
        set.staging_column_definitions().ends_with("allergens_tags text[], last_updated_t bigint"));
    CHECK(all_extra_column_names().starts_with("compared_to_category, product_type, "));
}
