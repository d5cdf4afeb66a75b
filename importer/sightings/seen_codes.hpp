#pragma once

#include <cstdint>
#include <vector>

namespace offimport {

// The code hashes a first import has copied into the catalogue, asked one at a time in line
// order: is this the first row of its code? An open-addressing set of 8-byte hashes kept at
// most 70 % full: 64 MiB for the 4 million products of Open Food Facts. A hash collision
// (two codes, one hash) makes the second code look repeated; FirstImport then keeps its row
// aside with the real repeats, and the merge, comparing codes, inserts it.
class SeenCodes {
public:
    // True when `hash` had not been seen; it is seen from now on.
    bool first(std::uint64_t hash);
    std::uint64_t size() const { return size_; }

private:
    void grow();

    std::vector<std::uint64_t> slots_; // 0: empty (the hash 0 is held by zero_seen_)
    int bits_ = 0;                     // slots_ has 2^bits_ slots
    std::uint64_t size_ = 0;
    bool zero_seen_ = false;
};

} // namespace offimport
