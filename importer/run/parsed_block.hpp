#pragma once

#include "run/code_sightings.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace offimport {

// A line the run could not import, as recorded in the rejects table.
struct Reject {
    std::uint64_t line_no = 0;
    std::optional<std::string> code; // as found in the line, when it had one
    std::string reason;
    std::string excerpt; // the line's first 200 bytes, made safe for a text column
};

// What the parser threads make of one LineBlock: staging rows in COPY text format and the
// rejects, in line order.
struct ParsedBlock {
    std::uint64_t sequence = 0;
    std::string rows;
    std::uint64_t row_count = 0;
    std::uint64_t lines = 0; // non-blank lines read
    std::uint64_t rejected = 0;
    std::vector<Reject> rejects; // at most the per-run limit
    std::int64_t max_last_modified = 0;
    std::vector<std::uint64_t> code_hashes; // of the staged rows, in order
    std::string category_links;             // first imports only: see CategoryLinker
    bool large = false; // from a LineBlock::large: the pipeline's large-block slot is held
};

} // namespace offimport
