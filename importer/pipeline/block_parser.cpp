#include "pipeline/block_parser.hpp"

#include "load/category_links.hpp"
#include "normalise/copy_row.hpp"
#include "parse/text.hpp"

#include <functional>

namespace offimport {

namespace {
constexpr std::size_t excerpt_bytes = 200;
}

void BlockParser::reject(ParsedBlock& out, std::uint64_t line_no, std::string_view line,
                         std::string reason, std::optional<std::string> code) {
    ++out.rejected;
    if (out.rejects.size() < max_rejects_kept) {
        out.rejects.push_back(
            {line_no, std::move(code), std::move(reason), excerpt(line, excerpt_bytes)});
    }
}

// A line the catalogue has a product from, byte for byte, is that product unchanged: counted,
// and left unparsed.
void BlockParser::read_line(std::string_view line, std::size_t capacity, std::uint64_t line_no,
                            ParsedBlock& out) {
    const std::uint64_t fingerprint = line_fingerprint(line);
    if (extras_.known) {
        const auto sighting = extras_.known->sight(fingerprint, line_no);
        if (sighting.known) {
            ++out.lines;
            ++(sighting.repeated ? out.known_repeats : out.known);
            return;
        }
    }
    parse_line(line, capacity, line_no, fingerprint, out);
}

void BlockParser::parse_line(std::string_view line, std::size_t capacity, std::uint64_t line_no,
                             std::uint64_t fingerprint, ParsedBlock& out) {
    saw_large_line_ = saw_large_line_ || line.size() > large_line_bytes;
    auto verdict = parser_->parse(line, capacity);
    if (verdict.kind == LineVerdict::Kind::blank) {
        return;
    }
    ++out.lines;
    if (verdict.kind == LineVerdict::Kind::rejected) {
        reject(out, line_no, line, std::move(verdict.reason), std::nullopt);
        return;
    }
    const auto& fields = parser_->fields();
    if (!normaliser_->write_row(fields, line_no, fingerprint, out.rows, code_, reason_)) {
        std::optional<std::string> raw_code;
        if (fields.code) {
            raw_code = excerpt(*fields.code, 64);
        }
        reject(out, line_no, line, reason_, std::move(raw_code));
        return;
    }
    ++out.row_count;
    if (const auto modified = normaliser_->last_modified(fields);
        modified && *modified > out.max_last_modified) {
        out.max_last_modified = *modified;
    }
    out.code_hashes.push_back(normaliser_->code_hash());
    out.row_line_nos.push_back(line_no);
    const RowRequest& request = extras_.rows;
    if (request.category_records) {
        append_category_record(out.category_records, code_, normaliser_->categories());
    }
    if (request.fingerprint_rows) {
        CopyRowWriter record(out.fingerprint_rows);
        record.text(std::string_view(code_));
        record.integer(static_cast<std::int64_t>(request.store_fingerprints ? fingerprint : 0));
        record.end_row();
    }
}

ParsedBlock BlockParser::parse(const LineBlock& block) {
    ParsedBlock out;
    out.sequence = block.sequence;
    out.large = block.large; // also for an oversized record: it hands the slot back
    if (block.oversized) {
        ++out.lines;
        reject(out, block.first_line_no, block.text,
               "line of " + std::to_string(block.oversized_bytes) +
                   "+ bytes exceeds import.max_line_bytes (" + std::to_string(max_line_bytes_) +
                   ")",
               std::nullopt);
        return out;
    }
    out.rows.reserve(block.payload / 16);
    std::uint64_t line_no = block.first_line_no;
    // Lines end where LineNumbering found the newlines; the last line of a dump may have none.
    auto next_end = block.line_ends.begin();
    for (std::size_t start = 0; start < block.payload; ++line_no) {
        const std::size_t end = next_end != block.line_ends.end() ? *next_end++ : block.payload;
        const std::size_t length = end - start;
        std::string_view line(block.text.data() + start, length);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.size() > max_line_bytes_) {
            ++out.lines;
            reject(out, line_no, line,
                   "line of " + std::to_string(line.size()) +
                       " bytes exceeds import.max_line_bytes (" + std::to_string(max_line_bytes_) +
                       ")",
                   std::nullopt);
        } else {
            read_line(line, block.text.size() - start, line_no, out);
        }
        start += length + 1;
    }
    if (saw_large_line_) {
        parser_ = std::make_unique<ProductParser>(settings_.extra_columns);
        normaliser_ = make_normaliser(settings_, extras_);
        saw_large_line_ = false;
    }
    return out;
}

} // namespace offimport
