#include "source/line_numbering.hpp"

#include <cstring>

namespace offimport {

// Lines are kilobytes long: jumping from newline to newline with memchr is several times
// faster than looking at every byte.
std::uint64_t find_line_ends(LineBlock& block) {
    block.line_ends.clear();
    if (block.oversized) {
        return 1;
    }
    const char* const begin = block.text.data();
    const char* const end = begin + block.payload;
    for (const char* text = begin;;) {
        const auto* newline = static_cast<const char*>(std::memchr(text, '\n', end - text));
        if (!newline) {
            break;
        }
        block.line_ends.push_back(static_cast<std::size_t>(newline - begin));
        text = newline + 1;
    }
    return block.line_ends.size();
}

bool LineNumbering::number(LineBlock& block) {
    const std::uint64_t lines = find_line_ends(block);
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
