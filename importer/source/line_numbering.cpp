#include "source/line_numbering.hpp"

#include <cstring>

namespace offimport {

// Lines are kilobytes long: jumping from newline to newline with memchr is several times
// faster than looking at every byte.
std::uint64_t block_line_count(const LineBlock& block) {
    if (block.oversized) {
        return 1;
    }
    std::uint64_t lines = 0;
    const char* text = block.text.data();
    const char* const end = text + block.payload;
    while (const auto* newline = static_cast<const char*>(std::memchr(text, '\n', end - text))) {
        ++lines;
        text = newline + 1;
    }
    return lines;
}

bool LineNumbering::number(LineBlock& block) {
    const std::uint64_t lines = block_line_count(block);
    std::unique_lock lock(mutex_);
    numbered_.wait(lock, [&] { return abandoned_ || next_sequence_ == block.sequence; });
    if (abandoned_) {
        return false;
    }
    block.first_line_no = next_line_no_;
    next_line_no_ += lines;
    ++next_sequence_;
    numbered_.notify_all();
    return true;
}

void LineNumbering::abandon() {
    std::lock_guard lock(mutex_);
    abandoned_ = true;
    numbered_.notify_all();
}

} // namespace offimport
