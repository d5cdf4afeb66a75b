#pragma once

#include "source/line_blocks.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace offimport {

// Gives each LineBlock the number of its first line, and the ends of its lines. The splitter
// only cuts blocks: finding their lines is a scan of every byte (1.3 s of a world-sized run),
// which the inflating thread, the run's critical path, should not do. Parser threads number
// the blocks they take instead, in sequence order: a block's number waits for the count of the
// one before it, which its own parser took earlier and counts before anything else. The parser
// then cuts the lines where this scan found them.
class LineNumbering {
public:
    // Sets block.line_ends, and block.first_line_no once every earlier block has been
    // numbered; false when the run is being abandoned.
    bool number(LineBlock& block);
    void abandon();

private:
    std::mutex mutex_;
    std::condition_variable numbered_;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t next_line_no_ = 1;
    bool abandoned_ = false;
};

// Records in block.line_ends where its newlines are, and returns the lines it holds: its
// newlines (the last line of a dump may have none, and no block follows it), or one for an
// oversized line's record (which has no line ends).
std::uint64_t find_line_ends(LineBlock& block);

} // namespace offimport
