#pragma once

#include "ledger/reject.hpp"
#include "pipeline/code_sightings.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace offimport {

// What the parser threads make of one LineBlock: rows in COPY text format (staging's, or on a
// first import the catalogue's: see RowFormat) and the rejects, in line order.
struct ParsedBlock {
    std::uint64_t sequence = 0;
    std::string rows;
    std::uint64_t row_count = 0;
    std::uint64_t lines = 0; // non-blank lines read
    std::uint64_t known = 0; // lines the catalogue knew (KnownLines), not parsed
    std::uint64_t known_repeats = 0;
    std::uint64_t rejected = 0;
    std::vector<Reject> rejects; // at most the per-run limit
    std::int64_t max_last_modified = 0;
    std::vector<std::uint64_t> code_hashes;  // of the rows, in order
    std::vector<std::uint64_t> row_line_nos; // the line of each row
    // First imports only: see FirstLoad.
    std::string category_links;   // see CategoryLinker
    std::string fingerprint_rows; // "code\tfingerprint\n" for each row, for line_fingerprints
    bool large = false; // from a LineBlock::large: the pipeline's large-block slot is held
};

} // namespace offimport
