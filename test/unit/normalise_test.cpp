#include "normalise/barcode.hpp"
#include "normalise/copy_row.hpp"
#include "normalise/grades.hpp"
#include "normalise/product_row.hpp"
#include "normalise/row_columns.hpp"
#include "parse/product_parser.hpp"
#include "parse/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <simdjson.h>
#include <vector>

using namespace offimport;

TEST_CASE("normalise_barcode follows Open Food Facts' rule") {
    CHECK(normalise_barcode("3017620422003") == "3017620422003");
    CHECK(normalise_barcode("  0000012345678\t") == "12345678");
    CHECK(normalise_barcode("1") == "00000001");
    CHECK(normalise_barcode("1234567") == "01234567");
    CHECK(normalise_barcode("123456789") == "0000123456789");
    CHECK(normalise_barcode("123456789012") == "0123456789012");
    CHECK(normalise_barcode("12345678901234567890") == "12345678901234567890");
    CHECK_FALSE(normalise_barcode(""));
    CHECK_FALSE(normalise_barcode("   "));
    CHECK_FALSE(normalise_barcode("000000"));
    CHECK_FALSE(normalise_barcode("12 34"));
    CHECK_FALSE(normalise_barcode("-123"));
    CHECK_FALSE(normalise_barcode("١٢٣")); // non-ASCII digits are not digits here
}

TEST_CASE("image_folder pads to 13 digits and splits 3/3/3/rest") {
    CHECK(image_folder("3017620422003") == "301/762/042/2003");
    CHECK(image_folder("50196388") == "000/005/019/6388");
    CHECK(image_folder("10810014610648") == "108/100/146/10648");
}

TEST_CASE("parse_decimal takes decimal text only") {
    CHECK(parse_decimal("0.163") == 0.163);
    CHECK(parse_decimal(" 12 ") == 12.0);
    CHECK(parse_decimal("-1e3") == -1000.0);
    CHECK(parse_decimal(".5") == 0.5);
    CHECK_FALSE(parse_decimal(""));
    CHECK_FALSE(parse_decimal("12g"));
    CHECK_FALSE(parse_decimal("1,5"));
    CHECK_FALSE(parse_decimal("inf"));
    CHECK_FALSE(parse_decimal("nan"));
    CHECK_FALSE(parse_decimal("1e999"));
    CHECK_FALSE(parse_decimal("0x10"));
}

TEST_CASE("UTF-8 validation and repair") {
    CHECK(is_valid_utf8("Pâte à tartiner 中文"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));         // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));     // surrogate
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80")); // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xe2\x82"));         // truncated
    std::string repaired;
    append_repaired_utf8("a\xffz\xe2\x82", repaired);
    CHECK(repaired == "a\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("excerpt cuts at a character boundary and drops U+0000") {
    CHECK(excerpt("abcdef", 4) == "abcd");
    CHECK(excerpt("ab\xc3\xa9"
                  "cd",
                  3) == "ab");
    CHECK(excerpt(std::string("a\0b", 3), 10) == "ab");
    CHECK(excerpt("a\xff", 10) == "a\xEF\xBF\xBD");
}

TEST_CASE("grades") {
    CHECK(nutriscore_grade(" b ") == "b");
    CHECK(nutriscore_grade("C") == "c");
    CHECK_FALSE(nutriscore_grade("not-applicable"));
    CHECK(ecoscore_grade("A-PLUS", "") == "a-plus");
    CHECK(ecoscore_grade("unknown", "f") == "f");
    CHECK_FALSE(ecoscore_grade("", "g"));
}

TEST_CASE("CopyRowWriter escapes text, arrays and NULLs for COPY") {
    std::string out;
    CopyRowWriter row(out);
    row.integer(std::int64_t{42});
    row.text(std::string_view("a\tb\nc\\d\re"));
    row.null();
    row.real(0.1);
    const std::vector<std::string_view> tags{"x", "q\"uote", "back\\slash", "tab\t"};
    row.text_array(tags);
    row.text_array({});
    row.end_row();
    CHECK(out == "42\ta\\tb\\nc\\\\d\\re\t\\N\t0.1\t{\"x\",\"q\\\\\"uote\",\"back\\\\\\\\slash\","
                 "\"tab\\t\"}\t\\N\n");
}

namespace {

// The fields of one JSON product line, as the parser of a run with `extras` collects them.
const ProductFields& parsed(ProductParser& parser, const std::string& line) {
    std::string padded = line;
    padded.append(simdjson::SIMDJSON_PADDING, ' ');
    static thread_local std::string kept;
    kept = std::move(padded); // the fields point into it
    REQUIRE(parser.parse(std::string_view(kept.data(), line.size()), kept.size()).kind ==
            LineVerdict::Kind::product);
    return parser.fields();
}

} // namespace

TEST_CASE("a staged row has one field for each staging column of the column list") {
    ProductParser parser;
    const auto& fields = parsed(parser, R"({"code":"3017620422003","product_name":"Nutella",)"
                                        R"("categories_tags":["en:spreads","en:sweet-spreads"]})");
    ProductNormaliser normaliser(NormaliseSettings{{"en"}, {}});
    std::string row, normal_code, reason;
    REQUIRE(normaliser.write_row(fields, 7, 42, row, normal_code, reason));
    REQUIRE(row.back() == '\n');
    const auto fields_written = 1 + std::count(row.begin(), row.end() - 1, '\t');
    CHECK(static_cast<std::size_t>(fields_written) == ProductColumnSet().staging_column_count());
    CHECK(row.starts_with("7\t3017620422003\tNutella\t"));
    CHECK(normaliser.categories().size() == 2);
    CHECK(ProductColumnSet().staging_column_list().starts_with("line_no, code, product_name,"));
    CHECK(ProductColumnSet().staging_column_list().ends_with(
        "created_t, last_modified_t, code_hash, line_fingerprint"));
}

TEST_CASE("with every extra column chosen, a staged row has one field for each staging column") {
    ExtraColumns all;
    all.set();
    ProductParser parser(all);
    const auto& fields = parsed(
        parser, R"({"code":"3017620422003","allergens_tags":["en:milk"],"popularity_key":12})");
    ProductNormaliser normaliser(NormaliseSettings{{"en"}, all});
    std::string row, normal_code, reason;
    REQUIRE(normaliser.write_row(fields, 7, 42, row, normal_code, reason));
    const auto fields_written = 1 + std::count(row.begin(), row.end() - 1, '\t');
    CHECK(static_cast<std::size_t>(fields_written) == ProductColumnSet(all).staging_column_count());
    CHECK(row.find("\t{\"en:milk\"}\t") != std::string::npos);
}

TEST_CASE("a catalogue row has one field for each off.products column of the column list") {
    ExtraColumns all;
    all.set();
    ProductParser parser(all);
    const auto& fields = parsed(parser, R"({"code":"3017620422003","created_t":0,)"
                                        R"("last_modified_t":1700000000,"last_updated_t":-1})");
    ProductNormaliser normaliser(NormaliseSettings{{"en"}, all},
                                 ProductColumnSet(all).catalogue_row());
    std::string row, normal_code, reason;
    REQUIRE(normaliser.write_row(fields, 7, 42, row, normal_code, reason));
    const auto fields_written = 1 + std::count(row.begin(), row.end() - 1, '\t');
    CHECK(static_cast<std::size_t>(fields_written) ==
          ProductColumnSet(all).catalogue_column_count());
    CHECK(ProductColumnSet().catalogue_column_list().starts_with("code, product_name,"));
    CHECK(ProductColumnSet().catalogue_column_list().ends_with(
        "image_small_url, url, created_at, last_modified_at"));
    // No line number, code hash or fingerprint; the url and the times written out.
    CHECK(row.starts_with("3017620422003\t"));
    CHECK(row.find("\thttps://world.openfoodfacts.org/product/3017620422003\t"
                   "1970-01-01 00:00:00+00\t2023-11-14 22:13:20+00\t") != std::string::npos);
    CHECK(row.ends_with("\t1969-12-31 23:59:59+00\n"));
    CHECK(row.find("\t42\t") == std::string::npos);
    CHECK(normaliser.last_modified(fields) == 1700000000);
}

TEST_CASE("fields parsed for other extra columns are refused, not written in the wrong columns") {
    ExtraColumns some;
    some.set(extra_column("serving_size"));
    ProductParser parser(some);
    const auto& fields = parsed(parser, R"({"code":"3017620422003","serving_size":"15 g"})");
    ProductNormaliser normaliser(NormaliseSettings{{"en"}, {}});
    std::string row, normal_code, reason;
    CHECK_THROWS_AS(normaliser.write_row(fields, 1, 1, row, normal_code, reason), std::logic_error);
    ProductNormaliser same(NormaliseSettings{{"en"}, some});
    CHECK(same.write_row(fields, 1, 1, row, normal_code, reason));
    CHECK(row.ends_with("\t15 g\n"));
}

TEST_CASE("the field layout finds each field a run reads, and localised names by language") {
    ExtraColumns all;
    all.set();
    const FieldLayout layout(run_columns(all));
    for (const auto& column : product_columns) {
        for (const auto key : {column.field, column.fallback}) {
            if (!key.empty() && column.rule != ColumnRule::code) {
                CAPTURE(key);
                CHECK(layout.slot(key) >= 0);
            }
        }
    }
    CHECK(layout.slot("product_name_fr") == -1);
    CHECK(layout.slot("") == -1);
    std::string_view lang;
    CHECK(layout.localised_slot("product_name_fr", lang) == layout.slot("product_name"));
    CHECK(lang == "fr");
    CHECK(layout.localised_slot("ingredients_text_de", lang) == layout.slot("ingredients_text"));
    CHECK(layout.localised_slot("product_name_fr_imported", lang) == -1);
    CHECK(layout.localised_slot("product_name_", lang) == -1);
    CHECK(layout.localised_slot("product_name_FR", lang) == -1);
    // Without the optional columns, their fields are not read.
    const FieldLayout fixed(run_columns({}));
    CHECK(fixed.slot("allergens_tags") == -1);
    CHECK(fixed.localised_slot("ingredients_text_de", lang) == -1);
}

TEST_CASE("timestamps are written as PostgreSQL reads them, from year 1 to year 9999") {
    const auto written = [](std::optional<std::int64_t> seconds) {
        std::string out;
        CopyRowWriter row(out);
        row.timestamp(seconds);
        return out;
    };
    CHECK(written(std::nullopt) == "\\N");
    CHECK(written(0) == "1970-01-01 00:00:00+00");
    CHECK(written(951782400) == "2000-02-29 00:00:00+00"); // a leap day
    CHECK(written(-62135596800) == "0001-01-01 00:00:00+00");
    CHECK(written(253402300799) == "9999-12-31 23:59:59+00");
    CHECK(written(-86401) == "1969-12-30 23:59:59+00");
}

// Found by fuzz_product_line: a line of a form feed was skipped as blank, uncounted.
TEST_CASE("a line is blank only when it holds JSON whitespace, and other blanks make a reject") {
    ProductParser parser;
    const auto verdict = [&](std::string line) {
        const std::size_t size = line.size();
        line.append(simdjson::SIMDJSON_PADDING, ' ');
        return parser.parse(std::string_view(line.data(), size), line.size()).kind;
    };
    CHECK(verdict("") == LineVerdict::Kind::blank);
    CHECK(verdict(" \t\r") == LineVerdict::Kind::blank);
    CHECK(verdict("\f") == LineVerdict::Kind::rejected);
    CHECK(verdict("\v ") == LineVerdict::Kind::rejected);
}
