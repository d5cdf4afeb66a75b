// The byte stream of a source, through gzip detection and inflation, the line splitter and the
// line numbering, delivered in chunks cut where the fuzzer says: the lines (their numbers and
// text, or that they are too long) are the same whatever the cuts, and a corrupt or truncated
// gzip stream is an error in every reading.
#include "fuzz_check.hpp"
#include "source/gzip_inflater.hpp"
#include "source/line_blocks.hpp"
#include "source/line_numbering.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fuzzer/FuzzedDataProvider.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace offimport {
namespace {

constexpr std::size_t block_bytes = 64;
constexpr std::uint64_t max_line_bytes = 200;

struct Reading {
    std::vector<std::string> lines; // "N:text", or "N:too long"
    bool failed = false;

    // As the block parser takes them: a line longer than the limit is rejected, whether the
    // splitter made it an oversized record (when keeping it would have grown a buffer) or
    // kept it in its block.
    void add(std::uint64_t line_no, std::string_view text) {
        lines.push_back(std::to_string(line_no) + ":" +
                        (text.size() > max_line_bytes ? "too long" : std::string(text)));
    }
};

Reading read(std::string_view stream, const std::vector<std::size_t>& cuts) {
    Reading reading;
    LineNumbering numbering;
    LineSplitter splitter(block_bytes, max_line_bytes, [&](LineBlock&& block) {
        FUZZ_CHECK(block.payload <= block.text.size(), "a payload past its buffer");
        FUZZ_CHECK(numbering.number(block), "numbering abandoned");
        if (block.oversized) {
            FUZZ_CHECK(block.oversized_bytes > max_line_bytes, "a short line taken for oversized");
            reading.lines.push_back(std::to_string(block.first_line_no) + ":too long");
            return;
        }
        std::size_t start = 0;
        std::uint64_t line_no = block.first_line_no;
        for (const auto end : block.line_ends) {
            FUZZ_CHECK(end >= start && end < block.payload, "a line end out of its block");
            reading.add(line_no++, std::string_view(block.text).substr(start, end - start));
            start = end + 1;
        }
        if (start < block.payload) { // the last line of the stream, without a newline
            reading.add(line_no, std::string_view(block.text).substr(start, block.payload - start));
        }
    });
    DecodingSink decoding("fuzz input", splitter);
    try {
        std::size_t from = 0;
        for (const auto cut : cuts) {
            decoding(stream.substr(from, cut - from));
            from = cut;
        }
        decoding(stream.substr(from));
        decoding.finish();
        splitter.finish();
    } catch (const std::runtime_error&) {
        reading.failed = true;
        reading.lines.clear(); // a failed source's lines are never used
    }
    return reading;
}

} // namespace
} // namespace offimport

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport;
    FuzzedDataProvider input(data, size);
    const auto cut_count = input.ConsumeIntegralInRange<std::size_t>(0, 8);
    std::vector<std::uint16_t> raw_cuts;
    for (std::size_t i = 0; i < cut_count; ++i) {
        raw_cuts.push_back(input.ConsumeIntegral<std::uint16_t>());
    }
    const std::string stream = input.ConsumeRemainingBytesAsString();
    std::vector<std::size_t> cuts;
    for (const auto cut : raw_cuts) {
        cuts.push_back(stream.empty() ? 0 : cut % (stream.size() + 1));
    }
    std::sort(cuts.begin(), cuts.end());
    const Reading whole = read(stream, {});
    const Reading chunked = read(stream, cuts);
    FUZZ_CHECK(whole.failed == chunked.failed, "the cuts changed whether the stream is readable");
    if (whole.lines != chunked.lines) {
        const auto at = std::mismatch(whole.lines.begin(), whole.lines.end(), chunked.lines.begin(),
                                      chunked.lines.end());
        std::fprintf(stderr, "in one chunk: %s\ncut: %s\n",
                     at.first != whole.lines.end() ? at.first->substr(0, 80).c_str() : "(end)",
                     at.second != chunked.lines.end() ? at.second->substr(0, 80).c_str() : "(end)");
    }
    FUZZ_CHECK(whole.lines == chunked.lines, "the cuts changed the lines");
    return 0;
}
