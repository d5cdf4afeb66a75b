// The mapped part of a synthetic product: every field the importer reads, with the variations
// it must cope with (numbers as strings, missing keys, both image layouts, ...). Unmapped bulk
// fields are not stored here; product_writer derives them when serialising.
#pragma once

#include "food_templates.hpp"
#include "json_writer.hpp"
#include "random.hpp"
#include "vocabulary.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gendump {

// How a value is written, to exercise the importer's tolerance.
enum class Form { absent, number, string, empty_string };

enum class ImageLayout { none, old_layout, new_layout };

struct Nutrient {
    std::string_view id;   // "saturated-fat"
    std::int64_t mantissa; // value = mantissa / 10^scale
    int scale;
    std::string_view unit; // "g", "kcal", "kJ"
    Form form;
};

struct LocalizedName {
    std::string_view lang;
    std::string text;
};

struct Product {
    std::uint64_t index = 0;
    const FoodTemplate* food = nullptr; // the kind of food it is (food_templates.hpp)
    std::string code;
    bool has_code = true;

    const vocab::Language* lang = nullptr; // the product's main language (lc)
    std::vector<const vocab::Language*> extra_langs;
    std::string_view lang_field; // "lang"; usually the same as lc

    Form product_name_form = Form::string; // top-level product_name
    std::string product_name;
    std::vector<LocalizedName> names; // product_name_<lang>, main language first
    std::string generic_name;
    bool generic_name_localized = true;   // also write generic_name_<lc>
    Escape text_escape = Escape::minimal; // some producers escape every non-ASCII char

    bool has_brands = true;
    std::string brands;
    std::string quantity;
    std::string stores;

    std::string_view nutriscore_grade; // empty: key absent
    Form nova_form = Form::number;
    int nova_group = 0;
    std::string_view environmental_grade; // environmental_score_grade, empty: absent
    std::string_view ecoscore_grade;      // ecoscore_grade, empty: absent

    int schema_version = 998; // 0: key absent; 1003: new nutrition object
    bool nutriments_null = false;
    std::array<Nutrient, 11> nutrients{};

    std::vector<std::string_view> categories;
    std::vector<std::string_view> countries;
    std::vector<std::string_view> labels;
    int non_string_tag = -1; // 0/1/2: which tag array gets a non-string item

    int bulk = 1; // 0-3: how much unmapped data (ingredients, photos, scans) the product has

    ImageLayout image_layout = ImageLayout::old_layout;
    int max_imgid = 0;
    int front_imgid = 0;
    int front_rev = 0;
    bool front_urls = false; // image_front_url / image_front_small_url present

    std::int64_t created_t = 0;
    std::int64_t last_modified_t = 0;
    bool timestamps_as_strings = false;
};

// Draws the mapped fields of product `index` (code included) from the content stream.
Product make_product(std::uint64_t seed, std::uint64_t index);

// Gives the product new names and a later last_modified_t (and sometimes a new Nutri-Score),
// drawing only from the change_value stream so that nothing else moves.
void apply_change(Product& product, std::uint64_t seed);

// Index of nutrient `id` in Product::nutrients (ids are fixed, see product_model.cpp).
std::span<const std::string_view> nutrient_ids();

} // namespace gendump
