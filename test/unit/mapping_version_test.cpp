// The mapping version (normalise/mapping_key.hpp) must change whenever the values that lines
// give change: the fingerprints of lines imported under one mapping do not stand for the rows
// of another. The digest of the rows of a fixed corpus (and of the shared sample, when
// present), cut to the columns a version had, is recorded here for the current version; a
// change to parse/ or normalise/ that changes a value fails this test until mapping_version is
// bumped and its digests recorded below. A new column needs none of that: its name is in the
// mapping key, and it is not among the recorded columns.
#include "sightings/known_lines.hpp"
#include "normalise/mapping_key.hpp"
#include "normalise/row_columns.hpp"
#include "parse/product_parser.hpp"
#include "support/dump_files.hpp"
#include "support/skip.hpp"

#include <doctest/doctest.h>
#include <map>
#include <simdjson.h>

using namespace offimport;

namespace {

// Every mapping rule, once at least: names by language, grades, NOVA, nutrients old and new,
// energy in kJ, tags, images both layouts, timestamps, and every extra column.
const std::vector<std::string> corpus = {
    R"({"code":" 3017620422003 ","product_name":"Nutella","product_name_fr":"Nutella FR",)"
    R"("generic_name":"spread","brands":" Ferrero ","quantity":"400 g","lc":"fr",)"
    R"("nutriscore_grade":"E","nova_group":"4","environmental_score_grade":"a-plus",)"
    R"("nutriments":{"energy-kcal_100g":539,"fat_100g":"30.9","saturated-fat_100g":10.6,)"
    R"("carbohydrates_100g":57.5,"sugars_100g":56.3,"fiber_100g":0,"proteins_100g":6.3,)"
    R"("salt_100g":0.107,"sodium_100g":0.0428},"categories_tags":["en:spreads","en:sweet"],)"
    R"("countries_tags":["en:france"],"labels_tags":["en:vegetarian",3],"stores":"Carrefour",)"
    R"("images":{"front_fr":{"rev":"42"}},"created_t":1457680652,"last_modified_t":"1700000000",)"
    R"("compared_to_category":"en:cocoa-spreads","product_type":"food",)"
    R"("ingredients_text":"sugar, oil","ingredients_text_fr":"sucre, huile",)"
    R"("allergens_tags":["en:milk","en:nuts"],"traces_tags":[],"additives_tags":["en:e322"],)"
    R"("food_groups_tags":["en:sugary-snacks"],"brands_tags":["ferrero"],)"
    R"("nutrient_levels":{"fat":"high","salt":"low","sugars":"HIGH"},"nutriscore_score":"26",)"
    R"("serving_size":"15 g","unique_scans_n":923,"popularity_key":"-199999999988",)"
    R"("last_updated_t":1774461913})",
    R"({"code":12345,"product_name_en":"Tea","nutrition":{"aggregated_set":{"nutrients":)"
    R"({"energy-kj":{"value":418.4},"salt":{"value":"0.5"}}}},"ecoscore_grade":"b",)"
    R"("images":{"selected":{"front":{"en":{"rev":7}}}},"nova_group":5,"nutriscore_grade":"x"})",
    R"({"code":"000123456789","generic_name_de":"Wurst","lang":"de","nutriments":)"
    R"({"energy_100g":"100"},"product_name":"a\u0000b","image_front_url":"https://x/y.jpg"})",
};

// The staging columns of mapping version 1, every column chosen: a record, as the migrations.
const std::vector<std::string> version_1_columns = {"line_no",
                                                    "code",
                                                    "product_name",
                                                    "generic_name",
                                                    "brands",
                                                    "quantity",
                                                    "lang",
                                                    "nutriscore_grade",
                                                    "nova_group",
                                                    "ecoscore_grade",
                                                    "energy_kcal_100g",
                                                    "fat_100g",
                                                    "saturated_fat_100g",
                                                    "carbohydrates_100g",
                                                    "sugars_100g",
                                                    "fiber_100g",
                                                    "proteins_100g",
                                                    "salt_100g",
                                                    "sodium_100g",
                                                    "categories_tags",
                                                    "countries_tags",
                                                    "labels_tags",
                                                    "stores",
                                                    "image_url",
                                                    "image_small_url",
                                                    "created_t",
                                                    "last_modified_t",
                                                    "code_hash",
                                                    "line_fingerprint",
                                                    "compared_to_category",
                                                    "product_type",
                                                    "ingredients_text",
                                                    "allergens_tags",
                                                    "traces_tags",
                                                    "additives_tags",
                                                    "food_groups_tags",
                                                    "brands_tags",
                                                    "nutrient_levels",
                                                    "nutriscore_score",
                                                    "serving_size",
                                                    "unique_scans_n",
                                                    "popularity_key",
                                                    "last_updated_t"};

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string::npos) {
            return parts;
        }
        start = end + 1;
    }
}

// `rows` (staging rows with every column chosen) with only the fields of `columns`, in order.
std::string cut_to(const std::string& rows, const std::vector<std::string>& columns) {
    ExtraColumns all;
    all.set();
    const auto names = split(ProductColumnSet(all).staging_column_list(), ',');
    std::vector<std::size_t> kept;
    for (const auto& wanted : columns) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i].substr(names[i].find_first_not_of(' ')) == wanted) {
                kept.push_back(i);
            }
        }
    }
    REQUIRE_MESSAGE(kept.size() == columns.size(), "a recorded column left the column list");
    std::string out;
    for (const auto& row : split(rows, '\n')) {
        if (row.empty() || row.starts_with("rejected: ")) {
            out += row.empty() ? "" : row + "\n";
            continue;
        }
        const auto fields = split(row, '\t');
        for (std::size_t i = 0; i < kept.size(); ++i) {
            out += (i ? "\t" : "") + fields[kept[i]];
        }
        out += '\n';
    }
    return out;
}

std::string rows_of(const std::vector<std::string>& lines) {
    NormaliseSettings settings{{"fr", "en"}, {}};
    settings.extra_columns.set();
    ProductParser parser(settings.extra_columns);
    ProductNormaliser normaliser(settings);
    std::string rows, code, reason, padded;
    std::uint64_t line_no = 0;
    for (const auto& line : lines) {
        padded = line;
        padded.append(simdjson::SIMDJSON_PADDING, ' ');
        if (parser.parse(std::string_view(padded.data(), line.size()), padded.size()).kind ==
            LineVerdict::Kind::product) {
            if (!normaliser.write_row(parser.fields(), ++line_no, 1, rows, code, reason)) {
                rows += "rejected: " + reason + "\n";
            }
        }
    }
    return rows;
}

std::string digest(const std::string& rows) {
    return std::to_string(line_fingerprint(cut_to(rows, version_1_columns)));
}

// The digests of each mapping version: {corpus, shared sample}.
const std::map<int, std::pair<std::string, std::string>> digests = {
    {1, {"10086463410072764932", "12948103703982282367"}},
};

} // namespace

TEST_CASE("the mapping version changes with the rows lines give: bump it, then record them") {
    const auto recorded = digests.find(mapping_version);
    REQUIRE_MESSAGE(recorded != digests.end(),
                    "record the digests of mapping_version " << mapping_version << " here");
    const std::string corpus_digest = digest(rows_of(corpus));
    CHECK_MESSAGE(corpus_digest == recorded->second.first, "the rows of the corpus changed (digest "
                                                               << corpus_digest
                                                               << "): bump mapping_version");
    const auto sample = test::shared_sample();
    if (sample.empty()) {
        test::skip_test("../shared/data is absent: the sample's digest is not checked");
        return;
    }
    std::vector<std::string> lines;
    const std::string text = test::read_gzip_file(sample);
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end;
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    const std::string sample_digest = digest(rows_of(lines));
    CHECK_MESSAGE(sample_digest == recorded->second.second,
                  "the rows of the shared sample changed (digest " << sample_digest
                                                                   << "): bump mapping_version");
}
