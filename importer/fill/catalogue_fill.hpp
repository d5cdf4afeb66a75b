#pragma once

#include "ledger/run_report.hpp"
#include "load/merge.hpp"
#include "load/search_vocabulary.hpp"
#include "pipeline/parsed_block.hpp"

#include <string>

namespace offimport {

// How a run's rows go into the catalogue, inside the run's transaction. There are two ways:
// StagedFill stages them and merges them with the catalogue, FirstImport copies them straight
// into an empty one. import/staged_load.cpp chooses; the parsers, the tally and the merge do
// not know which one runs.
class CatalogueFill {
public:
    virtual ~CatalogueFill() = default;

    // What the parser threads make of each product for this way.
    virtual RowRequest rows_wanted() const = 0;
    // Each parsed block, in dump order (cut at a LIMIT already).
    virtual void send(const ParsedBlock& block) = 0;
    // After the last block: ends what is being copied.
    virtual void finish() = 0;
    // Makes the catalogue hold the rows sent. `counts` are the run's: the lines known by their
    // fingerprint (not sent) are products unchanged, their identical copies duplicates.
    virtual MergeCounts merge(const MergeSettings& settings, const RunCounts& counts) = 0;
    // After merge(): the words of the products it wrote, for the search vocabulary.
    virtual NewWordsOf new_words() const = 0;
};

} // namespace offimport
