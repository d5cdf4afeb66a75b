#include "sightings/code_sightings.hpp"

#include <algorithm>

namespace offimport {

std::vector<std::uint64_t> CodeSightings::repeated() {
    std::vector<std::uint64_t> hashes;
    for (auto& bucket : buckets_) {
        std::sort(bucket.begin(), bucket.end());
        for (std::size_t i = 1; i < bucket.size(); ++i) {
            if (bucket[i] == bucket[i - 1] && (hashes.empty() || hashes.back() != bucket[i])) {
                hashes.push_back(bucket[i]);
            }
        }
    }
    return hashes;
}

std::uint64_t CodeSightings::repeats() {
    std::uint64_t count = 0;
    for (auto& bucket : buckets_) {
        std::sort(bucket.begin(), bucket.end());
        for (std::size_t i = 1; i < bucket.size(); ++i) {
            count += bucket[i] == bucket[i - 1];
        }
    }
    return count;
}

} // namespace offimport
