#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <vector>

namespace offimport {

// The hash of every staged code, 8 bytes a product (30 MB for the whole dump), kept to find
// the codes that may repeat without keeping the codes. Staging stores the same hash in its
// code_hash column, so the merge ranks only the rows of repeated hashes instead of grouping
// every staged code. Spread over 256 buckets of small blocks: no large block to reallocate,
// and each bucket sorts on its own.
class CodeSightings {
public:
    void add(std::uint64_t hash) { buckets_[hash >> 56].push_back(hash); }
    void add(const std::vector<std::uint64_t>& hashes) {
        for (const auto hash : hashes) {
            add(hash);
        }
    }
    // The hashes seen more than once, ascending. A hash collision adds a code that is not
    // repeated, which the merge's exact check then keeps.
    std::vector<std::uint64_t> repeated();
    // How many sightings repeat an earlier hash: the dry run's duplicate count.
    std::uint64_t repeats();
    void clear() { buckets_ = {}; }

private:
    std::array<std::deque<std::uint64_t>, 256> buckets_;
};

} // namespace offimport
