#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace offimport {

// A line's fingerprint: XXH3, 64 bits, of its exact bytes. Never 0, which stands for "no
// fingerprint" (a product a delta wrote, whose next dump line must be read).
std::uint64_t line_fingerprint(std::string_view line);

// The fingerprints of the dump lines the catalogue's products came from
// ({schema}.line_fingerprints), and which of them a run has seen again: a line seen again is
// the product unchanged, and is neither parsed nor staged. Sightings are recorded by the parser
// threads at once (atomics); lookups are a bucket by the top bits, then a short scan of a
// sorted array: 12 bytes a product, plus 4 MiB of buckets.
class KnownLines {
public:
    explicit KnownLines(std::vector<std::uint64_t> fingerprints);

    struct Sighting {
        bool known = false;    // the catalogue has a product from this very line
        bool repeated = false; // and it was seen before in this run (an identical line)
    };
    // Records that line `line_no` (1-based) has `fingerprint`. Thread-safe.
    Sighting sight(std::uint64_t fingerprint, std::uint64_t line_no);

    // The line a known fingerprint was last seen at in this run, if it was.
    std::optional<std::uint64_t> seen_at(std::uint64_t fingerprint) const;
    // The known fingerprints not seen in this run (products changed or gone).
    std::vector<std::uint64_t> unseen() const;
    std::size_t size() const { return fingerprints_.size(); }
    std::size_t memory_bytes() const;

    // Lines past this number are not fingerprinted (a sighting holds 32 bits): they are parsed.
    static constexpr std::uint64_t max_line_no = 0xffffffffu;

private:
    std::optional<std::size_t> find(std::uint64_t fingerprint) const;

    std::vector<std::uint64_t> fingerprints_; // sorted, distinct
    std::vector<std::uint32_t> bucket_start_; // index of the first fingerprint of each bucket
    std::unique_ptr<std::atomic<std::uint32_t>[]> seen_; // line number, 0 = not seen
    int shift_ = 64;
};

} // namespace offimport
