#pragma once

#include "source/buffer_pool.hpp"
#include "source/text_sink.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace offimport {

// A run of whole lines of the dump, handed to a parser thread. `text` holds the lines and then
// SIMDJSON_PADDING spare bytes, so each line can be parsed in place.
struct LineBlock {
    std::uint64_t sequence = 0;
    // 1-based number of the first line in `text`, and the offsets of the newlines in the
    // payload (where each line ends): set by LineNumbering, not by the splitter.
    std::uint64_t first_line_no = 0;
    std::vector<std::size_t> line_ends;
    std::string text;
    std::size_t payload = 0; // bytes of lines in `text` (the rest is padding)
    // A line longer than the limit is not kept: the block then carries only its number,
    // its size so far, and its first bytes for the reject record.
    bool oversized = false;
    std::uint64_t oversized_bytes = 0;
    // Its buffer grew past the standard size for a line longer than a block: it holds the
    // pipeline's one large-block slot until its rows are consumed (see `before_growth`).
    bool large = false;
};

// Cuts the decompressed stream into LineBlocks of about `block_bytes`, at line ends. The text
// is written straight into the block's buffer (see TextSink). Lines longer than
// `max_line_bytes` become oversized blocks instead of growing memory.
class LineSplitter final : public TextSink {
public:
    // `pool`, when given, supplies recycled buffers for the blocks. `before_growth`, when
    // given, is called before a buffer grows past the standard size for a long line; it may
    // wait (the pipeline lets one such block exist at a time) or throw to stop reading.
    LineSplitter(std::size_t block_bytes, std::uint64_t max_line_bytes,
                 std::function<void(LineBlock&&)> emit, BufferPool* pool = nullptr,
                 std::function<void()> before_growth = {});

    // Bytes of a block's buffer before any long line: the block, room for the line that
    // crosses its end (the spill), and the parser's padding.
    static std::size_t standard_buffer_bytes(std::size_t block_bytes);

    std::span<char> space() override;
    void commit(std::size_t bytes) override;
    void feed(std::string_view bytes) { write(bytes); }
    void finish(); // emits the last, possibly unterminated, line

private:
    void emit_block(std::size_t cut);
    void start_discarding();
    std::size_t skip_oversized(std::string_view bytes);
    std::string fresh_buffer();
    static std::size_t spill_bytes(std::size_t block_bytes);

    std::size_t block_bytes_;
    std::uint64_t max_line_bytes_;
    std::function<void(LineBlock&&)> emit_;
    BufferPool* pool_;
    std::function<void()> before_growth_;
    bool pending_large_ = false; // pending_ grew past the standard size
    // The block being filled: its size is its capacity (plus parser padding); the first
    // `filled_` bytes hold text not yet emitted.
    std::string pending_;
    std::size_t filled_ = 0;
    std::size_t newline_scan_from_ = 0; // pending_ before this holds no newline of interest
    std::uint64_t next_sequence_ = 0;
    bool discarding_ = false; // inside an oversized line, dropping bytes
    std::uint64_t discarded_bytes_ = 0;
    std::string oversized_head_;
};

} // namespace offimport
