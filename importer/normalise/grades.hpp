#pragma once

#include <optional>
#include <string_view>

namespace offimport {

// "a".."e" (case-insensitive, trimmed), else nullopt ("unknown", "not-applicable", ...).
std::optional<std::string_view> nutriscore_grade(std::string_view text);

// The first valid of environmental_score_grade and ecoscore_grade: "a-plus", "a".."f".
std::optional<std::string_view> ecoscore_grade(std::string_view environmental_score,
                                               std::string_view ecoscore);

} // namespace offimport
