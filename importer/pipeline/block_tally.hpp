#pragma once

#include "ledger/run_report.hpp"
#include "pipeline/parsed_block.hpp"

#include <vector>

namespace offimport {

// Gathers what the parsed blocks of one source say (counts, the first rejects) and applies a
// --full LIMIT by cutting the block where the limit is reached.
class BlockTally {
public:
    explicit BlockTally(std::uint64_t limit) : limit_(limit) {}

    // False once the limit is reached: the reader may stop.
    bool add(ParsedBlock& block, RunCounts& counts);

    std::vector<Reject> rejects; // the first max_rejects_kept

private:
    std::uint64_t limit_;
};

} // namespace offimport
