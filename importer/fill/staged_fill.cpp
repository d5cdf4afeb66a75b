#include "fill/staged_fill.hpp"

namespace offimport {

StagedFill::StagedFill(db::Connection& db, const ProductColumnSet& columns)
    : db_(db), staging_(db, columns) {}

void StagedFill::send(const ParsedBlock& block) {
    codes_.add(block.code_hashes);
    staging_.send(block.rows, block.row_count);
}

MergeCounts StagedFill::merge(const MergeSettings& settings, const RunCounts& counts) {
    const StagedSet staged{staging_.rows(), codes_.repeated(), counts.known, counts.known_repeats};
    codes_.clear(); // 8 bytes a product, no longer needed
    return merge_staging(db_, settings, staged);
}

} // namespace offimport
