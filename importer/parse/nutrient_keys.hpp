#pragma once

#include "catalogue/product_columns.hpp"

#include <optional>
#include <string_view>

namespace offimport {

// The mapped nutrient an Open Food Facts nutrient id names ("saturated-fat"), if any.
std::optional<Nutrient> nutrient_of(std::string_view id);

} // namespace offimport
