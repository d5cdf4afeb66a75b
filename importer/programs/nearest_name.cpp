#include "programs/nearest_name.hpp"

#include <algorithm>
#include <numeric>

namespace offimport {
namespace {

// Levenshtein distance: insertions, deletions and substitutions each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& known) {
    // An abbreviation names one option only: "--d" could be --delta, --database or --dry-run.
    std::vector<std::string> extended;
    for (const auto& name : known) {
        if (name.size() > typed.size() && name.compare(0, typed.size(), typed) == 0) {
            extended.push_back(name);
        }
    }
    if (extended.size() == 1 && typed.size() >= 3) { // "--" alone abbreviates nothing
        return extended.front();
    }
    // A third of the name may be wrong, at least two keystrokes: "--sorce", "--databse".
    const std::size_t allowed = std::max<std::size_t>(2, typed.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = allowed + 1;
    for (const auto& name : known) {
        const std::size_t distance = edit_distance(typed, name);
        if (distance < best_distance) {
            best_distance = distance;
            best = name;
        }
    }
    return best;
}

} // namespace offimport
