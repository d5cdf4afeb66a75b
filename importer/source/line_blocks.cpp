#include "source/line_blocks.hpp"

#include <algorithm>
#include <simdjson.h>

namespace offimport {
namespace {
constexpr std::size_t excerpt_bytes = 200;
}

LineSplitter::LineSplitter(std::size_t block_bytes, std::uint64_t max_line_bytes,
                           std::function<void(LineBlock&&)> emit, BufferPool* pool)
    : block_bytes_(block_bytes), max_line_bytes_(max_line_bytes), emit_(std::move(emit)),
      pool_(pool) {
    pending_.reserve(block_bytes_ + block_bytes_ / 4 + simdjson::SIMDJSON_PADDING);
}

void LineSplitter::emit_block(std::size_t cut) {
    LineBlock block;
    block.sequence = next_sequence_++;
    block.first_line_no = next_line_no_;
    next_line_no_ +=
        static_cast<std::uint64_t>(std::count(pending_.begin(), pending_.begin() + cut, '\n'));
    // Hand over the buffer itself; the rest starts the next one.
    std::string next = pool_ ? pool_->take() : std::string();
    next.reserve(block_bytes_ + block_bytes_ / 4 + simdjson::SIMDJSON_PADDING);
    next.assign(pending_, cut);
    pending_.resize(cut);
    block.payload = cut;
    pending_.append(simdjson::SIMDJSON_PADDING, ' ');
    block.text = std::move(pending_);
    pending_ = std::move(next);
    newline_scan_from_ = 0;
    emit_(std::move(block));
}

// Drops the bytes of an oversized line up to its newline; emits its record when it ends.
void LineSplitter::skip_oversized(std::string_view& bytes) {
    const auto newline = bytes.find('\n');
    const std::size_t take = newline == std::string_view::npos ? bytes.size() : newline;
    discarded_bytes_ += take;
    bytes.remove_prefix(take);
    if (newline == std::string_view::npos) {
        return;
    }
    bytes.remove_prefix(1);
    LineBlock block;
    block.sequence = next_sequence_++;
    block.first_line_no = next_line_no_++;
    block.oversized = true;
    block.oversized_bytes = discarded_bytes_;
    block.text = std::move(oversized_head_);
    block.payload = block.text.size();
    oversized_head_.clear();
    discarding_ = false;
    emit_(std::move(block));
}

void LineSplitter::feed(std::string_view bytes) {
    while (!bytes.empty()) {
        if (discarding_) {
            skip_oversized(bytes);
            continue;
        }
        const std::size_t room =
            block_bytes_ > pending_.size() ? block_bytes_ - pending_.size() : std::size_t{1} << 16;
        const std::size_t take = std::min(room, bytes.size());
        pending_.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        if (pending_.size() < block_bytes_) {
            continue;
        }
        // Only the bytes added since the last look can hold a newline.
        const auto last_newline = std::string_view(pending_).substr(newline_scan_from_).rfind('\n');
        if (last_newline != std::string_view::npos) {
            emit_block(newline_scan_from_ + last_newline + 1);
        } else if (pending_.size() > max_line_bytes_) {
            // The line started in pending_ (no newline yet) is too long: keep its head only.
            oversized_head_ = pending_.substr(0, excerpt_bytes);
            discarded_bytes_ = pending_.size();
            pending_.clear();
            newline_scan_from_ = 0;
            discarding_ = true;
        } else {
            newline_scan_from_ = pending_.size();
        }
    }
}

void LineSplitter::finish() {
    if (discarding_) {
        std::string_view newline = "\n";
        skip_oversized(newline);
    }
    if (!pending_.empty()) {
        emit_block(pending_.size());
    }
}

} // namespace offimport
