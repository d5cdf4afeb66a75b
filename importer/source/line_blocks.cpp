#include "source/line_blocks.hpp"

#include <algorithm>
#include <cstring>
#include <simdjson.h>

namespace offimport {
namespace {

constexpr std::size_t excerpt_bytes = 200;
constexpr std::size_t padding = simdjson::SIMDJSON_PADDING;
// The inflater is never offered less than this, so it works in large steps.
constexpr std::size_t min_space = 64 * 1024;

} // namespace

LineSplitter::LineSplitter(std::size_t block_bytes, std::uint64_t max_line_bytes,
                           std::function<void(LineBlock&&)> emit, BufferPool* pool,
                           std::function<void()> before_growth)
    : block_bytes_(block_bytes), max_line_bytes_(max_line_bytes), emit_(std::move(emit)),
      pool_(pool), before_growth_(std::move(before_growth)), pending_(fresh_buffer()) {}

std::size_t LineSplitter::standard_buffer_bytes(std::size_t block_bytes) {
    return block_bytes + spill_bytes(block_bytes) + padding;
}

std::size_t LineSplitter::spill_bytes(std::size_t block_bytes) {
    return std::max(block_bytes / 4, min_space);
}

// A buffer for one block: room for the block, a line that crosses its end, and padding.
std::string LineSplitter::fresh_buffer() {
    std::string buffer = pool_ ? pool_->take() : std::string();
    if (buffer.size() < standard_buffer_bytes(block_bytes_)) {
        buffer.resize(standard_buffer_bytes(block_bytes_)); // recycled ones keep their size
    }
    return buffer;
}

std::span<char> LineSplitter::space() {
    if (pending_.size() < filled_ + min_space + padding) {
        // A line longer than the buffer (up to max_line_bytes): the buffer grows, by half at a
        // time and never past what the longest allowed line needs.
        if (!pending_large_ && before_growth_) {
            before_growth_();
        }
        pending_large_ = true;
        const std::size_t most = max_line_bytes_ + spill_bytes(block_bytes_) + min_space + padding;
        pending_.resize(std::max(std::min(pending_.size() + pending_.size() / 2, most),
                                 filled_ + min_space + padding));
    }
    // At most a spill's worth at a time: what follows a line's end in one write must fit the
    // next block's standard buffer.
    const std::size_t room =
        std::min(pending_.size() - padding - filled_, spill_bytes(block_bytes_));
    return {pending_.data() + filled_, room};
}

void LineSplitter::commit(std::size_t bytes) {
    if (discarding_) {
        // The text was written at the start of the buffer (filled_ is 0 while discarding).
        const std::size_t skipped = skip_oversized(std::string_view(pending_.data(), bytes));
        bytes -= skipped;
        std::memmove(pending_.data(), pending_.data() + skipped, bytes);
        if (discarding_) {
            return;
        }
    }
    filled_ += bytes;
    if (filled_ < block_bytes_) {
        return;
    }
    // Only the bytes added since the last look can hold a newline.
    const auto last_newline =
        std::string_view(pending_.data(), filled_).substr(newline_scan_from_).rfind('\n');
    if (last_newline != std::string_view::npos) {
        emit_block(newline_scan_from_ + last_newline + 1);
    } else {
        newline_scan_from_ = filled_;
    }
    // What is left is the start of one unfinished line.
    if (filled_ > max_line_bytes_) {
        start_discarding();
    }
}

void LineSplitter::emit_block(std::size_t cut) {
    LineBlock block;
    block.sequence = next_sequence_++;
    // Hand over the buffer itself; the unfinished line after the cut starts the next one.
    std::string next = fresh_buffer();
    const std::size_t rest = filled_ - cut;
    if (next.size() < rest + min_space + padding) {
        next.resize(rest + min_space + padding); // after a line longer than a block
    }
    std::memcpy(next.data(), pending_.data() + cut, rest);
    block.payload = cut;
    block.large = pending_large_;
    pending_large_ = false;
    block.text = std::move(pending_);
    pending_ = std::move(next);
    filled_ = rest;
    newline_scan_from_ = rest; // the cut was at the last newline
    emit_(std::move(block));
}

// The line in pending_ (no newline yet) is too long: keep its head only.
void LineSplitter::start_discarding() {
    oversized_head_.assign(pending_.data(), std::min<std::size_t>(filled_, excerpt_bytes));
    if (pending_large_) {
        // Nothing of the line is kept: back to a standard buffer (the large-block slot is
        // still held, and handed on with the next block).
        pending_ = fresh_buffer();
    }
    discarded_bytes_ = filled_;
    filled_ = 0;
    newline_scan_from_ = 0;
    discarding_ = true;
}

// Drops the bytes of an oversized line up to its newline; emits its record when it ends.
// Returns how many bytes of `bytes` were consumed.
std::size_t LineSplitter::skip_oversized(std::string_view bytes) {
    const auto newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
        discarded_bytes_ += bytes.size();
        return bytes.size();
    }
    discarded_bytes_ += newline;
    LineBlock block;
    block.sequence = next_sequence_++;
    block.oversized = true;
    block.oversized_bytes = discarded_bytes_;
    block.large = pending_large_;
    pending_large_ = false;
    block.text = std::move(oversized_head_);
    block.payload = block.text.size();
    oversized_head_.clear();
    discarding_ = false;
    emit_(std::move(block));
    return newline + 1;
}

void LineSplitter::finish() {
    if (discarding_) {
        skip_oversized("\n");
    }
    if (filled_ > 0) {
        emit_block(filled_);
    }
}

} // namespace offimport
