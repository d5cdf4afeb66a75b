#pragma once

#include "normalise/product_row.hpp"
#include "parse/product_parser.hpp"
#include "pipeline/parsed_block.hpp"
#include "sightings/known_lines.hpp"
#include "source/line_blocks.hpp"

#include <memory>

namespace offimport {

constexpr std::size_t max_rejects_kept = 1000;

// What a run asks of the parsers: its rows, and the lines it need not parse.
struct ParseExtras {
    RowRequest rows;
    KnownLines* known = nullptr; // lines seen again are counted, not parsed
};

// Parses and normalises every line of a block; one per parser thread.
class BlockParser {
public:
    BlockParser(const NormaliseSettings& settings, std::uint64_t max_line_bytes,
                const ParseExtras& extras)
        : settings_(settings), parser_(std::make_unique<ProductParser>(settings.extra_columns)),
          normaliser_(make_normaliser(settings, extras)), max_line_bytes_(max_line_bytes),
          extras_(extras) {}

    ParsedBlock parse(const LineBlock& block);

private:
    static std::unique_ptr<ProductNormaliser> make_normaliser(const NormaliseSettings& settings,
                                                              const ParseExtras& extras) {
        const auto& layout = extras.rows.layout;
        return layout ? std::make_unique<ProductNormaliser>(settings, *layout)
                      : std::make_unique<ProductNormaliser>(settings);
    }
    void read_line(std::string_view line, std::size_t capacity, std::uint64_t line_no,
                   ParsedBlock& out);
    void parse_line(std::string_view line, std::size_t capacity, std::uint64_t line_no,
                    std::uint64_t fingerprint, ParsedBlock& out);
    void reject(ParsedBlock& out, std::uint64_t line_no, std::string_view line, std::string reason,
                std::optional<std::string> code);

    // The parser and normaliser keep what they grew to (the JSON parser's index, vectors of
    // tags): after a line longer than this they are made anew, so one huge product does not
    // hold its memory in every thread for the rest of the run.
    static constexpr std::size_t large_line_bytes = 1u << 20;

    NormaliseSettings settings_;
    std::unique_ptr<ProductParser> parser_;
    std::unique_ptr<ProductNormaliser> normaliser_;
    bool saw_large_line_ = false;
    std::uint64_t max_line_bytes_;
    ParseExtras extras_;
    std::string code_;
    std::string reason_;
};

} // namespace offimport
