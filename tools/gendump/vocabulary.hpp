// Word lists that make generated products look like Open Food Facts products: ingredients in
// nine languages with accents and CJK text, real taxonomy tag shapes, real store names.
#pragma once

#include <span>
#include <string_view>

namespace gendump::vocab {

using Words = std::span<const std::string_view>;

struct Language {
    std::string_view code;     // "fr"
    std::string_view taxonomy; // "en:french"
    Words ingredients;         // ingredient names in that language
    int weight;                // relative frequency as the main language (lc)
};

std::span<const Language> languages();
const Language& language(std::string_view code); // falls back to the first (fr)

extern const Words stores;
extern const Words countries;      // "en:france"
extern const Words labels;         // "en:organic"
extern const Words users;          // contributor names
extern const Words additives;      // "en:e330"
extern const Words allergens;      // "en:milk"
extern const Words materials;      // packaging materials
extern const Words shapes;         // packaging shapes
extern const Words quality_tags;   // data_quality_* tags
extern const Words misc_tags;      // misc_tags
extern const Words states;         // states_tags
extern const Words eco_countries;  // two-letter codes used in ecoscore_data
extern const Words pnns_groups;    // "Sugary snacks"
extern const Words food_groups;    // "en:biscuits-and-cakes"
extern const Words nutrient_words; // words used in _keywords and elsewhere

} // namespace gendump::vocab
