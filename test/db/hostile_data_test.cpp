// One product upstream never blocks the catalogue: values an index or a constraint would refuse
// become rejects with a reason, through the real binary, in full imports and deltas alike.
#include "support/child_process.hpp"
#include "support/http_servers.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace offimport;
using namespace offimport::test;

namespace {

std::string repeated(const std::string& piece, std::size_t times) {
    std::string text;
    for (std::size_t i = 0; i < times; ++i) {
        text += piece;
    }
    return text;
}

// `count` pseudo-random characters of `alphabet`: incompressible, so that PostgreSQL cannot fit
// them into an index by compressing them (a repeated character would fit).
std::string scrambled(const std::string& alphabet, std::size_t count) {
    std::string text;
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    for (std::size_t i = 0; i < count; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        text += alphabet[(state >> 33) % alphabet.size()];
    }
    return text;
}

// Lines that each carry one value too large for an index of the catalogue, in several forms:
// ASCII and multibyte text, escaped and raw, with and without leading zeros.
std::vector<std::string> oversized_lines() {
    const std::string digits = "0123456789";
    return {
        R"({"code":"1)" + scrambled(digits, 2700) + R"("})",
        R"({"code":"9)" + scrambled(digits, 48) + R"("})",
        R"({"code":"00005)" + scrambled(digits, 60) + R"(","product_name":"x"})",
        R"({"code":"40000001","categories_tags":["en:ok","en:)" +
            scrambled("abcdefghijklmnopqrstuvwxyz-", 3000) + R"("]})",
        R"({"code":"40000002","categories_tags":[")" + repeated("\u00e9", 300) + R"("]})",
        R"({"code":"40000003","categories_tags":[")" + repeated("\\u98df", 200) + R"("]})",
    };
}

// A configuration file that lets this handful of rejects and products through the guards.
std::filesystem::path lenient_config(const TempDir& dir, int min_products = 1,
                                     const std::string& more_sections = "") {
    const auto path = dir / "offimport.toml";
    write_file(path, "[import]\nmax_reject_ratio = 0.5\nparse_threads = 2\nmin_products = " +
                         std::to_string(min_products) + "\n" + more_sections);
    return path;
}

Outcome full_import(const TestDatabase& database, const TempDir& dir,
                    const std::vector<std::string>& lines) {
    const auto dump = write_dump(dir / "dump.jsonl.gz", lines, true);
    return run_offimport({"--full", "0", "--source", dump.string(), "--database",
                          database.conninfo(), "--config", lenient_config(dir).string(),
                          "--no-progress"});
}

} // namespace

TEST_CASE("over-long codes and category tags are rejected with a reason, the run succeeds") {
    TestDatabase database;
    TempDir dir;
    auto lines = test_products(0, 50);
    const auto hostile = oversized_lines();
    lines.insert(lines.end(), hostile.begin(), hostile.end());
    lines.push_back(R"({"code":")" + repeated("7", 48) + R"("})");      // the longest code allowed
    lines.push_back(R"({"code":")" + repeated("0", 3000) + R"(123"})"); // normalises to 8 digits
    lines.push_back(R"({"code":"40000004","labels_tags":["en:)" + repeated("b", 3000) + R"("]})");

    const auto outcome = full_import(database, dir, lines);
    REQUIRE_MESSAGE(outcome.code == 0, outcome.stderr_text);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "53");
    CHECK(product(database, "00000123").has_value());
    CHECK(database.scalar("SELECT count(*) FROM off.rejects") == "6");
    CHECK(database.scalar("SELECT count(*) FROM off.rejects WHERE reason LIKE 'code of % digits"
                          "%at most 48%'") == "3");
    CHECK(database.scalar("SELECT count(*) FROM off.rejects WHERE reason LIKE 'category tag of % "
                          "bytes%at most 512%'") == "3");
    // Unindexed tags are stored whatever their length.
    CHECK(database.scalar("SELECT length(labels_tags[1]) FROM off.products WHERE code = "
                          "'40000004'") == "3003");
    CHECK(database.scalar("SELECT max(length(reason)) < 200 FROM off.rejects") == "t");
}

TEST_CASE("a delta with an over-long code or category tag rejects that line and goes on") {
    TestDatabase database;
    TempDir dir;
    REQUIRE(full_import(database, dir, test_products(0, 50)).code == 0);
    const std::string watermark = database.scalar("SELECT watermark FROM off.catalogue_state");

    TempDir www;
    std::filesystem::create_directories(www / "delta");
    const std::string file = "openfoodfacts_products_" + watermark + "_" +
                             std::to_string(std::stoll(watermark) + 100) + ".json.gz";
    auto lines = test_products(100, 20);
    const auto hostile = oversized_lines();
    lines.insert(lines.end(), hostile.begin(), hostile.end());
    lines.push_back(R"({"code":"40000009","product_name":"from the delta"})");
    write_dump(www / "delta" / file, lines, true);
    write_file(www / "delta" / "index.txt", file + "\n");
    Nginx nginx(www.path());

    const auto config =
        lenient_config(dir, 1, "[source]\ndelta_base_url = \"" + nginx.url("delta/") + "\"\n");
    const auto outcome =
        run_offimport({"--delta", "--database", database.conninfo(), "--config", config.string()});
    REQUIRE_MESSAGE(outcome.code == 0, outcome.stderr_text);
    CHECK(database.scalar("SELECT product_name FROM off.products WHERE code = '40000009'") ==
          "from the delta");
    CHECK(database.scalar("SELECT count(*) FROM off.rejects r JOIN off.runs u ON u.id = r.run_id "
                          "WHERE u.mode = 'delta'") == "6");
}

TEST_CASE("an empty or near-empty dump fails whatever the flags, and the catalogue stays") {
    TestDatabase database;
    TempDir dir;
    REQUIRE(full_import(database, dir, test_products(0, 200)).code == 0);
    const std::string checksum = database.catalogue_checksum();
    write_file(dir / "empty.gz", gzip(""));
    write_file(dir / "zero-bytes.jsonl", "");
    write_file(dir / "blank-lines.gz", gzip("\n\n   \n"));
    write_dump(dir / "too-few.gz", test_products(0, 99), true); // min_products is 100 here
    Nginx nginx(dir.path());
    const auto config = lenient_config(dir, 100);
    for (const std::string& source :
         {(dir / "empty.gz").string(), (dir / "zero-bytes.jsonl").string(),
          (dir / "blank-lines.gz").string(), (dir / "too-few.gz").string(),
          nginx.url("zero-bytes.jsonl")}) {
        CAPTURE(source);
        const auto outcome =
            run_offimport({"--full", "0", "--allow-shrink", "--source", source, "--database",
                           database.conninfo(), "--config", config.string(), "--no-progress"});
        CHECK_MESSAGE(outcome.code == 1, outcome.stderr_text);
        const bool refused =
            contains(outcome.stderr_text, "import.min_products (100), and the catalogue holds "
                                          "200") ||
            contains(outcome.stderr_text, "the dump has no valid product");
        CHECK_MESSAGE(refused, outcome.stderr_text);
        CHECK(database.catalogue_checksum() == checksum);
    }
    // --allow-shrink permits a real shrink.
    write_dump(dir / "shrunk.gz", test_products(0, 100), true);
    const auto shrunk =
        run_offimport({"--full", "0", "--allow-shrink", "--source", (dir / "shrunk.gz").string(),
                       "--database", database.conninfo(), "--config", config.string()});
    CHECK_MESSAGE(shrunk.code == 0, shrunk.stderr_text);
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "100");
}

TEST_CASE("a limited import short of min(LIMIT, import.min_products) never runs over a larger "
          "catalogue") {
    TestDatabase database;
    TempDir dir;
    REQUIRE(full_import(database, dir, test_products(0, 200)).code == 0);
    const auto config = lenient_config(dir, 100); // after full_import, which writes its own
    write_dump(dir / "few.gz", test_products(0, 3), true);
    auto limited = [&](const std::string& limit) {
        return run_offimport({"--full", limit, "--source", (dir / "few.gz").string(), "--database",
                              database.conninfo(), "--config", config.string()});
    };
    CHECK(limited("3").code == 0);
    const auto short_of_limit = limited("4");
    CHECK(short_of_limit.code == 1);
    CHECK(contains(short_of_limit.stderr_text, "fewer than 4 (LIMIT"));
}
