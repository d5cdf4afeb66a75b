// Re-imports: only real changes are written; deletions and their guard; limited imports.
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

// Row versions: a row PostgreSQL did not rewrite keeps its xmin.
std::string row_versions(const TestDatabase& database) {
    return database.scalar("SELECT string_agg(code || ':' || xmin::text, ',' ORDER BY code) FROM "
                           "off.products");
}

} // namespace

TEST_CASE("re-importing the same dump writes nothing") {
    TestDatabase database;
    const Config config = test_config(database);
    const auto lines = test_products(0, 40);
    const auto first = import_lines(config, lines);
    CHECK(first.counts.inserted == 40);
    // The first import builds the indexes after loading: all of them are back, valid.
    CHECK(database.scalar("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes "
                          "WHERE schemaname = 'off' AND tablename IN ('products', "
                          "'product_categories')") ==
          "product_categories_category_idx,product_categories_link_key,product_categories_pkey,"
          "products_graded_categories_idx,products_nutriscore_idx,"
          "products_pkey,products_removed_idx");
    CHECK(database.scalar("SELECT bool_and(indisvalid) FROM pg_index WHERE indrelid IN "
                          "('off.products'::regclass, 'off.product_categories'::regclass)") == "t");
    const std::string versions = row_versions(database);
    const std::string links = database.scalar(
        "SELECT string_agg(xmin::text, ',' ORDER BY product_code, category_id) FROM "
        "off.product_categories");
    const auto second = import_lines(config, lines);
    CHECK(second.counts.inserted == 0);
    CHECK(second.counts.updated == 0);
    CHECK(second.counts.deleted == 0);
    CHECK(second.counts.unchanged == 40);
    CHECK(row_versions(database) == versions);
    CHECK(database.scalar("SELECT string_agg(xmin::text, ',' ORDER BY product_code, category_id) "
                          "FROM off.product_categories") == links);
    CHECK(database.scalar("SELECT count(*) FROM off.runs WHERE status = 'succeeded'") == "2");
}

TEST_CASE("a modified dump updates exactly the changed products and deletes the removed one") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, test_products(0, 40));
    const std::string before = row_versions(database);

    auto lines = test_products(0, 40);
    lines[3] = test_product(3, "-changed");
    lines[7] = test_product(7, "-changed");
    lines.erase(lines.begin() + 10); // 1 of 40 removed: 2.5 %, within max_delete_ratio
    lines.push_back(test_product(100));
    const auto report = import_lines(config, lines);
    CHECK(report.counts.updated == 2);
    CHECK(report.counts.deleted == 1);
    CHECK(report.counts.inserted == 1);
    CHECK(report.counts.unchanged == 37);
    CHECK(database.scalar("SELECT product_name FROM off.products WHERE code = '" + test_code(3) +
                          "'") == "Product 3-changed");
    CHECK(database.scalar("SELECT count(*) FROM off.products WHERE code = '" + test_code(10) +
                          "'") == "0");
    CHECK(database.scalar("SELECT count(*) FROM off.product_categories WHERE product_code = '" +
                          test_code(10) + "'") == "0");
    CHECK(database.scalar("SELECT string_agg(c.tag, ',' ORDER BY pc.position) FROM "
                          "off.product_categories pc JOIN off.categories c ON c.id = "
                          "pc.category_id WHERE pc.product_code = '" +
                          test_code(7) + "'") == "en:cat-2,en:sub-1-changed");
    // Rows of unchanged products were not rewritten.
    const std::string after = row_versions(database);
    const std::string untouched_code = test_code(20);
    auto version_of = [&](const std::string& all) {
        const auto at = all.find(untouched_code + ":");
        return all.substr(at, all.find(',', at) - at);
    };
    CHECK(version_of(after) == version_of(before));
}

TEST_CASE("category links change only where a product's categories changed") {
    TestDatabase database;
    const Config config = test_config(database);
    const auto product = [](const std::string& code, const std::string& name,
                            const std::string& tags) {
        return R"({"code":")" + code + R"(","product_name":")" + name + R"(","categories_tags":[)" +
               tags + "]}";
    };
    import_lines(config, {product("80000001", "a", R"("en:x","en:y")"),
                          product("80000002", "b", R"("en:x","en:y","en:z")"),
                          product("80000003", "c", R"("en:x","en:y")")});
    const auto link_versions = [&](const std::string& code) {
        return database.scalar("SELECT string_agg(category_id || '@' || position || ':' || "
                               "xmin, ',' ORDER BY category_id) FROM off.product_categories "
                               "WHERE product_code = '" +
                               code + "'");
    };
    const auto tags_of = [&](const std::string& code) {
        return database.scalar("SELECT string_agg(c.tag || ':' || pc.position, ',' ORDER BY "
                               "pc.position) FROM off.product_categories pc JOIN off.categories "
                               "c ON c.id = pc.category_id WHERE pc.product_code = '" +
                               code + "'");
    };
    const std::string renamed_before = link_versions("80000001");
    const auto report =
        import_lines(config, {product("80000001", "renamed", R"("en:x","en:y")"),
                              product("80000002", "b", R"("en:z","en:x")"),
                              product("80000003", "c", R"("en:x","en:y","en:new")")});
    CHECK(report.counts.updated == 3);
    CHECK(link_versions("80000001") == renamed_before); // name only: links untouched
    CHECK(tags_of("80000002") == "en:z:1,en:x:2");      // reordered, one removed
    CHECK(tags_of("80000003") == "en:x:1,en:y:2,en:new:3");
    CHECK(database.scalar("SELECT count(*) FROM off.categories") == "4");
}

TEST_CASE("the shrink guard refuses to delete more than max_delete_ratio unless allowed") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, test_products(0, 40));
    const std::string checksum = database.catalogue_checksum();
    CHECK_THROWS_WITH(import_lines(config, test_products(0, 30)),
                      doctest::Contains("refusing to delete 10 of 40 products"));
    CHECK(database.catalogue_checksum() == checksum);
    CHECK(database.scalar("SELECT error FROM off.runs WHERE status = 'failed'")
              .find("--allow-shrink") != std::string::npos);
    const auto allowed = import_lines(config, test_products(0, 30), 0, true);
    CHECK(allowed.counts.deleted == 10);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "30");
}

TEST_CASE("--full LIMIT imports the first LIMIT valid products and deletes nothing") {
    TestDatabase database;
    Config config = test_config(database);
    config.max_reject_ratio = 1;
    import_lines(config, test_products(0, 10));
    auto lines = test_products(100, 20);
    lines.insert(lines.begin() + 2, "not json");
    const auto report = import_lines(config, lines, 5);
    CHECK(report.counts.inserted == 5);
    CHECK(report.counts.deleted == 0);
    CHECK(report.counts.rejected == 1);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "15");
    CHECK(database.scalar("SELECT max(code) FROM off.products") == test_code(104));
}

TEST_CASE("a product renamed stays on its page: the catalogue leaves room for new versions") {
    TestDatabase database;
    const Config config = test_config(database);
    auto lines = test_products(0, 2000); // many full pages
    import_lines(config, lines);
    const auto page_of = [&](const std::string& table, int index) {
        return database.scalar("SELECT (ctid::text::point)[0] FROM off." + table +
                               " WHERE code = '" + test_code(index) + "'");
    };
    REQUIRE(page_of("products", 1) == "0");
    const std::string fingerprint_page = page_of("line_fingerprints", 1);
    std::string line = test_product(1);
    line.replace(line.find("Product 1"), 9, "Product 1 renamed");
    lines[1] = line;
    CHECK(import_lines(config, lines).counts.updated == 1);
    // A heap-only update: no index entry added, no other page written (replicas replay less).
    CHECK(page_of("products", 1) == "0");
    CHECK(page_of("line_fingerprints", 1) == fingerprint_page);
    CHECK(database.scalar("SELECT product_name FROM off.products WHERE code = '" + test_code(1) +
                          "'") == "Product 1 renamed");
}
