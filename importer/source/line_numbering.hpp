#pragma once

#include "source/line_blocks.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace offimport {

// Gives each LineBlock the number of its first line. The splitter only cuts blocks: counting
// their lines is a scan of every byte (1.3 s of a world-sized run), which the inflating thread,
// the run's critical path, should not do. Parser threads number the blocks they take instead,
// in sequence order: a block's number waits for the count of the one before it, which its own
// parser took earlier and counts before anything else.
class LineNumbering {
public:
    // Sets block.first_line_no once every earlier block has been numbered; false when the run
    // is being abandoned.
    bool number(LineBlock& block);
    void abandon();

private:
    std::mutex mutex_;
    std::condition_variable numbered_;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t next_line_no_ = 1;
    bool abandoned_ = false;
};

// The lines a block holds: its newlines (the last line of a dump may have none, and no block
// follows it), or one for an oversized line's record.
std::uint64_t block_line_count(const LineBlock& block);

} // namespace offimport
