#pragma once

#include "ledger/reject.hpp"
#include "normalise/row_columns.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace offimport {

// What the way a run's rows go into the catalogue (fill/catalogue_fill.hpp) wants the parser
// threads to make of each product.
struct RowRequest {
    // The columns of each row, in COPY order; none: the staging table's (staging_row).
    std::optional<RowLayout> layout;
    // For each row, its category record (see append_category_record) and its fingerprint row
    // ("code\tfingerprint\n"; the fingerprint 0 unless store_fingerprints).
    bool category_records = false;
    bool fingerprint_rows = false;
    bool store_fingerprints = true;
};

// What the parser threads make of one LineBlock: rows in COPY text format (RowRequest's layout)
// and the rejects, in line order.
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
    // When the RowRequest asks for them.
    std::string category_records;
    std::string fingerprint_rows;
    bool large = false; // from a LineBlock::large: the pipeline's large-block slot is held
};

} // namespace offimport
