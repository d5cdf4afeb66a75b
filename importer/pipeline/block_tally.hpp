#pragma once

#include "ledger/run_report.hpp"
#include "pipeline/parsed_block.hpp"

#include <vector>

namespace offimport {

// Gathers what the parsed blocks of one source say (counts, the first rejects) and applies a
// --full LIMIT by cutting the block where the limit is reached.
class BlockTally {
public:
    // A first import finds its repeated codes as it loads (FirstLoad): sight_codes false.
    explicit BlockTally(std::uint64_t limit, bool sight_codes = true)
        : limit_(limit), sight_codes_(sight_codes) {}

    // False once the limit is reached: the reader may stop.
    bool add(ParsedBlock& block, RunCounts& counts);

    std::vector<Reject> rejects; // the first max_rejects_kept
    CodeSightings codes;         // of every staged row, when sight_codes

private:
    std::uint64_t limit_;
    bool sight_codes_;
};

} // namespace offimport
