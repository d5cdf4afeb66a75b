// The mapping version (normalise/mapping_key.hpp) must change whenever the rows that lines give
// change: the fingerprints of lines imported under one mapping do not stand for the rows of
// another. The digest of the rows of a fixed corpus (and of the shared sample, when present)
// is recorded here for the current version; a change to parse/ or normalise/ that changes a row
// fails this test until mapping_version is bumped and its digests recorded below.
#include "load/known_lines.hpp"
#include "normalise/mapping_key.hpp"
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
    return std::to_string(line_fingerprint(rows));
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
