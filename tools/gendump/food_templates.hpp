// Real kinds of food the synthetic products are drawn from: each product copies one template's
// name, brand, categories, nutrition and grades (with small noise), so that a generated catalogue
// reads like a real one: a cola is in the colas, with a cola's sugar and a cola's Nutri-Score,
// and the better-graded products of its category are colas too.
#pragma once

#include "vocabulary.hpp"

#include <span>
#include <string_view>

namespace gendump {

// Per 100 g (or 100 ml), as on the product's label.
struct Per100g {
    double kcal, fat, saturated_fat, carbohydrates, sugars, fiber, proteins, salt;
};

struct FoodTemplate {
    std::string_view name_fr;
    std::string_view name_en;
    std::string_view generic_fr;
    std::string_view generic_en;
    std::string_view brands;
    std::string_view quantity;
    vocab::Words categories; // general to specific, as the dump's categories_tags
    std::string_view nutriscore_grade;
    int nova_group;
    Per100g per_100g;
};

std::span<const FoodTemplate> food_templates();

} // namespace gendump
