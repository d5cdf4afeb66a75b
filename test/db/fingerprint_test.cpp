// Line fingerprints: a full import counts a line the catalogue has imported byte for byte as
// its product unchanged without parsing it, and every guarantee and count stays what a full
// comparison (--verify) gives.
#include "load/index_lookups.hpp"
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

std::string row_version(const TestDatabase& database, const std::string& code) {
    return database.scalar("SELECT xmin::text FROM off.products WHERE code = '" + code + "'");
}

std::string fingerprint_of(const TestDatabase& database, const std::string& code) {
    return database.scalar("SELECT fingerprint FROM off.line_fingerprints WHERE code = '" + code +
                           "'");
}

// The catalogue's content, comparable between databases: no link ids, no removal times.
std::string content(const TestDatabase& database) {
    return database.scalar(
        "SELECT md5((SELECT coalesce(string_agg((to_jsonb(p) - 'removed_at')::text || "
        "(p.removed_at IS NULL)::text, '|' ORDER BY code), '') FROM off.products p) || (SELECT "
        "coalesce(string_agg(pc.product_code || c.tag || pc.position, '|' ORDER BY "
        "pc.product_code, c.tag), '') FROM off.product_categories pc JOIN off.categories c ON "
        "c.id = pc.category_id))");
}

std::string counts_of(const RunReport& report) {
    const auto& c = report.counts;
    return "lines " + std::to_string(c.lines) + ", inserted " + std::to_string(c.inserted) +
           ", updated " + std::to_string(c.updated) + ", unchanged " + std::to_string(c.unchanged) +
           ", deleted " + std::to_string(c.deleted) + ", rejected " + std::to_string(c.rejected) +
           ", duplicates " + std::to_string(c.duplicates) + ", catalogue " +
           std::to_string(report.catalogue);
}

std::string line(const std::string& code, const std::string& name, int modified,
                 const std::string& more = "") {
    return R"({"code":")" + code + R"(","product_name":")" + name +
           R"(","categories_tags":["en:c-)" + name + R"("],"last_modified_t":)" +
           std::to_string(modified) + more + "}";
}

// Three weeks of dumps with every case of duplicates: identical copies of a known line, an
// older and a newer copy beside one, a tie, a new product, a rejected line, a change and a
// removal. `unchanged` more products are in every week, the same each time.
std::vector<std::vector<std::string>> duplicate_weeks(int unchanged) {
    std::vector<std::vector<std::string>> weeks = {
        {line("11111111", "a", 100), line("22222222", "b", 100), line("33333333", "c", 100),
         line("44444444", "d", 100), line("55555555", "e", 100), line("66666666", "f", 100)},
        {
            line("11111111", "a", 100),
            line("11111111", "a", 100), // an identical copy of a known line
            line("22222222", "b", 100),
            line("22222222", "b-old", 99), // an older copy beside a known line: loses
            line("33333333", "c-new", 101),
            line("33333333", "c", 100), // a known line beside a newer copy: loses
            line("44444444", "d", 100),
            line("44444444", "d-tie", 100), // a tie: the later line wins
            line("77777777", "g", 100),     // new
            "{not json",                    // rejected
            line("66666666", "f-changed", 102),
            // 55555555 removed
        },
        {line("11111111", "a", 100), line("22222222", "b", 100), line("33333333", "c-new", 101),
         line("44444444", "d-tie", 100), line("44444444", "d", 100), line("77777777", "g", 100),
         line("55555555", "e", 100), line("66666666", "f-changed", 102)},
    };
    for (auto& week : weeks) {
        const auto more = test_products(0, unchanged);
        week.insert(week.end(), more.begin(), more.end());
    }
    return weeks;
}

// Two catalogues take the same weekly dumps: one skips known lines, the other --verify.
// `lookups`: whether the skipping one's later weeks stage few enough products for the merge to
// join them by index lookups (load/index_lookups.hpp) rather than by hash joins.
void check_same_as_full_comparison(int unchanged, bool lookups) {
    TestDatabase skipping, verifying;
    Config skip_config = test_config(skipping), verify_config = test_config(verifying);
    for (Config* config : {&skip_config, &verify_config}) {
        config->max_delete_ratio = 1;
        config->max_reject_ratio = 1;
    }
    int week_no = 0;
    std::uint64_t catalogue = 0;
    for (const auto& week : duplicate_weeks(unchanged)) {
        CAPTURE(++week_no);
        const auto skipped = import_lines(skip_config, week);
        const auto verified = import_lines(verify_config, week, 0, false, true);
        CHECK(counts_of(skipped) == counts_of(verified));
        CHECK(content(skipping) == content(verifying));
        CHECK(verified.counts.known == 0);
        if (week_no > 1) {
            CHECK(skipped.counts.known > 0);
            CHECK(few_staged(skipped.counts.staged, catalogue) == lookups);
        }
        catalogue = skipped.catalogue;
    }
    CHECK(product(skipping, "33333333")->at("product_name") == "c-new");
    CHECK(product(skipping, "44444444")->at("product_name") == "d");
}

} // namespace

TEST_CASE("an unchanged line is not parsed the next time, and its product is not rewritten") {
    TestDatabase database;
    const Config config = test_config(database);
    const auto lines = test_products(0, 40);
    const auto first = import_lines(config, lines);
    CHECK(first.counts.known == 0);
    CHECK(database.scalar("SELECT count(*) FROM off.line_fingerprints") == "40");
    const std::string version = row_version(database, test_code(5));

    const auto second = import_lines(config, lines);
    CHECK(second.counts.known == 40);
    CHECK(second.counts.staged == 0); // nothing parsed, nothing staged
    CHECK(second.counts.unchanged == 40);
    CHECK(second.counts.updated == 0);
    CHECK(second.catalogue == 40);
    CHECK(row_version(database, test_code(5)) == version);
}

TEST_CASE("a line changed only in an unmapped field is parsed, compared, and no row is written") {
    TestDatabase database;
    const Config config = test_config(database);
    std::vector<std::string> lines = {line("11111111", "a", 100), line("22222222", "b", 100)};
    import_lines(config, lines);
    const std::string version = row_version(database, "11111111");
    const std::string fingerprint = fingerprint_of(database, "11111111");

    lines[0] = line("11111111", "a", 100, R"(,"unmapped_field":"new")");
    const auto changed = import_lines(config, lines);
    CHECK(changed.counts.known == 1);  // the other line
    CHECK(changed.counts.staged == 1); // this one was parsed
    CHECK(changed.counts.unchanged == 2);
    CHECK(changed.counts.updated == 0);
    CHECK(row_version(database, "11111111") == version);
    CHECK(fingerprint_of(database, "11111111") != fingerprint); // the new line is known now

    const auto again = import_lines(config, lines);
    CHECK(again.counts.known == 2);
    CHECK(again.counts.unchanged == 2);
}

TEST_CASE("a line changed in a mapped field updates its product, a line gone removes it") {
    TestDatabase database;
    Config config = test_config(database);
    config.max_delete_ratio = 1;
    std::vector<std::string> lines = {line("11111111", "a", 100), line("22222222", "b", 100),
                                      line("33333333", "c", 100)};
    import_lines(config, lines);
    lines[0] = line("11111111", "a2", 101);
    lines.pop_back();
    const auto report = import_lines(config, lines);
    CHECK(report.counts.known == 1);
    CHECK(report.counts.updated == 1);
    CHECK(report.counts.deleted == 1);
    CHECK(report.counts.unchanged == 1);
    CHECK(product(database, "11111111")->at("product_name") == "a2");
    CHECK(!product(database, "33333333").has_value());
    CHECK(database.scalar("SELECT count(*) FROM off.line_fingerprints") == "2");
}

TEST_CASE("removed products are found by their unseen lines in mark mode too") {
    TestDatabase database;
    Config config = test_config(database);
    config.max_delete_ratio = 1;
    config.removed_products = RemovedProducts::mark;
    std::vector<std::string> lines = {line("11111111", "a", 100), line("22222222", "b", 100)};
    import_lines(config, lines);
    const auto marked = import_lines(config, {lines[0]});
    CHECK(marked.counts.known == 1);
    CHECK(marked.counts.deleted == 1);
    CHECK(database.scalar("SELECT removed_at IS NOT NULL FROM off.products WHERE code = "
                          "'22222222'") == "t");
    const auto back = import_lines(config, lines); // it returns, unchanged
    CHECK(back.counts.updated == 1);
    CHECK(back.counts.known == 1);
    CHECK(database.scalar("SELECT removed_at IS NULL FROM off.products WHERE code = "
                          "'22222222'") == "t");
    CHECK(import_lines(config, lines).counts.known == 2);
}

TEST_CASE("a changed mapping, --verify, age and a catalogue edited by hand each compare all") {
    TestDatabase database;
    Config config = test_config(database);
    const auto lines = test_products(0, 20);
    import_lines(config, lines);
    CHECK(import_lines(config, lines).counts.known == 20);

    SUBCASE("languages") {
        config.languages = {"de", "fr", "en"};
    }
    SUBCASE("extra columns") {
        config.extra_columns.set(extra_column("serving_size"));
    }
    SUBCASE("the mapping version of another program") {
        database.connect().exec("UPDATE off.fingerprint_state SET mapping = 'mapping 0'");
    }
    SUBCASE("the last full comparison older than import.verify_every_days") {
        database.connect().exec(
            "UPDATE off.fingerprint_state SET compared_at = now() - interval '31 days'");
    }
    SUBCASE("products deleted outside offimport") {
        database.connect().exec("DELETE FROM off.product_categories WHERE product_code = '" +
                                test_code(3) + "'; DELETE FROM off.products WHERE code = '" +
                                test_code(3) + "'");
    }
    const auto compared = import_lines(config, lines);
    CHECK(compared.counts.known == 0);
    CHECK(compared.counts.staged == 20);
    CHECK(compared.catalogue == 20);
    CHECK(import_lines(config, lines).counts.known == 20); // trusted again after it
}

TEST_CASE("--verify compares every product") {
    TestDatabase database;
    const Config config = test_config(database);
    const auto lines = test_products(0, 20);
    import_lines(config, lines);
    const auto verified = import_lines(config, lines, 0, false, true);
    CHECK(verified.counts.known == 0);
    CHECK(verified.counts.unchanged == 20);
}

TEST_CASE("a product a delta wrote has its line read again by the next full import") {
    TestDatabase database;
    const Config config = test_config(database);
    const auto lines = test_products(0, 20);
    import_lines(config, lines);
    // What a delta leaves: the product's row is not that of its dump line.
    database.connect().exec("UPDATE off.line_fingerprints SET fingerprint = 0 WHERE code = '" +
                            test_code(4) + "'");
    const auto report = import_lines(config, lines);
    CHECK(report.counts.known == 19);
    CHECK(report.counts.staged == 1);
    CHECK(fingerprint_of(database, test_code(4)) != "0");
}

TEST_CASE("a product a delta wrote goes when the next full import no longer has it") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, test_products(0, 20));
    // Two products a delta wrote; the next dump has only the first of them.
    database.connect().exec("UPDATE off.line_fingerprints SET fingerprint = 0 WHERE code IN ('" +
                            test_code(4) + "', '" + test_code(19) + "')");
    const auto report = import_lines(config, test_products(0, 19));
    CHECK(report.counts.deleted == 1);
    CHECK(report.counts.known == 18);
    CHECK_FALSE(product(database, test_code(19)));
    CHECK(product(database, test_code(4)));
    CHECK(fingerprint_of(database, test_code(4)) != "0");
}

TEST_CASE("a fingerprinted run counts and writes what a full comparison does, duplicates too") {
    check_same_as_full_comparison(0, false);
}

TEST_CASE("a fingerprinted run joining a few staged products by index lookups does so too") {
    check_same_as_full_comparison(100, true);
}

TEST_CASE("the watermark of a fingerprinted run is the newest last_modified_t of the dump") {
    TestDatabase database;
    const Config config = test_config(database);
    import_lines(config, {line("11111111", "a", 500), line("22222222", "b", 100)});
    CHECK(database.scalar("SELECT watermark FROM off.catalogue_state") == "500");
    // The newest product is a known line, not staged: the changed one is older.
    const auto report =
        import_lines(config, {line("11111111", "a", 500), line("22222222", "b2", 200)});
    CHECK(report.counts.known == 1);
    CHECK(database.scalar("SELECT watermark FROM off.catalogue_state") == "500");
}

TEST_CASE("the joins of a few staged products are index lookups, and only for those statements") {
    CHECK(few_staged(125, 1000));
    CHECK_FALSE(few_staged(126, 1000));
    CHECK_FALSE(few_staged(1, 0)); // a first load joins nothing to the catalogue
    TestDatabase database;
    db::Connection connection = database.connect();
    const auto setting = [&](const char* name) {
        return std::string(connection.exec(std::string("SHOW ") + name).get(0, 0));
    };
    connection.exec("BEGIN");
    with_index_lookups(connection, false, [&] { CHECK(setting("enable_hashjoin") == "on"); });
    with_index_lookups(connection, true, [&] {
        CHECK(setting("enable_hashjoin") == "off");
        CHECK(setting("enable_mergejoin") == "off");
    });
    CHECK(setting("enable_hashjoin") == "on");
    CHECK(setting("enable_mergejoin") == "on");
    connection.exec("COMMIT");
}

TEST_CASE("a product gone from a large catalogue is marked removed with index lookups") {
    TestDatabase database;
    Config config = test_config(database);
    config.removed_products = RemovedProducts::mark;
    auto lines = test_products(0, 100);
    lines.push_back(line("11111111", "a", 100));
    import_lines(config, lines);
    lines.back() = line("11111111", "a2", 101);
    lines.erase(lines.begin()); // test_code(0) goes
    const auto report = import_lines(config, lines);
    CHECK(few_staged(report.counts.staged, 101));
    CHECK(report.counts.deleted == 1);
    CHECK(report.counts.updated == 1);
    CHECK(product(database, "11111111")->at("product_name") == "a2");
    CHECK(database.scalar("SELECT count(*) FILTER (WHERE removed_at IS NOT NULL) || '/' || "
                          "count(*) FROM off.products") == "1/101");
    CHECK(database.scalar("SELECT removed_at IS NOT NULL FROM off.products WHERE code = '" +
                          test_code(0) + "'") == "t");
}
