#include "pipeline/block_tally.hpp"

#include "load/category_links.hpp"
#include "pipeline/block_parser.hpp"

#include <algorithm>
#include <string>

namespace offimport {
namespace {

// The length of the first `rows` lines of `text`.
std::size_t first_lines(const std::string& text, std::uint64_t rows) {
    std::size_t cut = 0;
    for (std::uint64_t row = 0; row < rows; ++row) {
        cut = text.find('\n', cut) + 1;
    }
    return cut;
}

// The length of the first `rows` category records of `records`.
std::size_t category_records_bytes(std::string_view records, std::uint64_t rows) {
    std::size_t cut = 0;
    for (std::uint64_t row = 0; row < rows; ++row) {
        cut += first_category_record_bytes(records.substr(cut));
    }
    return cut;
}

// Keeps the first `keep` rows of a block and the rejects of the lines before the last kept row
// (the side records past them are cut too).
void keep_first_rows(ParsedBlock& block, std::uint64_t keep) {
    const std::uint64_t last_line = block.row_line_nos[keep - 1];
    block.rows.resize(first_lines(block.rows, keep));
    if (!block.fingerprint_rows.empty()) {
        block.fingerprint_rows.resize(first_lines(block.fingerprint_rows, keep));
    }
    if (!block.category_records.empty()) {
        block.category_records.resize(category_records_bytes(block.category_records, keep));
    }
    block.row_count = keep;
    std::erase_if(block.rejects, [&](const Reject& r) { return r.line_no > last_line; });
    block.rejected = block.rejects.size();
    block.lines = block.row_count + block.rejected;
    block.code_hashes.resize(keep);
    block.row_line_nos.resize(keep);
}

} // namespace

bool BlockTally::add(ParsedBlock& block, RunCounts& counts) {
    if (limit_ > 0 && counts.staged + block.row_count >= limit_) {
        keep_first_rows(block, limit_ - counts.staged);
    }
    counts.staged += block.row_count;
    counts.lines += block.lines;
    counts.known += block.known;
    counts.known_repeats += block.known_repeats;
    counts.rejected += block.rejected;
    counts.max_last_modified = std::max(counts.max_last_modified, block.max_last_modified);
    for (auto& reject : block.rejects) {
        if (rejects.size() < max_rejects_kept) {
            rejects.push_back(std::move(reject));
        }
    }
    return limit_ == 0 || counts.staged < limit_;
}

} // namespace offimport
