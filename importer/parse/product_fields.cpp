#include "parse/product_fields.hpp"

namespace offimport {

void ProductFields::clear() {
    // Keeps the vectors' capacity: one ProductFields serves every line of a parser thread.
    auto keep_capacity = [](auto& list) { list.clear(); };
    keep_capacity(product_names);
    keep_capacity(generic_names);
    keep_capacity(categories_tags);
    keep_capacity(countries_tags);
    keep_capacity(labels_tags);
    keep_capacity(front_images);
    code.reset();
    product_name = generic_name = {};
    brands = quantity = lc = lang = stores = {};
    nutriscore_grade = environmental_score_grade = ecoscore_grade = {};
    image_front_url = image_front_small_url = {};
    nova_group.reset();
    created_t.reset();
    last_modified_t.reset();
    nutriments.fill(std::nullopt);
    aggregated.fill(std::nullopt);
    has_aggregated_nutrition = false;
    extra.clear();
}

void ExtraFields::clear() {
    compared_to_category = product_type = serving_size = ingredients_text = {};
    for (auto* list :
         {&allergens_tags, &traces_tags, &additives_tags, &food_groups_tags, &brands_tags}) {
        list->clear();
    }
    ingredients_texts.clear();
    nutrient_levels.fill({});
    nutriscore_score.reset();
    unique_scans_n.reset();
    popularity_key.reset();
    last_updated_t.reset();
}

} // namespace offimport
