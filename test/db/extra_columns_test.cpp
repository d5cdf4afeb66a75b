// import.extra_columns: each optional column's mapping rule through a real import, and what
// switching a column on and off does to a catalogue that already exists.
#include "support/child_process.hpp"
#include "support/dump_files.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

ExtraColumns all_extra_columns() {
    ExtraColumns all;
    all.set();
    return all;
}

ExtraColumns columns(std::initializer_list<std::string_view> chosen) {
    ExtraColumns set;
    for (const auto name : chosen) {
        set.set(extra_column(name));
    }
    return set;
}

// Imports `lines` with every extra column chosen; rejects allowed.
struct Imported {
    explicit Imported(const std::vector<std::string>& lines,
                      std::vector<std::string> languages = {"en"}) {
        config = test_config(database);
        config.max_reject_ratio = 1.0;
        config.languages = std::move(languages);
        config.extra_columns = all_extra_columns();
        report = import_lines(config, lines);
    }
    std::optional<std::string> field(const std::string& code, const std::string& column) {
        const auto row = product(database, code);
        REQUIRE_MESSAGE(row.has_value(), "no product " << code);
        REQUIRE_MESSAGE(row->count(column) == 1, "no column " << column);
        return row->at(column);
    }
    TestDatabase database;
    Config config;
    RunReport report;
};

const std::optional<std::string> null;

std::string status_of(const TestDatabase& database, const TempDir& dir) {
    const auto out = dir / "status.txt";
    ChildProcess shell("/bin/sh", {"-c", "\"$0\" --status --database \"$1\" > \"$2\"",
                                   offimport_binary(), database.conninfo(), out.string()});
    REQUIRE(shell.wait() == 0);
    return read_file(out);
}

std::string column_names(const TestDatabase& database) {
    return database.scalar("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
                           "WHERE attrelid = 'off.products'::regclass AND attnum > 0 AND NOT "
                           "attisdropped");
}

} // namespace

TEST_CASE("every extra column is added with the type its specification gives") {
    Imported run({R"({"code":"11111111"})"});
    for (std::size_t i = 0; i < optional_column_count; ++i) {
        const auto& spec = optional_column(i);
        const std::string name(spec.name);
        CAPTURE(name);
        CHECK(run.database.scalar("SELECT format_type(atttypid, atttypmod) = format_type('" +
                                  std::string(spec.type) +
                                  "'::regtype, -1) FROM pg_attribute WHERE attrelid = "
                                  "'off.products'::regclass AND attname = '" +
                                  name + "'") == "t");
        CHECK(run.field("11111111", name) == null); // a product without the field
    }
    CHECK(run.database.scalar("SELECT count(*) FROM off.extra_columns WHERE chosen AND filled_at "
                              "IS NOT NULL") == std::to_string(optional_column_count));
}

TEST_CASE("compared_to_category and product_type") {
    Imported run({
        R"({"code":"11111111","compared_to_category":" en:spreads ","product_type":"food"})",
        R"({"code":"22222222","compared_to_category":"en:null","product_type":"beauty"})",
        R"({"code":"33333333","compared_to_category":"","product_type":"Food"})",
        R"({"code":"44444444","compared_to_category":7,"product_type":"petfood"})",
        R"({"code":"55555555","compared_to_category":"en:a\u0000b","product_type":" product "})",
        R"({"code":"66666666","product_type":["food"]})",
    });
    CHECK(run.field("11111111", "compared_to_category") == "en:spreads");
    CHECK(run.field("22222222", "compared_to_category") == null);
    CHECK(run.field("33333333", "compared_to_category") == null);
    CHECK(run.field("44444444", "compared_to_category") == null);
    CHECK(run.field("55555555", "compared_to_category") == "en:ab");
    CHECK(run.field("11111111", "product_type") == "food");
    CHECK(run.field("22222222", "product_type") == "beauty");
    CHECK(run.field("33333333", "product_type") == null); // the words are lower case
    CHECK(run.field("44444444", "product_type") == "petfood");
    CHECK(run.field("55555555", "product_type") == "product");
    CHECK(run.field("66666666", "product_type") == null);
}

TEST_CASE("ingredients_text: configured languages, then the plain field, then lc's") {
    Imported run(
        {
            R"({"code":"11111111","ingredients_text":"plain","ingredients_text_fr":"fr",)"
            R"("ingredients_text_de":"de"})",
            R"({"code":"22222222","ingredients_text":"plain","ingredients_text_de":"de"})",
            R"({"code":"33333333","lc":"es","ingredients_text":" ","ingredients_text_es":"es"})",
            R"({"code":"44444444","ingredients_text_with_allergens_fr":"not this",)"
            R"("ingredients_text_fr_imported":"nor this","ingredients_text_debug":"nor"})",
            R"({"code":"55555555","ingredients_text_fr":"","ingredients_text_de":"de",)"
            R"("ingredients_text":"plain"})",
        },
        {"fr", "de"});
    CHECK(run.field("11111111", "ingredients_text") == "fr");
    CHECK(run.field("22222222", "ingredients_text") == "de");
    CHECK(run.field("33333333", "ingredients_text") == "es");
    CHECK(run.field("44444444", "ingredients_text") == null);
    CHECK(run.field("55555555", "ingredients_text") == "de"); // an empty one does not count
}

TEST_CASE("tag columns: strings only, in dump order, none as NULL") {
    Imported run({
        R"({"code":"11111111","allergens_tags":["en:milk","en:nuts"],"traces_tags":[],)"
        R"("additives_tags":["en:e330",7,null," ","en:e202"],"food_groups_tags":"en:x",)"
        R"("brands_tags":["ferrero","xx:ferrero"]})",
        R"({"code":"22222222","allergens_tags":{"a":"b"},"traces_tags":["en:gluten"]})",
    });
    CHECK(run.field("11111111", "allergens_tags") == "{en:milk,en:nuts}");
    CHECK(run.field("11111111", "traces_tags") == null);
    CHECK(run.field("11111111", "additives_tags") == "{en:e330,en:e202}");
    CHECK(run.field("11111111", "food_groups_tags") == null);
    CHECK(run.field("11111111", "brands_tags") == "{ferrero,xx:ferrero}");
    CHECK(run.field("22222222", "allergens_tags") == null);
    CHECK(run.field("22222222", "traces_tags") == "{en:gluten}");
}

TEST_CASE("nutrient_levels: the four known nutrients with a known level, as jsonb") {
    Imported run({
        R"({"code":"11111111","nutrient_levels":{"fat":"low","saturated-fat":"high",)"
        R"("sugars":"moderate","salt":"low"}})",
        R"({"code":"22222222","nutrient_levels":{"fat":"LOW","salt":" high ","fiber":"low",)"
        R"("sugars":3}})",
        R"({"code":"33333333","nutrient_levels":{}})",
        R"({"code":"44444444","nutrient_levels":["low"]})",
    });
    CHECK(run.field("11111111", "nutrient_levels") ==
          R"({"fat": "low", "salt": "low", "sugars": "moderate", "saturated-fat": "high"})");
    CHECK(run.field("22222222", "nutrient_levels") == R"({"salt": "high"})");
    CHECK(run.field("33333333", "nutrient_levels") == null);
    CHECK(run.field("44444444", "nutrient_levels") == null);
    CHECK(run.database.scalar("SELECT code FROM off.products WHERE nutrient_levels->>'sugars' = "
                              "'moderate'") == "11111111");
}

TEST_CASE("numbers: nutriscore_score, unique_scans_n, popularity_key, within their ranges") {
    Imported run({
        R"({"code":"11111111","nutriscore_score":-3,"unique_scans_n":923,)"
        R"("popularity_key":81009999934})",
        R"({"code":"22222222","nutriscore_score":"12","unique_scans_n":"4",)"
        R"("popularity_key":"-199999999988"})",
        R"({"code":"33333333","nutriscore_score":2.5,"unique_scans_n":-1,)"
        R"("popularity_key":1e300})",
        R"({"code":"44444444","nutriscore_score":61,"unique_scans_n":3000000000,)"
        R"("popularity_key":"x"})",
        R"({"code":"55555555","nutriscore_score":-20,"unique_scans_n":0,)"
        R"("popularity_key":9007199254740992})",
        R"({"code":"66666666","nutriscore_score":null,"unique_scans_n":true,)"
        R"("popularity_key":[1]})",
    });
    CHECK(run.field("11111111", "nutriscore_score") == "-3");
    CHECK(run.field("22222222", "nutriscore_score") == "12");
    CHECK(run.field("33333333", "nutriscore_score") == null);
    CHECK(run.field("44444444", "nutriscore_score") == null);
    CHECK(run.field("55555555", "nutriscore_score") == "-20");
    CHECK(run.field("66666666", "nutriscore_score") == null);
    CHECK(run.field("11111111", "unique_scans_n") == "923");
    CHECK(run.field("22222222", "unique_scans_n") == "4");
    CHECK(run.field("33333333", "unique_scans_n") == null);
    CHECK(run.field("44444444", "unique_scans_n") == null);
    CHECK(run.field("55555555", "unique_scans_n") == "0");
    CHECK(run.field("66666666", "unique_scans_n") == null);
    CHECK(run.field("11111111", "popularity_key") == "81009999934");
    CHECK(run.field("22222222", "popularity_key") == "-199999999988");
    CHECK(run.field("33333333", "popularity_key") == null);
    CHECK(run.field("44444444", "popularity_key") == null);
    CHECK(run.field("55555555", "popularity_key") == "9007199254740992");
    CHECK(run.field("66666666", "popularity_key") == null);
}

TEST_CASE("serving_size and last_updated_at") {
    Imported run({
        R"({"code":"11111111","serving_size":" 1.5 g (1 TEA BAG) ","last_updated_t":1774461913})",
        R"({"code":"22222222","serving_size":"","last_updated_t":"1740179797"})",
        R"({"code":"33333333","serving_size":30,"last_updated_t":1e15})",
    });
    CHECK(run.field("11111111", "serving_size") == "1.5 g (1 TEA BAG)");
    CHECK(run.field("22222222", "serving_size") == null);
    CHECK(run.field("33333333", "serving_size") == null);
    CHECK(run.database.scalar("SELECT extract(epoch FROM last_updated_at)::bigint FROM "
                              "off.products WHERE code = '11111111'") == "1774461913");
    CHECK(run.database.scalar("SELECT extract(epoch FROM last_updated_at)::bigint FROM "
                              "off.products WHERE code = '22222222'") == "1740179797");
    CHECK(run.field("33333333", "last_updated_at") == null);
}

TEST_CASE("a column switched on is added, recorded and filled by the next import") {
    TestDatabase database;
    Config config = test_config(database);
    const std::vector<std::string> lines = {
        R"({"code":"11111111","product_name":"a","allergens_tags":["en:milk"]})",
        R"({"code":"22222222","product_name":"b","serving_size":"30 g"})",
        R"({"code":"33333333","product_name":"c"})",
    };
    const auto first = import_lines(config, lines);
    CHECK(first.counts.inserted == 3);
    const std::string fixed_columns = column_names(database);
    CHECK(fixed_columns.find("allergens_tags") == std::string::npos);

    config.extra_columns = columns({"allergens_tags", "serving_size"});
    const auto second = import_lines(config, lines); // the same dump
    CHECK(column_names(database) == fixed_columns + ",allergens_tags,serving_size");
    // The two products with a value are rewritten, the other one has nothing to fill.
    CHECK(second.counts.updated == 2);
    CHECK(second.counts.unchanged == 1);
    CHECK(product(database, "11111111")->at("allergens_tags") == "{en:milk}");
    CHECK(product(database, "22222222")->at("serving_size") == "30 g");
    CHECK(database.scalar("SELECT string_agg(name || ':' || sql_type || ':' || chosen || ':' || "
                          "(filled_at IS NOT NULL), ' ' ORDER BY name) FROM off.extra_columns") ==
          "allergens_tags:text[]:true:true serving_size:text:true:true");

    const auto third = import_lines(config, lines);
    CHECK(third.counts.unchanged == 3);
}

TEST_CASE("a column switched on is filled even when the server says the dump is unchanged") {
    TestDatabase database;
    TempDir www;
    write_dump(www / "dump.jsonl.gz",
               {R"({"code":"11111111","product_name":"a","serving_size":"30 g"})"}, true);
    Nginx nginx(www.path());
    Config config = test_config(database);
    FullImportRequest request;
    request.source = nginx.url("dump.jsonl.gz");
    CancelFlag cancel;
    CHECK(run_full_import(config, request, cancel).status == RunStatus::succeeded);
    CHECK(run_full_import(config, request, cancel).status == RunStatus::skipped);

    config.extra_columns = columns({"serving_size"});
    const auto filling = run_full_import(config, request, cancel);
    CHECK(filling.status == RunStatus::succeeded);
    CHECK(filling.counts.updated == 1);
    CHECK(product(database, "11111111")->at("serving_size") == "30 g");
    // Filled: the shortcut applies again.
    CHECK(run_full_import(config, request, cancel).status == RunStatus::skipped);
}

TEST_CASE("a column switched off keeps its values, is no longer filled, and says how to drop it") {
    TestDatabase database;
    TempDir dir;
    const auto dump = [&](const std::string& size) {
        return write_dump(dir / "dump.jsonl.gz",
                          {R"({"code":"11111111","serving_size":")" + size + R"("})"}, true)
            .string();
    };
    const auto config_file = dir / "offimport.toml";
    write_file(config_file, "[import]\nmin_products = 1\nextra_columns = [\"serving_size\"]\n");
    const std::vector<std::string> run = {
        "--full",  "0", "--config", config_file.string(), "--database", database.conninfo(),
        "--source"};
    auto with_source = [&](const std::string& source) {
        auto arguments = run;
        arguments.push_back(source);
        return run_offimport(arguments);
    };
    REQUIRE(with_source(dump("30 g")).code == 0);
    CHECK(product(database, "11111111")->at("serving_size") == "30 g");
    const auto filled = status_of(database, dir);
    CHECK_MESSAGE(
        filled.find("Extra columns (import.extra_columns):\n  serving_size text, added ") !=
            std::string::npos,
        filled);
    CHECK_MESSAGE(filled.find(", filled by the full import of ") != std::string::npos, filled);

    write_file(config_file, "[import]\nmin_products = 1\nextra_columns = []\n");
    const auto unchosen = with_source(dump("45 g"));
    REQUIRE(unchosen.code == 0);
    CHECK(product(database, "11111111")->at("serving_size") == "30 g");
    CHECK(unchosen.stderr_text.find("column \"off\".products.serving_size is no longer in "
                                    "import.extra_columns") != std::string::npos);
    CHECK(unchosen.stderr_text.find("ALTER TABLE \"off\".products DROP COLUMN serving_size") !=
          std::string::npos);
    CHECK(database.scalar("SELECT chosen FROM off.extra_columns") == "f");
    const auto unfilled = status_of(database, dir);
    CHECK_MESSAGE(unfilled.find("no longer chosen: keeps its last values (drop: ALTER TABLE "
                                "\"off\".products DROP COLUMN serving_size)") != std::string::npos,
                  unfilled);

    // Dropped as told: forgotten, and no more warnings.
    database.connect().exec("ALTER TABLE off.products DROP COLUMN serving_size");
    const auto dropped = with_source(dump("50 g"));
    REQUIRE(dropped.code == 0);
    CHECK(dropped.stderr_text.find("serving_size") == std::string::npos);
    CHECK(database.scalar("SELECT count(*) FROM off.extra_columns") == "0");
    CHECK(status_of(database, dir).find("Extra columns (import.extra_columns): none\n") !=
          std::string::npos);
}

TEST_CASE("a column of that name with another type fails the run before any change") {
    TestDatabase database;
    Config config = test_config(database);
    import_lines(config, {R"({"code":"11111111","product_name":"a"})"});
    database.connect().exec("ALTER TABLE off.products ADD COLUMN serving_size integer");
    config.extra_columns = columns({"serving_size", "product_type"});
    CHECK_THROWS_WITH_AS(import_lines(config, {R"({"code":"11111111","product_name":"b"})"}),
                         doctest::Contains("column products.serving_size exists with type "
                                           "integer, not text"),
                         std::runtime_error);
    CHECK(product(database, "11111111")->at("product_name") == "a");
    CHECK(column_names(database).find("product_type") == std::string::npos);
    CHECK(database.scalar("SELECT count(*) FROM off.extra_columns") == "0");
}
