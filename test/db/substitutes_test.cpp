// Healthier substitutes of the same kind (off.substitutes): each rule, on products shaped like
// the real ones that broke the rule before it (test/substitutes/ measures the real sample).
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

// A product line: `categories` as the dump lists them, general to specific.
std::string product(const std::string& code, const std::string& name, const std::string& grade,
                    const std::vector<std::string>& categories, const std::string& more = "") {
    std::string tags;
    for (const auto& tag : categories) {
        tags += (tags.empty() ? "\"" : ",\"") + tag + "\"";
    }
    return R"({"code":")" + code + R"(","product_name":")" + name + R"(","nutriscore_grade":")" +
           grade + R"(","categories_tags":[)" + tags + "]" + more + "}";
}

// `count` products of one kind: codes from `first`, grades cycling through `grades`.
void add_kind(std::vector<std::string>& lines, int first, int count, const std::string& name,
              const std::string& grades, const std::vector<std::string>& categories) {
    for (int i = 0; i < count; ++i) {
        const std::string grade(1, grades[static_cast<std::size_t>(i) % grades.size()]);
        lines.push_back(product(std::to_string(2000000000000 + first + i),
                                name + " " + std::to_string(i), grade, categories));
    }
}

const std::vector<std::string> colas{"en:beverages", "en:carbonated-drinks", "en:sodas",
                                     "en:colas"};
const std::vector<std::string> sweet_colas{"en:beverages", "en:carbonated-drinks", "en:sodas",
                                           "en:colas", "en:sweetened-beverages"};
const std::vector<std::string> sweet_soy{"en:beverages", "en:plant-based-beverages", "en:soy-milks",
                                         "en:sweetened-beverages"};
const std::vector<std::string> sweet_juice{"en:beverages", "en:fruit-juices", "en:orange-juices",
                                           "en:sweetened-beverages"};

std::vector<std::string> drinks_aisle() {
    std::vector<std::string> lines;
    add_kind(lines, 0, 6, "Diet cola", "b", colas);
    add_kind(lines, 100, 6, "Cola", "e", sweet_colas);
    add_kind(lines, 200, 8, "Soy drink", "b", sweet_soy);
    add_kind(lines, 300, 8, "Orange juice", "cd", sweet_juice);
    return lines;
}

std::string substitute_names(const TestDatabase& database, const std::string& code, int n = 5) {
    const auto rows = database.connect().exec(
        "SELECT p.product_name FROM off.substitutes($1, $2) s JOIN off.products p USING (code)",
        db::Params{code, std::to_string(n)});
    std::string names;
    for (int row = 0; row < rows.rows(); ++row) {
        names += (row > 0 ? "|" : "") + std::string(rows.get(row, 0));
    }
    return names;
}

std::string comparison_category(const TestDatabase& database, const std::string& code) {
    return database.scalar("SELECT category FROM off.substitutes('" + code + "', 1)");
}

} // namespace

TEST_CASE("a sugary cola gets colas, never a soy drink or a juice that is sweetened too") {
    TestDatabase database;
    import_lines(test_config(database), drinks_aisle());
    const std::string cola = "2000000000100";
    CHECK(comparison_category(database, cola) == "en:colas");
    const std::string names = substitute_names(database, cola, 10);
    CHECK(names.find("Diet cola") == 0);
    CHECK(names.find("Soy drink") == std::string::npos);
    CHECK(names.find("Orange juice") == std::string::npos);
    // The cross-cutting tag is found in the data: it holds colas, soy drinks and juices, and is
    // broader than none of them.
    CHECK(comparison_category(database, "2000000000301") == "en:orange-juices");
}

TEST_CASE("free-text tags and en:undefined in any case are never compared in") {
    TestDatabase database;
    std::vector<std::string> lines;
    add_kind(lines, 0, 5, "Sauce", "ab", {"en:Undefined"});
    add_kind(lines, 100, 5, "Other sauce", "ab", {"en:undefined", "en:Cereales para desayuno"});
    lines.push_back(product("2000000000900", "Barbecue sauce", "e",
                            {"en:Undefined", "en:undefined", "en:Cereales para desayuno"}));
    import_lines(test_config(database), lines);
    CHECK(substitute_names(database, "2000000000900") == "");
    CHECK(database.scalar("SELECT off.is_taxonomy_tag('en:colas')::text || "
                          "off.is_taxonomy_tag('en:Undefined')::text || "
                          "off.is_taxonomy_tag('en:undefined')::text || "
                          "off.is_taxonomy_tag('en:snacks-sucrés')::text || "
                          "off.is_taxonomy_tag('Groceries')::text") == "truefalsefalsefalsefalse");
}

TEST_CASE("the most specific category with a better product, else a broader one of the kind") {
    TestDatabase database;
    std::vector<std::string> lines;
    const std::vector<std::string> yogurts{"en:dairies", "en:fermented-milk-products",
                                           "en:yogurts"};
    auto greek = yogurts;
    greek.push_back("en:greek-style-yogurts");
    add_kind(lines, 0, 6, "Greek yogurt", "de", greek);
    add_kind(lines, 100, 6, "Plain yogurt", "a", yogurts);
    import_lines(test_config(database), lines);
    // No Greek yogurt is better than d: the next broader category, yogurts, has plain ones.
    CHECK(comparison_category(database, "2000000000000") == "en:yogurts");
    CHECK(substitute_names(database, "2000000000000", 1).find("Plain yogurt") == 0);
    // A better Greek yogurt arrives: it is the answer, in the most specific category.
    lines.push_back(product("2000000000050", "Light greek yogurt", "b", greek));
    import_lines(test_config(database), lines);
    CHECK(comparison_category(database, "2000000000000") == "en:greek-style-yogurts");
    CHECK(substitute_names(database, "2000000000000", 1) == "Light greek yogurt");
}

TEST_CASE("substitutes rank by grade, then categories shared, then popularity, then name") {
    TestDatabase database;
    Config config = test_config(database);
    config.extra_columns.set(extra_column("unique_scans_n"));
    std::vector<std::string> lines;
    const std::vector<std::string> biscuits{"en:snacks", "en:biscuits"};
    auto chocolate = biscuits;
    chocolate.push_back("en:chocolate-biscuits");
    add_kind(lines, 0, 4, "Filler", "e", chocolate);
    lines.push_back(product("2000000000100", "Target", "e", chocolate));
    lines.push_back(product("2000000000101", "B plain", "b", biscuits));
    lines.push_back(
        product("2000000000102", "B chocolate rare", "b", chocolate, R"(,"unique_scans_n":3)"));
    lines.push_back(product("2000000000103", "B chocolate popular", "b", chocolate,
                            R"(,"unique_scans_n":900)"));
    lines.push_back(product("2000000000104", "A plain", "a", biscuits));
    lines.push_back(product("2000000000105", "C chocolate", "c", chocolate));
    import_lines(config, lines);
    // Chocolate biscuits hold better ones (b, c): compared there, grade first, then (the same
    // categories shared) the more popular.
    CHECK(substitute_names(database, "2000000000100") ==
          "B chocolate popular|B chocolate rare|C chocolate");
    CHECK(substitute_names(database, "2000000000105", 3) == "B chocolate popular|B chocolate rare");
    // A plain biscuit: compared with biscuits, where the one better is plain.
    CHECK(substitute_names(database, "2000000000101") == "A plain");
}

TEST_CASE("compared_to_category starts the walk when it is of the product's kind") {
    TestDatabase database;
    Config config = test_config(database);
    config.extra_columns.set(extra_column("compared_to_category"));
    auto lines = drinks_aisle();
    // Open Food Facts compares this cola with sodas, and that one with sweetened beverages.
    lines.push_back(product("2000000000900", "Cola compared with sodas", "e", sweet_colas,
                            R"(,"compared_to_category":"en:sodas")"));
    lines.push_back(product("2000000000901", "Cola compared with sweet drinks", "e", sweet_colas,
                            R"(,"compared_to_category":"en:sweetened-beverages")"));
    import_lines(config, lines);
    CHECK(comparison_category(database, "2000000000900") == "en:sodas");
    // A cross-cutting comparison category is not of the cola's kind: colas it is.
    CHECK(comparison_category(database, "2000000000901") == "en:colas");
}

TEST_CASE("no grade, an unknown code or a removed product: no substitutes") {
    TestDatabase database;
    Config config = test_config(database);
    config.removed_products = RemovedProducts::mark;
    config.max_delete_ratio = 1;
    auto lines = drinks_aisle();
    lines.push_back(R"({"code":"2000000000999","product_name":"Cola, no grade",)"
                    R"("categories_tags":["en:beverages","en:sodas","en:colas"]})");
    import_lines(config, lines);
    CHECK(substitute_names(database, "2000000000999") == "");
    CHECK(substitute_names(database, "9999999999999") == "");
    // The diet colas leave the dump (marked removed): a cola no longer gets them.
    std::vector<std::string> without_diet(lines.begin() + 6, lines.end());
    import_lines(config, without_diet, 0, true);
    CHECK(substitute_names(database, "2000000000100").find("Diet cola") == std::string::npos);
    CHECK(substitute_names(database, "2000000000001") == "");
}

TEST_CASE(
    "each import that changes the catalogue counts the categories again, in its transaction") {
    TestDatabase database;
    Config config = test_config(database);
    config.max_delete_ratio = 1;
    const auto colas_counted = [&] {
        return database.scalar(
            "SELECT f.products || ' ' || COALESCE(pg_catalog.array_length(f.broader, 1)::text, "
            "'unknown') FROM off.category_figures f JOIN off.categories c "
            "ON c.id = f.category_id WHERE c.tag = 'en:colas'");
    };
    auto lines = drinks_aisle();
    import_lines(config, lines);
    // 12 colas, each a soda, a carbonated drink and a beverage.
    CHECK(colas_counted() == "12 3");
    // The diet colas leave: 6 colas, all sweetened now (so sweetened beverages hold them all),
    // and a sugary cola has no better one of its kind.
    std::vector<std::string> without_diet(lines.begin() + 6, lines.end());
    import_lines(config, without_diet, 0, true);
    CHECK(colas_counted() == "6 4");
    CHECK(substitute_names(database, "2000000000100") == "");
    // Fewer than 4 products: too few to tell what is broader.
    import_lines(config, {lines[6], lines[7], lines[8]}, 0, true);
    CHECK(colas_counted() == "3 unknown");
}

TEST_CASE("broader categories are counted again when a category's size moves by more than 5 %") {
    TestDatabase database;
    const Config config = test_config(database);
    std::vector<std::string> lines;
    add_kind(lines, 0, 40, "Cola", "be", colas);
    import_lines(config, lines);
    const auto figures = [&] {
        return database.scalar("SELECT f.products || ' ' || f.broader_from || ' ' || "
                               "pg_catalog.cardinality(f.broader) FROM off.category_figures f "
                               "JOIN off.categories c ON c.id = f.category_id "
                               "WHERE c.tag = 'en:colas'");
    };
    CHECK(figures() == "40 40 3");
    // Two colas that are nothing else: 5 % more, the size follows, the broader ones stay.
    lines.push_back(product("2000000000900", "Plain cola", "a", {"en:colas"}));
    lines.push_back(product("2000000000901", "Plain cola 2", "a", {"en:colas"}));
    import_lines(config, lines);
    CHECK(figures() == "42 40 3");
    // Twenty more: counted again, and sodas no longer hold 90 % of the colas.
    for (int i = 0; i < 20; ++i) {
        lines.push_back(
            product(std::to_string(2000000000910 + i), "Plain cola", "a", {"en:colas"}));
    }
    import_lines(config, lines);
    CHECK(figures() == "62 62 0");
}

TEST_CASE("an import leaves nothing in the pending lists of the catalogue's GIN indexes") {
    TestDatabase database;
    const Config config = test_config(database);
    auto lines = drinks_aisle();
    import_lines(config, lines);
    // New grades for the juices: their entries in the index of products by grade change.
    std::vector<std::string> regraded(lines.begin(), lines.begin() + 20);
    add_kind(regraded, 300, 8, "Orange juice", "ab", sweet_juice);
    import_lines(config, regraded);
    CHECK(comparison_category(database, "2000000000301") == "en:orange-juices");
    // What remained pending would be merged now: nothing is.
    CHECK(database.scalar("SELECT sum(pg_catalog.gin_clean_pending_list(i.indexrelid)) "
                          "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                          "JOIN pg_am a ON a.oid = c.relam "
                          "WHERE i.indrelid = 'off.products'::regclass AND a.amname = 'gin'") ==
          "0");
}

TEST_CASE(
    "the category figures are planned on their real size, even after a VACUUM of them empty") {
    // A VACUUM of the empty table (autovacuum after a failed first import, say) records 0 rows:
    // planned on that, computing the broader categories took minutes instead of a second.
    TestDatabase database;
    const Config config = test_config(database);
    std::string errors;
    REQUIRE(run_program(
                offimport_binary(),
                {"--migrate", "--database", database.conninfo(), "--config", small_dump_config()},
                errors) == 0);
    database.connect().exec("VACUUM off.category_figures");
    REQUIRE(database.scalar("SELECT reltuples FROM pg_class WHERE oid = "
                            "'off.category_figures'::regclass") == "0");
    import_lines(config, test_products(0, 200));
    const std::string figures = database.scalar("SELECT count(*) FROM off.category_figures");
    CHECK(figures != "0");
    CHECK(database.scalar("SELECT reltuples::bigint FROM pg_class WHERE oid = "
                          "'off.category_figures'::regclass") == figures);
}
