#pragma once

#include "normalise/product_row.hpp"
#include "parse/product_parser.hpp"
#include "run/parsed_block.hpp"
#include "source/line_blocks.hpp"

namespace offimport {

constexpr std::size_t max_rejects_kept = 1000;

// What a run needs from the parsers beyond the staging rows.
struct ParseExtras {
    bool category_links = false; // first imports: see CategoryLinker
};

// Parses and normalises every line of a block; one per parser thread.
class BlockParser {
public:
    BlockParser(const NormaliseSettings& settings, std::uint64_t max_line_bytes, ParseExtras extras)
        : normaliser_(settings), max_line_bytes_(max_line_bytes), extras_(extras) {}

    ParsedBlock parse(const LineBlock& block);

private:
    void parse_line(std::string_view line, std::size_t capacity, std::uint64_t line_no,
                    ParsedBlock& out);
    void reject(ParsedBlock& out, std::uint64_t line_no, std::string_view line, std::string reason,
                std::optional<std::string> code);

    ProductParser parser_;
    ProductNormaliser normaliser_;
    std::uint64_t max_line_bytes_;
    ParseExtras extras_;
    std::string code_;
    std::string reason_;
};

} // namespace offimport
