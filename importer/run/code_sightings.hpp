#pragma once

#include <cstdint>
#include <vector>

namespace offimport {

// Where a staged code was seen: a hash of it and its line. Sorted, the sightings show which
// codes may repeat without keeping the codes (16 bytes a product), so the merge looks for
// duplicates among those lines only instead of grouping every staged code.
struct CodeSighting {
    std::uint64_t hash = 0;
    std::uint64_t line_no = 0;
};

// The lines whose code hash is shared with another line, in line order. A hash collision
// adds lines that are not duplicates, which the merge's exact check then keeps.
std::vector<std::uint64_t> lines_of_repeated_codes(std::vector<CodeSighting>& sightings);

// How many sightings repeat an earlier code (by hash): the dry run's duplicate count.
std::uint64_t count_repeated_codes(std::vector<CodeSighting>& sightings);

} // namespace offimport
