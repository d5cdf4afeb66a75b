#include "parse/nutrient_keys.hpp"

#include <array>
#include <utility>

namespace offimport {

std::optional<Nutrient> nutrient_of(std::string_view id) {
    static constexpr std::array<std::pair<std::string_view, Nutrient>, nutrient_count> ids{{
        {"energy-kcal", Nutrient::energy_kcal},
        {"fat", Nutrient::fat},
        {"saturated-fat", Nutrient::saturated_fat},
        {"carbohydrates", Nutrient::carbohydrates},
        {"sugars", Nutrient::sugars},
        {"fiber", Nutrient::fiber},
        {"proteins", Nutrient::proteins},
        {"salt", Nutrient::salt},
        {"sodium", Nutrient::sodium},
        {"energy-kj", Nutrient::energy_kj},
        {"energy", Nutrient::energy},
    }};
    for (const auto& [name, nutrient] : ids) {
        if (name == id) {
            return nutrient;
        }
    }
    return std::nullopt;
}

} // namespace offimport
