#include "run/code_sightings.hpp"

#include <algorithm>

namespace offimport {
namespace {

void sort_by_hash(std::vector<CodeSighting>& sightings) {
    std::sort(sightings.begin(), sightings.end(),
              [](const CodeSighting& a, const CodeSighting& b) { return a.hash < b.hash; });
}

} // namespace

std::vector<std::uint64_t> lines_of_repeated_codes(std::vector<CodeSighting>& sightings) {
    sort_by_hash(sightings);
    std::vector<std::uint64_t> lines;
    for (std::size_t i = 0; i < sightings.size();) {
        std::size_t end = i + 1;
        while (end < sightings.size() && sightings[end].hash == sightings[i].hash) {
            ++end;
        }
        if (end - i > 1) {
            for (; i < end; ++i) {
                lines.push_back(sightings[i].line_no);
            }
        }
        i = end;
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

std::uint64_t count_repeated_codes(std::vector<CodeSighting>& sightings) {
    sort_by_hash(sightings);
    std::uint64_t repeats = 0;
    for (std::size_t i = 1; i < sightings.size(); ++i) {
        repeats += sightings[i].hash == sightings[i - 1].hash;
    }
    return repeats;
}

} // namespace offimport
