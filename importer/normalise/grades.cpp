#include "normalise/grades.hpp"

#include "parse/text.hpp"

#include <array>

namespace offimport {
namespace {

// Returns the canonical (lowercase, static) spelling of `text` among `grades`.
template <std::size_t N>
std::optional<std::string_view> canonical(std::string_view text,
                                          const std::array<std::string_view, N>& grades) {
    text = trim(text);
    for (const auto grade : grades) {
        if (grade.size() != text.size()) {
            continue;
        }
        bool same = true;
        for (std::size_t i = 0; i < grade.size() && same; ++i) {
            const char c = text[i];
            same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == grade[i];
        }
        if (same) {
            return grade;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string_view> nutriscore_grade(std::string_view text) {
    static constexpr std::array<std::string_view, 5> grades{"a", "b", "c", "d", "e"};
    return canonical(text, grades);
}

std::optional<std::string_view> ecoscore_grade(std::string_view environmental_score,
                                               std::string_view ecoscore) {
    static constexpr std::array<std::string_view, 7> grades{"a-plus", "a", "b", "c", "d", "e", "f"};
    if (auto grade = canonical(environmental_score, grades)) {
        return grade;
    }
    return canonical(ecoscore, grades);
}

} // namespace offimport
