// The field mapping of docs/catalogue.md, rule by rule, through a real import into PostgreSQL.
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

// Imports `lines` into a fresh database (rejects allowed) and returns the database.
struct Imported {
    explicit Imported(const std::vector<std::string>& lines) {
        config = test_config(database);
        config.max_reject_ratio = 1.0;
        report = import_lines(config, lines);
    }
    std::optional<std::string> field(const std::string& code, const std::string& column) {
        const auto row = product(database, code);
        REQUIRE_MESSAGE(row.has_value(), "no product " << code);
        return row->at(column);
    }
    TestDatabase database;
    Config config;
    RunReport report;
};

const std::optional<std::string> null;

} // namespace

TEST_CASE("barcodes are normalised as Open Food Facts does, invalid ones rejected") {
    Imported run({
        R"({"code":" 3017620422003 "})", // trimmed
        R"({"code":"0000012345678"})",   // zeros stripped, 8 digits stay
        R"({"code":"123"})",             // 7 or fewer: padded to 8
        R"({"code":"000123456789"})",    // 9-12 digits: padded to 13
        R"({"code":"12345678901234"})",  // 14 stay
        R"({"code":7613035040127})",     // a number is a code too
        R"({"code":""})",
        R"({"code":"0000"})",
        R"({"code":"12a45"})",
        R"({"code":null})",
        R"({"product_name":"no code"})",
    });
    CHECK(run.report.counts.inserted == 6);
    CHECK(run.report.counts.rejected == 5);
    for (const char* code : {"3017620422003", "12345678", "00000123", "0000123456789",
                             "12345678901234", "7613035040127"}) {
        CHECK_MESSAGE(product(run.database, code).has_value(), code);
    }
    CHECK(run.database.scalar("SELECT string_agg(reason, ' | ' ORDER BY line_no) FROM "
                              "off.rejects") ==
          R"(invalid code "" | invalid code "0000" | invalid code "12a45" | missing code | )"
          "missing code");
    CHECK(run.database.scalar("SELECT code FROM off.rejects WHERE line_no = 9") == "12a45");
    CHECK(run.field("3017620422003", "url") ==
          "https://world.openfoodfacts.org/product/3017620422003");
}

TEST_CASE("duplicate codes: the greatest last_modified_t wins, a tie goes to the later line") {
    Imported run({
        R"({"code":"11111111","product_name":"old","last_modified_t":100})",
        R"({"code":"11111111","product_name":"new","last_modified_t":200})",
        R"({"code":"22222222","product_name":"new","last_modified_t":"300"})",
        R"({"code":"22222222","product_name":"old","last_modified_t":250})",
        R"({"code":"33333333","product_name":"first","last_modified_t":5})",
        R"({"code":"0033333333","product_name":"second","last_modified_t":5})",
        R"({"code":"44444444","product_name":"dated","last_modified_t":1})",
        R"({"code":"44444444","product_name":"undated"})",
    });
    CHECK(run.report.counts.inserted == 4);
    CHECK(run.report.counts.duplicates == 4);
    CHECK(run.field("11111111", "product_name") == "new");
    CHECK(run.field("22222222", "product_name") == "new");
    CHECK(run.field("33333333", "product_name") == "second");
    CHECK(run.field("44444444", "product_name") == "dated");
}

TEST_CASE("names: configured languages, then the plain field, then the product's language") {
    // Configured languages are fr, en.
    Imported run({
        R"({"code":"10000001","product_name_fr":"  ","product_name_en":"English","product_name":"Plain"})",
        R"({"code":"10000002","product_name_de":"Deutsch","product_name":"Plain","lc":"de"})",
        R"({"code":"10000003","product_name_de":"Deutsch","product_name":"","lc":"de"})",
        R"({"code":"10000004","product_name_fr":"Français","product_name_en":"English"})",
        R"({"code":"10000005","generic_name_en":"Spread","generic_name":"x"})",
        R"({"code":"10000006","product_name":"  Trimmed\t "})",
        R"({"code":"10000007","product_name_es":"solo","lc":"it"})",
    });
    CHECK(run.field("10000001", "product_name") == "English");
    CHECK(run.field("10000002", "product_name") == "Plain");
    CHECK(run.field("10000003", "product_name") == "Deutsch");
    CHECK(run.field("10000004", "product_name") == "Français");
    CHECK(run.field("10000005", "generic_name") == "Spread");
    CHECK(run.field("10000006", "product_name") == "Trimmed");
    CHECK(run.field("10000007", "product_name") == null);
}

TEST_CASE("plain text fields: trimmed, empty as NULL, U+0000 removed, escapes kept") {
    Imported run({
        R"({"code":"20000001","brands":" Ferrero ","quantity":"","stores":"Carrefour, Lidl"})",
        R"({"code":"20000002","brands":"Nu\u0000tella","quantity":" \u0000 ","product_name":"tab\there \"q\" back\\slash\nline"})",
        R"({"code":"20000003","lc":"","lang":"es","brands":123})",
        R"({"code":"20000004","lc":"fr","lang":"es"})",
    });
    CHECK(run.field("20000001", "brands") == "Ferrero");
    CHECK(run.field("20000001", "quantity") == null);
    CHECK(run.field("20000001", "stores") == "Carrefour, Lidl");
    CHECK(run.field("20000002", "brands") == "Nutella");
    CHECK(run.field("20000002", "quantity") == null);
    CHECK(run.field("20000002", "product_name") == "tab\there \"q\" back\\slash\nline");
    CHECK(run.field("20000003", "lang") == "es");
    CHECK(run.field("20000003", "brands") == null);
    CHECK(run.field("20000004", "lang") == "fr");
}

TEST_CASE("grades and NOVA group are validated") {
    Imported run({
        R"({"code":"30000001","nutriscore_grade":"a","nova_group":4,"environmental_score_grade":"a-plus"})",
        R"({"code":"30000002","nutriscore_grade":"unknown","nova_group":"3","environmental_score_grade":"unknown","ecoscore_grade":"b"})",
        R"({"code":"30000003","nutriscore_grade":"f","nova_group":5,"ecoscore_grade":"g"})",
        R"({"code":"30000004","nutriscore_grade":"E","nova_group":2.5,"ecoscore_grade":"f"})",
        R"({"code":"30000005","nova_group":"x","environmental_score_grade":"c","ecoscore_grade":"d"})",
    });
    CHECK(run.field("30000001", "nutriscore_grade") == "a");
    CHECK(run.field("30000001", "nova_group") == "4");
    CHECK(run.field("30000001", "ecoscore_grade") == "a-plus");
    CHECK(run.field("30000002", "nutriscore_grade") == null);
    CHECK(run.field("30000002", "nova_group") == "3");
    CHECK(run.field("30000002", "ecoscore_grade") == "b");
    CHECK(run.field("30000003", "nutriscore_grade") == null);
    CHECK(run.field("30000003", "nova_group") == null);
    CHECK(run.field("30000003", "ecoscore_grade") == null);
    CHECK(run.field("30000004", "nutriscore_grade") == "e");
    CHECK(run.field("30000004", "nova_group") == null);
    CHECK(run.field("30000004", "ecoscore_grade") == "f");
    CHECK(run.field("30000005", "nova_group") == null);
    CHECK(run.field("30000005", "ecoscore_grade") == "c");
}

TEST_CASE("nutrition: nutriments per 100 g, numbers as strings, the newer nutrition object") {
    Imported run({
        R"({"code":"40000001","nutriments":{"energy-kcal_100g":539,"fat_100g":"30.9","saturated-fat_100g":"","sugars_100g":"56.3 g","salt_100g":0.107,"sodium_100g":"0.0428","fiber_100g":0,"proteins_100g":6.3,"carbohydrates_100g":"57.5","fat_serving":1}})",
        R"({"code":"40000002","nutriments":{"energy-kj_100g":418.4,"energy_100g":1000}})",
        R"({"code":"40000003","nutriments":{"energy_100g":"836.8"}})",
        R"({"code":"40000004","schema_version":1003,"nutriments":{"fat_100g":99,"sugars_100g":1},"nutrition":{"aggregated_set":{"nutrients":{"fat":{"value":48,"unit":"g"},"energy-kj":{"value":2092},"salt":{"value":"0.01"}}}}})",
        R"({"code":"40000005","nutriments":{"fat_100g":"inf","sugars_100g":"1e999","salt_100g":"nan","proteins_100g":"0x10"}})",
    });
    CHECK(run.field("40000001", "energy_kcal_100g") == "539");
    CHECK(run.field("40000001", "fat_100g") == "30.9");
    CHECK(run.field("40000001", "saturated_fat_100g") == null);
    CHECK(run.field("40000001", "sugars_100g") == null);
    CHECK(run.field("40000001", "salt_100g") == "0.107");
    CHECK(run.field("40000001", "sodium_100g") == "0.0428");
    CHECK(run.field("40000001", "fiber_100g") == "0");
    CHECK(run.field("40000001", "carbohydrates_100g") == "57.5");
    // kJ / 4.184, within floating-point rounding.
    CHECK(run.database.scalar("SELECT round(energy_kcal_100g::numeric, 9) FROM off.products "
                              "WHERE code = '40000002'") == "100.000000000");
    CHECK(run.database.scalar("SELECT round(energy_kcal_100g::numeric, 9) FROM off.products "
                              "WHERE code = '40000003'") == "200.000000000");
    // Once the product has the aggregated set, nutriments are ignored.
    CHECK(run.field("40000004", "fat_100g") == "48");
    CHECK(run.field("40000004", "sugars_100g") == null);
    CHECK(run.field("40000004", "salt_100g") == "0.01");
    CHECK(run.database.scalar("SELECT round(energy_kcal_100g::numeric, 9) FROM off.products "
                              "WHERE code = '40000004'") == "500.000000000");
    for (const char* column : {"fat_100g", "sugars_100g", "salt_100g", "proteins_100g"}) {
        CHECK_MESSAGE(run.field("40000005", column) == null, column);
    }
}

TEST_CASE("tags: strings only, in dump order, and categories follow in their own tables") {
    Imported run({
        R"({"code":"50000001","categories_tags":["en:snacks",12,"en:sweet-spreads",null,"",{"a":1},"en:cocoa-spreads"],"countries_tags":["en:france"],"labels_tags":[]})",
        R"({"code":"50000002","categories_tags":"en:not-a-list","labels_tags":["en:organic","with \"quote\" and \\ backslash"]})",
        R"({"code":"50000003","categories_tags":["en:snacks","en:snacks"]})",
    });
    CHECK(run.field("50000001", "categories_tags") ==
          "{en:snacks,en:sweet-spreads,en:cocoa-spreads}");
    CHECK(run.field("50000001", "countries_tags") == "{en:france}");
    CHECK(run.field("50000001", "labels_tags") == null);
    CHECK(run.field("50000002", "categories_tags") == null);
    CHECK(run.database.scalar("SELECT labels_tags[2] FROM off.products WHERE code = '50000002'") ==
          "with \"quote\" and \\ backslash");
    CHECK(run.database.scalar("SELECT string_agg(c.tag || ':' || pc.position, ',' ORDER BY "
                              "pc.position) FROM off.product_categories pc JOIN off.categories c "
                              "ON c.id = pc.category_id WHERE pc.product_code = '50000001'") ==
          "en:snacks:1,en:sweet-spreads:2,en:cocoa-spreads:3");
    CHECK(run.database.scalar("SELECT count(*) FROM off.product_categories WHERE product_code = "
                              "'50000003'") == "1");
    CHECK(run.database.scalar("SELECT count(*) FROM off.categories") == "3");
}

namespace {

// Every link as code:tag:position, and the same derived from products.categories_tags the way
// later imports link changed products in SQL: the two must agree.
std::string links_of(const TestDatabase& database) {
    return database.scalar(
        "SELECT string_agg(pc.product_code || ':' || c.tag || ':' || pc.position, '|' ORDER BY "
        "pc.product_code, c.tag) FROM off.product_categories pc JOIN off.categories c ON c.id = "
        "pc.category_id");
}
std::string links_from_products(const TestDatabase& database) {
    return database.scalar(
        "SELECT string_agg(code || ':' || tag || ':' || position, '|' ORDER BY code, tag) FROM "
        "(SELECT p.code, u.tag, min(u.position) AS position FROM off.products p, "
        "unnest(p.categories_tags) WITH ORDINALITY AS u(tag, position) GROUP BY 1, 2) l");
}

} // namespace

TEST_CASE("a first import links categories as they are in the products, duplicates by winner") {
    Imported run({
        R"({"code":"60000001","categories_tags":["en:a","en:b","en:a","en:c"]})",
        R"({"code":"60000002","categories_tags":["en:b","tab\there","new\nline","back\\slash","é:ü"]})",
        R"({"code":"60000003"})",
        // Duplicates whose copies have other categories: the links follow the winning copy.
        R"({"code":"60000004","categories_tags":["en:loser"],"last_modified_t":1})",
        R"({"code":"60000004","categories_tags":["en:winner","en:b"],"last_modified_t":2})",
        R"({"code":"60000005","categories_tags":["en:kept","en:a"],"last_modified_t":9})",
        R"({"code":"60000005","categories_tags":["en:dropped"],"last_modified_t":3})",
        // Copies with the same categories: each link once.
        R"({"code":"60000006","categories_tags":["en:a","en:b"]})",
        R"({"code":"60000006","categories_tags":["en:a","en:b"]})",
    });
    CHECK(run.report.counts.duplicates == 3);
    const std::string links = links_of(run.database);
    CHECK(links == links_from_products(run.database));
    CHECK(links.find("60000001:en:a:1|60000001:en:b:2|60000001:en:c:4") != std::string::npos);
    CHECK(links.find("60000002:tab\there:2") != std::string::npos);
    CHECK(links.find("60000004:en:b:2|60000004:en:winner:1") != std::string::npos);
    CHECK(links.find("60000005:en:a:2|60000005:en:kept:1") != std::string::npos);
    CHECK(links.find("loser") == std::string::npos);
    CHECK(links.find("dropped") == std::string::npos);
    CHECK(links.find("60000006:en:a:1|60000006:en:b:2") != std::string::npos);
    // Tags only a losing copy had are categories all the same: the dump named them.
    CHECK(run.database.scalar("SELECT count(*) FROM off.categories") == "11");
    CHECK(run.database.scalar("SELECT count(DISTINCT id) FROM off.categories") == "11");
}

TEST_CASE(
    "a first import keeps the ids of known categories and new ones do not collide with them") {
    TestDatabase database;
    Config config = test_config(database);
    import_lines(config, {R"({"code":"70000001","categories_tags":["en:old-1","en:old-2"]})"});
    const std::string old_ids = database.scalar(
        "SELECT string_agg(tag || '=' || id, ',' ORDER BY tag) FROM off.categories");
    // The catalogue emptied by hand: the next import is a first import again.
    database.connect().exec("DELETE FROM off.product_categories; DELETE FROM off.products");
    import_lines(config, {R"({"code":"70000002","categories_tags":["en:new-1","en:old-2"]})",
                          R"({"code":"70000003","categories_tags":["en:new-2"]})"});
    CHECK(database.scalar("SELECT string_agg(tag || '=' || id, ',' ORDER BY tag) FROM "
                          "off.categories WHERE tag LIKE 'en:old%'") == old_ids);
    CHECK(links_of(database) == links_from_products(database));
    // A later import adds a category in SQL, from the identity sequence: no id is reused.
    import_lines(config, {R"({"code":"70000002","categories_tags":["en:new-1","en:old-2"]})",
                          R"({"code":"70000003","categories_tags":["en:new-2","en:newer"]})"});
    CHECK(database.scalar("SELECT count(DISTINCT id) = count(*) FROM off.categories") == "t");
    CHECK(database.scalar("SELECT count(*) FROM off.categories") == "5");
    CHECK(links_of(database) == links_from_products(database));
}

TEST_CASE("a first import sends its links in batches between parts of the staging COPY") {
    TestDatabase database;
    const Config config = test_config(database);
    // 60,000 products, 120,000 links: more than two batches of a megabyte.
    CHECK(import_lines(config, test_products(0, 60000)).counts.inserted == 60000);
    CHECK(database.scalar("SELECT count(*) FROM off.product_categories") == "120000");
    CHECK(database.scalar(
              "SELECT count(*) FROM ((SELECT product_code, category_id, position FROM "
              "off.product_categories EXCEPT SELECT p.code, c.id, u.position FROM off.products p, "
              "unnest(p.categories_tags) WITH ORDINALITY AS u(tag, position) JOIN off.categories c "
              "ON c.tag = u.tag) UNION ALL (SELECT p.code, c.id, u.position FROM off.products p, "
              "unnest(p.categories_tags) WITH ORDINALITY AS u(tag, position) JOIN off.categories c "
              "ON c.tag = u.tag EXCEPT SELECT product_code, category_id, position FROM "
              "off.product_categories)) d") == "0");
}

TEST_CASE("a first import with --full LIMIT links only the products it kept") {
    TestDatabase database;
    Config config = test_config(database);
    const auto report = import_lines(config, test_products(0, 30), 7);
    CHECK(report.counts.inserted == 7);
    CHECK(database.scalar("SELECT count(DISTINCT product_code) FROM off.product_categories") ==
          "7");
    CHECK(links_of(database) == links_from_products(database));
}

TEST_CASE("image URLs: given, else rebuilt from the selected front image, both layouts") {
    Imported run({
        R"({"code":"3017620422003","image_front_url":"https://x/given.400.jpg","images":{"front_fr":{"rev":"9"}}})",
        R"({"code":"3017620422004","lc":"es","images":{"front_en":{"rev":"3","imgid":"1"},"front_es":{"rev":14,"imgid":"6"}}})",
        R"({"code":"50196388","images":{"uploaded":{"1":{}},"selected":{"front":{"fr":{"imgid":"1","rev":"4"}}}}})",
        R"({"code":"3017620422005","images":{"front_fr":{"rev":"x"}}})",
        R"({"code":"10810014610648","lc":"de","images":{"front_it":{"rev":"2"},"front_en":{"rev":"7"}}})",
    });
    CHECK(run.field("3017620422003", "image_url") == "https://x/given.400.jpg");
    CHECK(run.field("3017620422003", "image_small_url") ==
          "https://images.openfoodfacts.org/images/products/301/762/042/2003/front_fr.9.200.jpg");
    CHECK(run.field("3017620422004", "image_url") ==
          "https://images.openfoodfacts.org/images/products/301/762/042/2004/front_es.14.400.jpg");
    CHECK(run.field("50196388", "image_url") ==
          "https://images.openfoodfacts.org/images/products/000/005/019/6388/front_fr.4.400.jpg");
    CHECK(run.field("3017620422005", "image_url") == null);
    // Not the product's language, so a configured one (fr, en) before any other.
    CHECK(run.field("10810014610648", "image_url") ==
          "https://images.openfoodfacts.org/images/products/108/100/146/10648/front_en.7.400.jpg");
}

TEST_CASE("timestamps: numbers or numeric strings, out-of-range ones dropped") {
    Imported run({
        R"({"code":"60000001","created_t":1519297017,"last_modified_t":"1774461913"})",
        R"({"code":"60000002","created_t":"soon","last_modified_t":1e15})",
    });
    CHECK(run.field("60000001", "created_at") == "2018-02-22 10:56:57+00");
    CHECK(run.field("60000001", "last_modified_at") == "2026-03-25 18:05:13+00");
    CHECK(run.field("60000002", "created_at") == null);
    CHECK(run.field("60000002", "last_modified_at") == null);
}

TEST_CASE("lines that are not product objects are rejected with a reason and the run goes on") {
    Imported run({
        R"({"code":"70000001","product_name":"ok"})",
        R"([1,2,3])",
        R"("just a string")",
        R"({"code":"70000002","product_name":"truncated)",
        R"({"code":"70000003"} trailing)",
        "",
        "   ",
        "{\"code\":\"70000004\",\"product_name\":\"bad \xff\xfe utf8\"}",
    });
    CHECK(run.report.counts.inserted == 2);
    CHECK(run.report.counts.rejected == 4);
    CHECK(run.report.counts.lines == 6); // blank lines are not counted
    CHECK(run.field("70000004", "product_name") == "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8");
    CHECK(run.database.scalar("SELECT reason FROM off.rejects WHERE line_no = 2") ==
          "not a JSON object");
    CHECK(run.database.scalar("SELECT reason FROM off.rejects WHERE line_no = 3") ==
          "not a JSON object");
    CHECK(run.database.scalar("SELECT count(*) FROM off.rejects WHERE line_no IN (4, 5) AND "
                              "reason LIKE 'invalid JSON%'") == "2");
    CHECK(run.database.scalar("SELECT excerpt FROM off.rejects WHERE line_no = 2") == "[1,2,3]");
}
