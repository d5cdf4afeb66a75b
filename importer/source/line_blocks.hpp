#pragma once

#include "source/buffer_pool.hpp"
#include "source/text_sink.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace offimport {

// A run of whole lines of the dump, handed to a parser thread. `text` holds the lines and then
// SIMDJSON_PADDING spare bytes, so each line can be parsed in place.
struct LineBlock {
    std::uint64_t sequence = 0;
    std::uint64_t first_line_no = 0; // 1-based number of the first line in `text`
    std::string text;
    std::size_t payload = 0; // bytes of lines in `text` (the rest is padding)
    // A line longer than the limit is not kept: the block then carries only its number,
    // its size so far, and its first bytes for the reject record.
    bool oversized = false;
    std::uint64_t oversized_bytes = 0;
};

// Cuts the decompressed stream into LineBlocks of about `block_bytes`, at line ends. The text
// is written straight into the block's buffer (see TextSink). Lines longer than
// `max_line_bytes` become oversized blocks instead of growing memory.
class LineSplitter final : public TextSink {
public:
    // `pool`, when given, supplies recycled buffers for the blocks.
    LineSplitter(std::size_t block_bytes, std::uint64_t max_line_bytes,
                 std::function<void(LineBlock&&)> emit, BufferPool* pool = nullptr);

    std::span<char> space() override;
    void commit(std::size_t bytes) override;
    void feed(std::string_view bytes) { write(bytes); }
    void finish(); // emits the last, possibly unterminated, line

private:
    void emit_block(std::size_t cut);
    void start_discarding();
    std::size_t skip_oversized(std::string_view bytes);
    std::string fresh_buffer();

    std::size_t block_bytes_;
    std::uint64_t max_line_bytes_;
    std::function<void(LineBlock&&)> emit_;
    BufferPool* pool_;
    // The block being filled: its size is its capacity (plus parser padding); the first
    // `filled_` bytes hold text not yet emitted.
    std::string pending_;
    std::size_t filled_ = 0;
    std::size_t newline_scan_from_ = 0; // pending_ before this holds no newline of interest
    std::uint64_t next_sequence_ = 0;
    std::uint64_t next_line_no_ = 1;
    bool discarding_ = false; // inside an oversized line, dropping bytes
    std::uint64_t discarded_bytes_ = 0;
    std::string oversized_head_;
};

} // namespace offimport
