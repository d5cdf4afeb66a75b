// Product search (import.search, off.search_products): how a person finds a product by what
// they type, kept current by every import in its own transaction.
#include "base/cancel.hpp"
#include "import/delta_import.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace offimport;
using namespace offimport::test;

namespace {

std::string product_line(const std::string& code, const std::string& name,
                         const std::string& brands, const std::string& lang,
                         std::int64_t modified = 1700000000) {
    return R"({"code":")" + code + R"(","product_name":")" + name + R"(","brands":")" + brands +
           R"(","lc":")" + lang + R"(","last_modified_t":)" + std::to_string(modified) + "}";
}

std::vector<std::string> shelf() {
    return {
        product_line("3017620422003", "Nutella", "Ferrero", "fr"),
        product_line("8000500310427", "Nutella biscuits", "Ferrero", "it"),
        product_line("5449000131805", "Coca-Cola Zero", "Coca-Cola", "en"),
        product_line("5449000000996", "Coca-Cola", "Coca-Cola", "en"),
        product_line("3033490506629", "Crème brûlée à la vanille", "La Laitière", "fr"),
        product_line("3033490004743", "Yaourts à la grecque", "Danone", "fr"),
        product_line("0000040084107", "Greek style yogurts", "Fage", "en"),
        product_line("7613035469732", "Kit Kat Chunky", "Nestlé", "en"),
        product_line("3175680011480", "Gerblé biscuits au sésame", "Gerblé", "fr"),
        product_line("4000417025005", "Ritter Sport Marzipan", "Ritter Sport", "de"),
    };
}

Config search_config(const TestDatabase& database) {
    Config config = test_config(database);
    config.search = true;
    return config;
}

// The names of the first `n` products found, in rank order, joined by "|".
std::string found(const TestDatabase& database, const std::string& query, int n = 3) {
    const auto rows =
        database.connect().exec("SELECT p.product_name FROM off.search_products($1, $2) s "
                                "JOIN off.products p USING (code) ORDER BY s.rank DESC, s.code",
                                db::Params{query, std::to_string(n)});
    std::string names;
    for (int row = 0; row < rows.rows(); ++row) {
        names += (row > 0 ? "|" : "") + std::string(rows.get(row, 0));
    }
    return names;
}

} // namespace

TEST_CASE("search is off until import.search: the function says how to switch it on") {
    TestDatabase database;
    import_lines(test_config(database), shelf());
    CHECK_THROWS_WITH(database.connect().exec("SELECT * FROM off.search_products('nutella')"),
                      doctest::Contains("product search is off in this catalogue"));
    CHECK(database.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = "
                          "'off.products'::regclass AND attname LIKE 'search%'") == "0");
}

TEST_CASE("search finds a product by name and brand, whatever the accents, case and language") {
    TestDatabase database;
    import_lines(search_config(database), shelf());
    CHECK(found(database, "creme brulee", 1) == "Crème brûlée à la vanille");
    CHECK(found(database, "CRÈME Brûlée", 1) == "Crème brûlée à la vanille");
    CHECK(found(database, "laitiere", 1) == "Crème brûlée à la vanille");
    // Stemmed in the product's language: a French plural, an English plural.
    CHECK(found(database, "yaourt grec", 1) == "Yaourts à la grecque");
    CHECK(found(database, "yogurt", 1) == "Greek style yogurts");
    CHECK(found(database, "gerble sesame", 1) == "Gerblé biscuits au sésame");
    CHECK(found(database, "marzipan", 1) == "Ritter Sport Marzipan");
    // A brand finds its products (in no particular order: the brand is all they match).
    const std::string ferrero = found(database, "ferrero", 5);
    CHECK((ferrero == "Nutella|Nutella biscuits" || ferrero == "Nutella biscuits|Nutella"));
}

TEST_CASE("search forgives typos and unfinished words, and ranks the closest name first") {
    TestDatabase database;
    import_lines(search_config(database), shelf());
    CHECK(found(database, "nutela", 1) == "Nutella");
    CHECK(found(database, "coca col", 1) == "Coca-Cola");
    CHECK(found(database, "kitkat", 1) == "Kit Kat Chunky");
    CHECK(found(database, "ritter sprot", 1) == "Ritter Sport Marzipan");
    // Both match every word; the one with fewer other words comes first.
    CHECK(found(database, "nutella") == "Nutella|Nutella biscuits");
    CHECK(found(database, "coca cola") == "Coca-Cola|Coca-Cola Zero");
    CHECK(found(database, "coca cola zero", 1) == "Coca-Cola Zero");
    // A word of 3 letters or more is also the start of a word; "de" is a word only (as a
    // prefix it would match most of a real catalogue).
    const std::string asked = database.scalar("SELECT off.search_query('Yaourts de')::text");
    CHECK_MESSAGE(asked.find("'yaourts':*") != std::string::npos, asked);
    CHECK_MESSAGE(asked.find("'de':*") == std::string::npos, asked);
    CHECK_MESSAGE(asked.find("'de'") != std::string::npos, asked);
    // Nothing close is nothing found, and a query of no words is no error.
    CHECK(found(database, "xylophone") == "");
    CHECK(found(database, "!!! ...") == "");
    CHECK(found(database, "") == "");
}

TEST_CASE("a barcode, a barcode prefix or a barcode with its leading zeros finds its product") {
    TestDatabase database;
    import_lines(search_config(database), shelf());
    CHECK(found(database, "3017620422003") == "Nutella");
    CHECK(found(database, "0003017620422003") == "Nutella");
    CHECK(found(database, "40084107") == "Greek style yogurts"); // stored as 0000040084107
    CHECK(found(database, "544900", 5) == "Coca-Cola|Coca-Cola Zero");
}

TEST_CASE("search follows every import: a renamed product is found by its new name only, a "
          "removed one not at all, a failed run changes nothing") {
    TestDatabase database;
    Config config = search_config(database);
    config.removed_products = RemovedProducts::mark;
    config.max_delete_ratio = 0.5;
    import_lines(config, shelf());
    auto renamed = shelf();
    renamed[0] =
        product_line("3017620422003", "Pâte à tartiner aux noisettes", "Ferrero", "fr", 1700000500);
    renamed.erase(renamed.begin() + 7); // Kit Kat leaves the dump
    import_lines(config, renamed);
    CHECK(found(database, "pate a tartiner", 1) == "Pâte à tartiner aux noisettes");
    CHECK(found(database, "nutella") == "Nutella biscuits");
    CHECK(found(database, "kit kat") == "");
    CHECK(found(database, "7613035469732") == "");

    // A run that fails (the shrink guard) leaves what search finds as it was.
    const std::vector<std::string> few(renamed.begin(), renamed.begin() + 2);
    CHECK_THROWS(import_lines(config, few));
    CHECK(found(database, "yaourt", 1) == "Yaourts à la grecque");
    CHECK(found(database, "pate a tartiner", 1) == "Pâte à tartiner aux noisettes");
}

TEST_CASE("a delta keeps search current for the products it writes") {
    TestDatabase database;
    TempDir www;
    std::filesystem::create_directories(www / "delta");
    Config config = search_config(database);
    import_lines(config, shelf());
    const std::string file = "openfoodfacts_products_1699999000_1700000900.json.gz";
    write_dump(
        www / "delta" / file,
        {product_line("5449000131805", "Coca-Cola Cherry", "Coca-Cola", "en", 1700000800),
         product_line("3760020507350", "Pâte à tartiner bio", "Jardin Bio", "fr", 1700000800)},
        true);
    write_file(www / "delta" / "index.txt", file + "\n");
    Nginx nginx(www.path());
    config.delta_base_url = nginx.url("delta/");
    CancelFlag cancel;
    CHECK(run_delta_import(config, cancel).status == RunStatus::succeeded);
    CHECK(found(database, "cherry", 1) == "Coca-Cola Cherry");
    CHECK(found(database, "zero") == "");
    CHECK(found(database, "jardin bio", 1) == "Pâte à tartiner bio");
    // The delta's words are in the vocabulary that typos are corrected against.
    CHECK(found(database, "cheery", 1) == "Coca-Cola Cherry");
    CHECK(database.scalar("SELECT count(*) FROM off.search_vocabulary WHERE word IN "
                          "('cherry', 'jardin', 'zero')") == "3");
}

TEST_CASE("switching search off drops its columns, and on again an import rebuilds them") {
    TestDatabase database;
    Config config = search_config(database);
    import_lines(config, shelf());
    config.search = false;
    import_lines(config, shelf());
    CHECK(database.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = "
                          "'off.products'::regclass AND attname LIKE 'search%' AND NOT "
                          "attisdropped") == "0");
    CHECK_THROWS_WITH(database.connect().exec("SELECT * FROM off.search_products('nutella')"),
                      doctest::Contains("product search is off"));
    CHECK(database.scalar("SELECT to_regclass('off.search_vocabulary') IS NULL") == "t");
    config.search = true;
    import_lines(config, shelf());
    CHECK(found(database, "nutella", 1) == "Nutella");
    CHECK(found(database, "nutela", 1) == "Nutella");
}

TEST_CASE("a catalogue whose search predates the vocabulary gets it at the next import") {
    TestDatabase database;
    Config config = search_config(database);
    import_lines(config, shelf());
    database.connect().exec("DROP TABLE off.search_vocabulary");
    // Until then, search works without correcting typos against it.
    CHECK(found(database, "nutella", 1) == "Nutella");
    import_lines(config, shelf());
    CHECK(database.scalar("SELECT count(*) > 10 FROM off.search_vocabulary") == "t");
    CHECK(found(database, "nutela", 1) == "Nutella");
}

TEST_CASE("a whole word is that word, an unfinished one the words it begins") {
    TestDatabase database;
    import_lines(search_config(database), shelf());
    const auto asked = [&](const std::string& query) {
        return database.scalar("SELECT off.catalogue_query('" + query + "', 'off', false)::text");
    };
    // "sport" is a word of the catalogue: not the start of "sportif", unless typed last.
    CHECK_MESSAGE(asked("sport ritter").find("'sport':*") == std::string::npos,
                  asked("sport ritter"));
    CHECK_MESSAGE(asked("ritter sport").find("'sport':*") != std::string::npos,
                  asked("ritter sport"));
    // "nut" begins words of the catalogue only: their start.
    CHECK_MESSAGE(asked("nut").find("'nut':*") != std::string::npos, asked("nut"));
    // Mistyped: corrected with `correct` only.
    CHECK(database.scalar("SELECT off.catalogue_query('nutela', 'off', true)::text")
              .find("'nutella'") != std::string::npos);
    CHECK(database.scalar("SELECT off.catalogue_query('nutella', 'off', true) IS NULL") == "t");
}
