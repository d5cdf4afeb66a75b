#include "sightings/seen_codes.hpp"

#include <bit>

namespace offimport {

namespace {

constexpr std::size_t initial_slots = 1u << 16;

// The slot of a hash in a table of 2^bits slots: its product with 2^64 / the golden ratio,
// top bits (Fibonacci hashing), so that hashes alike in their low bits spread all the same.
std::size_t slot_of(std::uint64_t hash, int bits) {
    return static_cast<std::size_t>((hash * 0x9e3779b97f4a7c15u) >> (64 - bits));
}

} // namespace

bool SeenCodes::first(std::uint64_t hash) {
    if (hash == 0) {
        const bool was_seen = zero_seen_;
        zero_seen_ = true;
        size_ += was_seen ? 0 : 1;
        return !was_seen;
    }
    if ((size_ + 1) * 10 > slots_.size() * 7) {
        grow();
    }
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = slot_of(hash, bits_);; slot = (slot + 1) & mask) {
        if (slots_[slot] == hash) {
            return false;
        }
        if (slots_[slot] == 0) {
            slots_[slot] = hash;
            ++size_;
            return true;
        }
    }
}

void SeenCodes::grow() {
    std::vector<std::uint64_t> old(slots_.empty() ? initial_slots : slots_.size() * 2, 0);
    old.swap(slots_);
    bits_ = std::countr_zero(slots_.size());
    const std::size_t mask = slots_.size() - 1;
    for (const auto hash : old) {
        if (hash == 0) {
            continue;
        }
        std::size_t slot = slot_of(hash, bits_);
        while (slots_[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots_[slot] = hash;
    }
}

} // namespace offimport
