// Unmapped fields of a synthetic product. The importer skips them, but they make up most of a
// real line, so a parser benchmark on generated data is only meaningful if they are there.
#pragma once

#include "json_writer.hpp"
#include "product.hpp"
#include "random.hpp"

#include <string_view>

namespace gendump {

void write_string_array(JsonWriter& json, std::string_view key, vocab::Words words);
void write_string_array(JsonWriter& json, std::string_view key,
                        const std::vector<std::string_view>& words);

void write_ingredient_fields(JsonWriter& json, const Product& p, Rng& rng);
void write_ecoscore_data(JsonWriter& json, const Product& p, Rng& rng);
void write_nutriscore_fields(JsonWriter& json, const Product& p, Rng& rng);
void write_quality_fields(JsonWriter& json, Rng& rng);
void write_popularity_fields(JsonWriter& json, const Product& p, Rng& rng);
void write_packaging_fields(JsonWriter& json, Rng& rng);
void write_contributor_fields(JsonWriter& json, const Product& p, Rng& rng);
void write_language_fields(JsonWriter& json, const Product& p);
void write_state_fields(JsonWriter& json, Rng& rng);

// Many small keys (empty tags, counters, *_lc), some present only sometimes.
void write_small_fields(JsonWriter& json, const Product& p, Rng& rng);
void write_nutrient_level_fields(JsonWriter& json, Rng& rng);
void write_recipe_estimator(JsonWriter& json, Rng& rng);

// Images (both layouts), selected_images and the image_*_url fields.
void write_image_fields(JsonWriter& json, const Product& p, Rng& rng);

// nutriments (always) and, for schema 1003, the newer nutrition object.
void write_nutrition_fields(JsonWriter& json, const Product& p);

} // namespace gendump
