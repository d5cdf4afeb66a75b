#include "sightings/known_lines.hpp"

#include <algorithm>
#include <bit>
#include <xxhash.h>

namespace offimport {

std::uint64_t line_fingerprint(std::string_view line) {
    const std::uint64_t hash = XXH3_64bits(line.data(), line.size());
    return hash == 0 ? 1 : hash;
}

namespace {
// About four fingerprints a bucket, and at most 2^20 buckets (4 MiB).
constexpr int max_bucket_bits = 20;
} // namespace

KnownLines::KnownLines(std::vector<std::uint64_t> fingerprints)
    : fingerprints_(std::move(fingerprints)) {
    std::sort(fingerprints_.begin(), fingerprints_.end());
    fingerprints_.erase(std::unique(fingerprints_.begin(), fingerprints_.end()),
                        fingerprints_.end());
    std::erase(fingerprints_, 0);
    const int bits =
        std::clamp(static_cast<int>(std::bit_width(fingerprints_.size() / 4)), 1, max_bucket_bits);
    shift_ = 64 - bits;
    bucket_start_.assign((std::size_t{1} << bits) + 1, 0);
    std::size_t index = 0;
    for (std::size_t bucket = 0; bucket + 1 < bucket_start_.size(); ++bucket) {
        bucket_start_[bucket] = static_cast<std::uint32_t>(index);
        while (index < fingerprints_.size() && (fingerprints_[index] >> shift_) == bucket) {
            ++index;
        }
    }
    bucket_start_.back() = static_cast<std::uint32_t>(fingerprints_.size());
    seen_ = std::make_unique<std::atomic<std::uint32_t>[]>(fingerprints_.size());
}

std::optional<std::size_t> KnownLines::find(std::uint64_t fingerprint) const {
    const std::size_t bucket = fingerprint >> shift_;
    const auto begin = fingerprints_.begin() + bucket_start_[bucket];
    const auto end = fingerprints_.begin() + bucket_start_[bucket + 1];
    const auto found = std::lower_bound(begin, end, fingerprint);
    if (found == end || *found != fingerprint) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(found - fingerprints_.begin());
}

KnownLines::Sighting KnownLines::sight(std::uint64_t fingerprint, std::uint64_t line_no) {
    if (line_no == 0 || line_no > max_line_no) {
        return {};
    }
    const auto index = find(fingerprint);
    if (!index) {
        return {};
    }
    // The later line is kept: it is the one a tie of duplicates goes to.
    auto& seen = seen_[*index];
    std::uint32_t previous = seen.load(std::memory_order_relaxed);
    const auto line = static_cast<std::uint32_t>(line_no);
    while (previous < line &&
           !seen.compare_exchange_weak(previous, line, std::memory_order_relaxed)) {
    }
    return {true, previous != 0};
}

std::optional<std::uint64_t> KnownLines::seen_at(std::uint64_t fingerprint) const {
    const auto index = find(fingerprint);
    if (!index) {
        return std::nullopt;
    }
    const auto line = seen_[*index].load(std::memory_order_relaxed);
    return line == 0 ? std::nullopt : std::optional<std::uint64_t>(line);
}

std::vector<std::uint64_t> KnownLines::unseen() const {
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i < fingerprints_.size(); ++i) {
        if (seen_[i].load(std::memory_order_relaxed) == 0) {
            out.push_back(fingerprints_[i]);
        }
    }
    return out;
}

std::size_t KnownLines::memory_bytes() const {
    return fingerprints_.size() * (sizeof(std::uint64_t) + sizeof(std::uint32_t)) +
           bucket_start_.size() * sizeof(std::uint32_t);
}

} // namespace offimport
