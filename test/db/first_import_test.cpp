// A first import copies its products straight into the catalogue (FirstImport) instead of
// staging and merging them: what it writes must be what the merge writes, to the column.
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

// Values of every kind, with times at the ends of their range, and repeated codes in every
// order of last_modified_t.
std::vector<std::string> varied_lines() {
    return {
        R"({"code":"80000001","product_name":"Tab\there","created_t":-62135596800,)"
        R"("last_modified_t":253402300799,"categories_tags":["en:a","en:b","en:a"],)"
        R"("last_updated_t":0,"serving_size":"back\\slash"})",
        R"({"code":"80000002","created_t":-1,"last_modified_t":"1700000000","lc":"fr",)"
        R"("nutriments":{"fat_100g":"1.5","energy-kcal_100g":12},"allergens_tags":["en:milk"],)"
        R"("popularity_key":-12,"nutrient_levels":{"fat":"low"},"nutriscore_grade":"b"})",
        R"({"code":"80000003"})",
        // Newer later; newer first; a tie, which the later line wins, then an older third.
        R"({"code":"80000004","product_name":"old","last_modified_t":1,"categories_tags":["en:x"]})",
        R"({"code":"80000004","product_name":"new","last_modified_t":2,"categories_tags":["en:y"]})",
        R"({"code":"80000005","product_name":"kept","last_modified_t":9})",
        R"({"code":"80000005","product_name":"dropped","last_modified_t":3,"categories_tags":["en:z"]})",
        R"({"code":"80000006","product_name":"first","last_modified_t":5})",
        R"({"code":"80000006","product_name":"second","last_modified_t":5})",
        R"({"code":"80000006","product_name":"third","last_modified_t":4})",
        // Without a date: the later line wins, and any date beats none, in either order.
        R"({"code":"80000007","product_name":"undated"})",
        R"({"code":"80000007","product_name":"undated, later"})",
        R"({"code":"80000008","product_name":"undated"})",
        R"({"code":"80000008","product_name":"dated","last_modified_t":1})",
        R"({"code":"80000009","product_name":"dated","last_modified_t":1})",
        R"({"code":"80000009","product_name":"undated"})",
    };
}

// Everything the catalogue holds of its products, but generated ids. Not the categories: a
// first import keeps those only a losing copy names, a merge does not (mapping_test.cpp).
std::string catalogue_contents(const TestDatabase& database) {
    return database.scalar("SELECT string_agg(p::text, E'\\n' ORDER BY code) FROM off.products p") +
           "\n" +
           database.scalar("SELECT string_agg(code || '=' || fingerprint, ',' ORDER BY code) "
                           "FROM off.line_fingerprints") +
           "\n" +
           database.scalar("SELECT string_agg(pc.product_code || ':' || c.tag || ':' || "
                           "pc.position, ',' ORDER BY 1) FROM off.product_categories pc "
                           "JOIN off.categories c ON c.id = pc.category_id");
}

Config all_columns_config(const TestDatabase& database) {
    Config config = test_config(database);
    config.extra_columns.set();
    return config;
}

} // namespace

TEST_CASE("a first import writes what a merge writes: rows, times, fingerprints, links") {
    TestDatabase first;
    const auto copied = import_lines(all_columns_config(first), varied_lines());

    TestDatabase merged;
    const Config merged_config = all_columns_config(merged);
    import_lines(merged_config, {test_product(900)});
    const auto staged = import_lines(merged_config, varied_lines(), 0, true);

    CHECK(copied.counts.inserted == 9);
    CHECK(copied.counts.duplicates == 7);
    CHECK(staged.counts.inserted == copied.counts.inserted);
    CHECK(staged.counts.duplicates == copied.counts.duplicates);
    CHECK(staged.counts.deleted == 1);
    const std::string contents = catalogue_contents(first);
    CHECK(contents == catalogue_contents(merged));
    CHECK(contents.find("0001-01-01 00:00:00+00") != std::string::npos);
    CHECK(contents.find("9999-12-31 23:59:59+00") != std::string::npos);
    for (const auto* winner : {"new", "kept", "second", "undated, later", "dated", "dated"}) {
        CHECK(contents.find(winner) != std::string::npos);
    }
    for (const auto* loser : {"old", "dropped", "first", "third"}) {
        CHECK(contents.find(std::string(",") + loser + ",") == std::string::npos);
    }
    CHECK(first.scalar("SELECT count(*) FROM off.categories WHERE tag IN ('en:x', 'en:z')") == "2");
}

TEST_CASE("a first import with --full LIMIT takes the first LIMIT rows, a repeated code too") {
    TestDatabase database;
    Config config = test_config(database);
    config.max_reject_ratio = 1;
    auto lines = test_products(0, 20);
    lines.insert(lines.begin() + 2, "not json");
    lines.insert(lines.begin() + 4, test_product(1, "changed"));
    lines.push_back("not json either");
    const auto report = import_lines(config, lines, 5);
    CHECK(report.counts.inserted == 4);
    CHECK(report.counts.duplicates == 1);
    CHECK(report.counts.rejected == 1);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "4");
    CHECK(database.scalar("SELECT max(code) FROM off.products") == test_code(3));
    CHECK(database.scalar("SELECT count(*) FROM off.line_fingerprints") == "4");
}

TEST_CASE("a first import commits a catalogue with statistics for the planner") {
    TestDatabase database;
    import_lines(test_config(database), test_products(0, 50));
    for (const auto* table : {"products", "product_categories", "line_fingerprints"}) {
        CAPTURE(table);
        CHECK(database.scalar(std::string("SELECT count(*) > 0 FROM pg_stats WHERE schemaname = "
                                          "'off' AND tablename = '") +
                              table + "'") == "t");
        CHECK(database.scalar(std::string("SELECT reltuples > 0 FROM pg_class WHERE oid = 'off.") +
                              table + "'::regclass") == "t");
    }
    // The columns plans hinge on have theirs at once; autovacuum completes the rest (not within
    // this test: 50 new rows are under its threshold).
    CHECK(database.scalar("SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_stats "
                          "WHERE schemaname = 'off' AND tablename = 'products' AND attname IN "
                          "('code', 'nutriscore_grade', 'removed_at', 'product_name')") ==
          "code,nutriscore_grade,removed_at");
}
