// The extra columns' catalogue: every column has a specification, and docs/catalogue.md's table
// states each one's type and rule as the code applies them.
#include "normalise/extra_column_specs.hpp"
#include "normalise/product_columns.hpp"
#include "support/dump_files.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace offimport;

TEST_CASE(
    "docs/catalogue.md's extra columns table gives each column the type and rule of its spec") {
    const std::string readme = test::read_file(test::project_dir() / "docs/catalogue.md");
    for (const auto& spec : extra_column_specs) {
        const std::string row = "| `" + std::string(name_of(spec.column)) + "` | " +
                                std::string(spec.type) + " | " + std::string(spec.rule) + " |";
        CHECK_MESSAGE(readme.find(row) != std::string::npos, "docs/catalogue.md lacks: " << row);
    }
}

TEST_CASE("extra column names are unique, known by name, and new to the fixed columns") {
    std::set<std::string_view> fixed;
    for (const auto& column : product_columns) {
        fixed.insert(column.name);
        fixed.insert(column.staging_name);
    }
    std::set<std::string_view> names;
    for (const auto& spec : extra_column_specs) {
        const auto name = name_of(spec.column);
        CHECK(names.insert(name).second);
        CHECK(extra_column_named(name) == spec.column);
        CHECK(fixed.count(name) == 0);
        CHECK(fixed.count(spec.staging_name) == 0);
    }
    CHECK(!extra_column_named("code").has_value());
}

TEST_CASE("a column set stages the fixed columns, then the chosen extras in catalogue order") {
    ExtraColumns chosen;
    chosen.set(static_cast<std::size_t>(ExtraColumn::last_updated_at));
    chosen.set(static_cast<std::size_t>(ExtraColumn::allergens_tags));
    const ProductColumnSet set(chosen);
    CHECK(set.staging_column_count() == ProductColumnSet().staging_column_count() + 2);
    CHECK(set.staging_column_list().ends_with(
        "code_hash, line_fingerprint, allergens_tags, last_updated_t"));
    CHECK(
        set.staging_column_definitions().ends_with("allergens_tags text[], last_updated_t bigint"));
}
