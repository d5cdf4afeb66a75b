// The web application's side of the catalogue: a link table an ORM can use, and removals that
// never break an application's foreign keys.
#include "db/migration.hpp"
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

// The application's own table, as a Django model with a plain ForeignKey makes it.
void create_favourites(const TestDatabase& database, const std::string& on_delete = "") {
    database.connect().exec("CREATE TABLE public.favourites (id serial PRIMARY KEY, "
                            "product_code text REFERENCES off.products (code) " +
                            on_delete + ")");
}

void save_favourite(const TestDatabase& database, const std::string& code) {
    database.connect().exec("INSERT INTO public.favourites (product_code) VALUES ($1)",
                            db::Params{code});
}

// 40 products, then the same without the first `removed` of them.
std::vector<std::string> without_first(int removed) {
    return test_products(removed, 40 - removed);
}

} // namespace

TEST_CASE("a first import numbers its links past any id taken, and later links follow them") {
    TestDatabase database;
    const Config config = test_config(database);
    auto connection = database.connect();
    db::migrate(connection, "off");
    // A link left behind by a product deleted outside offimport, with an id of its own.
    connection.exec("INSERT INTO off.product_categories (id, product_code, category_id, "
                    "position) VALUES (5000, '99999999', 1, 1)");
    import_lines(config, test_products(0, 20));
    CHECK(database.scalar("SELECT count(*) = count(DISTINCT id) AND count(*) > 20 AND "
                          "min(id) FILTER (WHERE id <> 5000) > 5000 FROM off.product_categories") ==
          "t");
    const std::string first_max = database.scalar("SELECT max(id) FROM off.product_categories");
    // Changed categories are linked by SQL, their ids drawn from the sequence.
    import_lines(config, test_products(0, 20, "changed"));
    CHECK(database.scalar("SELECT min(pc.id) > " + first_max +
                          " FROM off.product_categories pc JOIN off.categories c ON c.id = "
                          "pc.category_id WHERE c.tag LIKE '%changed%'") == "t");
}

TEST_CASE("the link table has a single-column key and each link is unique") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, test_products(0, 20));
    CHECK(database.scalar("SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a "
                          "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE "
                          "i.indrelid = 'off.product_categories'::regclass AND i.indisprimary") ==
          "id");
    CHECK(database.scalar("SELECT count(*) = count(DISTINCT id) AND count(*) > 20 FROM "
                          "off.product_categories") == "t");
    // An ORM deletes one link object by its key: the product's other links stay.
    const std::string code = test_code(3);
    const auto links = database.scalar("SELECT count(*) FROM off.product_categories WHERE "
                                       "product_code = '" +
                                       code + "'");
    REQUIRE(std::stoi(links) > 1);
    database.connect().exec("DELETE FROM off.product_categories WHERE id = (SELECT min(id) FROM "
                            "off.product_categories WHERE product_code = $1)",
                            db::Params{code});
    CHECK(database.scalar("SELECT count(*) FROM off.product_categories WHERE product_code = '" +
                          code + "'") == std::to_string(std::stoi(links) - 1));
    CHECK_THROWS(database.connect().exec(
        "INSERT INTO off.product_categories (product_code, category_id, position) SELECT "
        "product_code, category_id, 99 FROM off.product_categories LIMIT 1"));
    // Re-imports keep working on the new key: changed categories are relinked.
    const auto report = import_lines(config, test_products(0, 20, "changed"));
    CHECK(report.counts.updated == 20);
    CHECK(database.scalar("SELECT count(*) FROM off.product_categories pc JOIN off.categories c "
                          "ON c.id = pc.category_id WHERE c.tag LIKE '%changed%'") == "20");
}

TEST_CASE("the link table migration keeps every link of an existing catalogue") {
    TestDatabase database;
    auto connection = database.connect();
    const auto& all = db::embedded_migrations();
    REQUIRE(all.size() >= 2);
    db::migrate(connection, "off", {all[0]}); // a catalogue made before the link table had ids
    connection.exec("INSERT INTO off.categories (tag) SELECT 'en:c' || n FROM "
                    "generate_series(1, 50) n");
    connection.exec("INSERT INTO off.product_categories (product_code, category_id, position) "
                    "SELECT lpad(p::text, 13, '0'), c, c FROM generate_series(1, 200) p, "
                    "generate_series(1, 50) c");
    const auto before = database.scalar("SELECT md5(string_agg(product_code || category_id || "
                                        "'/' || position, ',' ORDER BY 1)) FROM "
                                        "off.product_categories");
    CHECK(db::migrate(connection, "off").applied == static_cast<int>(all.size()) - 1);
    CHECK(database.scalar("SELECT md5(string_agg(product_code || category_id || '/' || "
                          "position, ',' ORDER BY 1)) FROM off.product_categories") == before);
    CHECK(database.scalar("SELECT count(DISTINCT id) FROM off.product_categories") == "10000");
    // New links draw ids after the existing ones.
    connection.exec("INSERT INTO off.product_categories (product_code, category_id, position) "
                    "VALUES ('9999999999999', 1, 1)");
    CHECK(database.scalar("SELECT id > 10000 FROM off.product_categories WHERE product_code = "
                          "'9999999999999'") == "t");
}

TEST_CASE("delete mode: a removal an application foreign key forbids fails before any change") {
    TestDatabase database;
    Config config = test_config(database);
    config.max_delete_ratio = 1;
    import_lines(config, test_products(0, 40));
    create_favourites(database);
    save_favourite(database, test_code(10)); // stays in the next dump
    save_favourite(database, test_code(1));  // removed by the next dump
    const auto before = database.catalogue_checksum();
    try {
        import_lines(config, without_first(2));
        FAIL("the import should have failed");
    } catch (const std::exception& error) {
        const std::string message = error.what();
        CHECK_MESSAGE(message.find("foreign key constraint \"favourites_product_code_fkey\" of "
                                   "table favourites") != std::string::npos,
                      message);
        CHECK_MESSAGE(message.find("1 of its rows") != std::string::npos, message);
        CHECK_MESSAGE(message.find("ON DELETE SET NULL") != std::string::npos, message);
        CHECK_MESSAGE(message.find("import.removed_products = \"mark\"") != std::string::npos,
                      message);
    }
    CHECK(database.catalogue_checksum() == before);
    CHECK(database.scalar("SELECT status FROM off.runs ORDER BY id DESC LIMIT 1") == "failed");

    // Once the application no longer holds the removed product, the same import goes through.
    database.connect().exec("DELETE FROM public.favourites WHERE product_code = $1",
                            db::Params{test_code(1)});
    const auto report = import_lines(config, without_first(2));
    CHECK(report.counts.deleted == 2);
    CHECK(database.scalar("SELECT count(*) FROM public.favourites") == "1");
}

TEST_CASE("delete mode: a foreign key ON DELETE SET NULL follows the removal") {
    TestDatabase database;
    Config config = test_config(database);
    config.max_delete_ratio = 1;
    import_lines(config, test_products(0, 40));
    create_favourites(database, "ON DELETE SET NULL");
    save_favourite(database, test_code(0));
    const auto report = import_lines(config, without_first(1));
    CHECK(report.counts.deleted == 1);
    CHECK(database.scalar("SELECT count(*) FROM public.favourites WHERE product_code IS NULL") ==
          "1");
}

TEST_CASE("mark mode: a removed product keeps its row and links, and comes back when it returns") {
    TestDatabase database;
    Config config = test_config(database);
    config.removed_products = RemovedProducts::mark;
    config.max_delete_ratio = 1;
    import_lines(config, test_products(0, 40));
    create_favourites(database);
    save_favourite(database, test_code(0));
    const auto links = database.scalar("SELECT count(*) FROM off.product_categories");

    const auto marked = import_lines(config, without_first(3));
    CHECK(marked.counts.deleted == 3);
    CHECK(marked.catalogue == 37);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "40");
    CHECK(database.scalar("SELECT count(*) FROM off.products WHERE removed_at IS NOT NULL") == "3");
    CHECK(database.scalar("SELECT removed_at IS NOT NULL FROM off.products WHERE code = '" +
                          test_code(0) + "'") == "t");
    CHECK(database.scalar("SELECT count(*) FROM off.product_categories") == links);

    // The same dump again: the marked products are not counted or marked again.
    const auto again = import_lines(config, without_first(3));
    CHECK(again.counts.deleted == 0);
    CHECK(again.counts.updated == 0);
    CHECK(again.catalogue == 37);

    // Back in the dump: removed_at is cleared, the product counts as updated.
    const auto back = import_lines(config, test_products(0, 40));
    CHECK(back.counts.updated == 3);
    CHECK(back.counts.inserted == 0);
    CHECK(back.catalogue == 40);
    CHECK(database.scalar("SELECT count(*) FROM off.products WHERE removed_at IS NOT NULL") == "0");
}

TEST_CASE("mark mode: the shrink guard counts marked products like deleted ones") {
    TestDatabase database;
    Config config = test_config(database);
    config.removed_products = RemovedProducts::mark;
    config.max_delete_ratio = 0.05;
    import_lines(config, test_products(0, 40));
    const auto before = database.catalogue_checksum();
    CHECK_THROWS_WITH(import_lines(config, without_first(4)),
                      doctest::Contains("refusing to mark 4 of 40 products (10%"));
    CHECK(database.catalogue_checksum() == before);
    const auto allowed = import_lines(config, without_first(4), 0, true);
    CHECK(allowed.counts.deleted == 4);
}

TEST_CASE("switching from mark to delete deletes the products marked before") {
    TestDatabase database;
    Config config = test_config(database);
    config.removed_products = RemovedProducts::mark;
    config.max_delete_ratio = 1;
    import_lines(config, test_products(0, 40));
    CHECK(import_lines(config, without_first(2)).counts.deleted == 2);
    config.removed_products = RemovedProducts::delete_rows;
    CHECK(import_lines(config, without_first(2)).counts.deleted == 2);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "38");
}
