#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace offimport {

// The nutrients the catalogue maps (docs/catalogue.md), in column order; ids as Open Food Facts
// names them.
enum class Nutrient : std::size_t {
    energy_kcal,
    fat,
    saturated_fat,
    carbohydrates,
    sugars,
    fiber,
    proteins,
    salt,
    sodium,
    energy_kj, // only to derive kcal
    energy,    // only to derive kcal (kJ)
    count
};
constexpr std::size_t nutrient_count = static_cast<std::size_t>(Nutrient::count);

// A front image found in `images` (old layout front_<lang>, or new layout selected.front.<lang>).
struct FrontImage {
    std::string_view lang;
    std::string_view rev;
};

struct NamedText {
    std::string_view lang; // the <L> of product_name_<L>
    std::string_view text;
};

// The nutrient_levels keys kept, as Open Food Facts names them, in the order written.
inline constexpr std::array<std::string_view, 4> nutrient_level_keys{"fat", "saturated-fat",
                                                                     "sugars", "salt"};

// The fields of the extra columns (config/extra_columns.hpp), collected only for the chosen
// ones: the others stay empty.
struct ExtraFields {
    std::string_view compared_to_category, product_type, serving_size;
    std::string_view ingredients_text;
    std::vector<NamedText> ingredients_texts; // ingredients_text_<L>
    std::vector<std::string_view> allergens_tags, traces_tags, additives_tags, food_groups_tags,
        brands_tags;
    std::array<std::string_view, nutrient_level_keys.size()> nutrient_levels{};
    std::optional<double> nutriscore_score, unique_scans_n, popularity_key;
    std::optional<std::int64_t> last_updated_t;

    void clear();
};

// What one pass over a product object collects. Views point into the parser's buffers and
// live until the next line is parsed.
struct ProductFields {
    std::optional<std::string_view> code;
    std::string_view product_name;
    std::string_view generic_name;
    std::vector<NamedText> product_names;
    std::vector<NamedText> generic_names;
    std::string_view brands, quantity, lc, lang, stores;
    std::string_view nutriscore_grade, environmental_score_grade, ecoscore_grade;
    std::string_view image_front_url, image_front_small_url;
    std::optional<double> nova_group;
    std::optional<std::int64_t> created_t, last_modified_t;
    std::array<std::optional<double>, nutrient_count> nutriments{};
    std::array<std::optional<double>, nutrient_count> aggregated{};
    bool has_aggregated_nutrition = false;
    std::vector<std::string_view> categories_tags, countries_tags, labels_tags;
    std::vector<FrontImage> front_images;
    ExtraFields extra;

    void clear();
};

} // namespace offimport
