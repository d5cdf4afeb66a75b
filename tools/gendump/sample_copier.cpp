#include "sample_copier.hpp"

#include "barcode.hpp"
#include "json_scan.hpp"
#include "line_reader.hpp"
#include "random.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <unordered_set>
#include <vector>

namespace gendump {

namespace {

constexpr std::string_view change_marker = " (changed)";

// Where the top-level "code" string sits in a sample line, found in copy 0 and reused by
// later copies (the line bytes are the same in every pass, so they need not be rescanned).
struct CodeSpan {
    std::uint32_t begin = 0; // offset of the opening quote
    std::uint32_t end = 0;   // past the closing quote; 0 = no string code
};

struct Edit {
    std::size_t begin;
    std::size_t end;
    std::string replacement;
};

CodeSpan find_code(std::string_view line, const std::vector<TopLevelMember>& members) {
    for (const auto& m : members) {
        if (m.key == "code" && line[m.value_begin] == '"') {
            return {static_cast<std::uint32_t>(m.value_begin),
                    static_cast<std::uint32_t>(m.value_end)};
        }
    }
    return {};
}

// Codes made by this tool: "2" + an 11-digit counter + check digit, skipping any code that
// the sample itself holds (after normalisation), so every code is unique in the output.
class CodeSource {
public:
    void reserve(std::string_view code) { taken_.insert(normalise_code(code)); }

    std::string next() {
        for (;;) {
            std::string code = std::to_string(counter_++);
            code.insert(0, 11 - code.size(), '0');
            code.insert(0, 1, '2');
            code += gtin_check_digit(code);
            if (!taken_.contains(code)) {
                return code;
            }
        }
    }

private:
    std::unordered_set<std::string> taken_;
    std::uint64_t counter_ = 0;
};

// A numeric timestamp (number or numeric string) moved forward; nullopt-like "" if not numeric.
std::string bumped_timestamp(std::string_view value, std::int64_t bump) {
    const bool quoted = value.size() >= 2 && value.front() == '"';
    const std::string_view digits = quoted ? value.substr(1, value.size() - 2) : value;
    std::int64_t t = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) {
        return {};
    }
    const std::string text = std::to_string(t + bump);
    return quoted ? '"' + text + '"' : text;
}

// The edits that make a changed product: a marker appended to every product_name* string and
// a later last_modified_t. Without any product_name, one is added at the start of the object.
std::vector<Edit> change_edits(std::string_view line, const std::vector<TopLevelMember>& members,
                               Rng& rng) {
    std::vector<Edit> edits;
    const std::string fresh_name = '"' + std::string(change_marker.substr(1)) + '"';
    bool named = false;
    for (const auto& m : members) {
        if (m.key.starts_with("product_name") && line[m.value_begin] == '"') {
            edits.push_back({m.value_end - 1, m.value_end - 1, std::string(change_marker)});
            named = true;
        } else if (m.key == "product_name") { // null or another non-string: give it a name
            edits.push_back({m.value_begin, m.value_end, fresh_name});
            named = true;
        } else if (m.key == "last_modified_t") {
            const auto bumped = bumped_timestamp(
                line.substr(m.value_begin, m.value_end - m.value_begin), rng.range(3600, 7776000));
            if (!bumped.empty()) {
                edits.push_back({m.value_begin, m.value_end, bumped});
            }
        }
    }
    if (!named) {
        const std::size_t brace = line.find('{') + 1;
        std::string member = "\"product_name\":" + fresh_name;
        edits.push_back({brace, brace, members.empty() ? member : member + ','});
    }
    return edits;
}

void write_edited(OutputSink& sink, std::string_view line, std::vector<Edit>& edits) {
    std::sort(edits.begin(), edits.end(),
              [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    std::size_t pos = 0;
    for (const auto& e : edits) {
        sink.append(line.substr(pos, e.begin - pos));
        sink.append(e.replacement);
        pos = e.end;
    }
    sink.append(line.substr(pos));
    sink.append("\n");
}

class Copier {
public:
    Copier(const CopyOptions& options, OutputSink& sink) : options_(options), sink_(sink) {}

    CopyStats run() {
        for (std::uint64_t copy = 0; nominal_bytes_ < options_.target_bytes; ++copy) {
            const std::uint64_t before = stats_.lines;
            pass(copy);
            if (stats_.lines == before && copy > 0) {
                break; // nothing more can be copied (empty sample, no codes, all dropped)
            }
        }
        return stats_;
    }

private:
    // One pass over the sample.
    void pass(std::uint64_t copy) {
        LineReader reader(options_.from);
        std::string_view line;
        stats_.copies = copy + 1;
        for (std::uint32_t line_no = 0; reader.next(line); ++line_no) {
            if (nominal_bytes_ >= options_.target_bytes) {
                break;
            }
            copy == 0 ? first_copy(line, line_no) : later_copy(line, line_no, copy);
        }
    }

    // Copy 0: verbatim, and learn where each line's code is.
    void first_copy(std::string_view line, std::uint32_t line_no) {
        const bool object = scan_top_level(line, members_);
        const CodeSpan span = object ? find_code(line, members_) : CodeSpan{};
        spans_.push_back(span);
        if (span.end != 0) {
            codes_.reserve(line.substr(span.begin + 1, span.end - span.begin - 2));
        }
        emit(line, line_no, 0, object, {});
    }

    void later_copy(std::string_view line, std::uint32_t line_no, std::uint64_t copy) {
        const CodeSpan span = line_no < spans_.size() ? spans_[line_no] : CodeSpan{};
        if (span.end == 0) {
            ++stats_.skipped;
            return;
        }
        if (span.end > line.size() || line[span.begin] != '"' || line[span.end - 1] != '"') {
            throw std::runtime_error(options_.from + ": the file changed while it was copied");
        }
        Edit code_edit{span.begin, span.end, '"' + codes_.next() + '"'};
        emit(line, line_no, copy, true, std::move(code_edit));
    }

    void emit(std::string_view line, std::uint32_t line_no, std::uint64_t copy, bool object,
              std::optional<Edit> code_edit) {
        // The size this line has without drops and changes decides where the output ends, so
        // that a run with --drop-rate/--change-rate holds the same products as one without.
        nominal_bytes_ += line.size() + 1;
        if (code_edit) {
            nominal_bytes_ += code_edit->replacement.size() - (code_edit->end - code_edit->begin);
        }
        const std::uint64_t item = (copy << 32) | line_no;
        if (Rng(options_.seed, item, Stream::drop).chance(options_.drop_rate)) {
            ++stats_.dropped;
            return;
        }
        std::vector<Edit> edits;
        if (object && Rng(options_.seed, item, Stream::change).chance(options_.change_rate)) {
            if (copy > 0) {
                scan_top_level(line, members_);
            }
            Rng values(options_.seed, item, Stream::change_value);
            edits = change_edits(line, members_, values);
            ++stats_.changed;
        }
        if (code_edit) {
            edits.push_back(std::move(*code_edit));
        }
        ++stats_.lines;
        if (edits.empty()) {
            sink_.append(line);
            sink_.append("\n");
        } else {
            write_edited(sink_, line, edits);
        }
    }

    const CopyOptions& options_;
    OutputSink& sink_;
    CopyStats stats_;
    CodeSource codes_;
    std::vector<CodeSpan> spans_;
    std::vector<TopLevelMember> members_;
    std::uint64_t nominal_bytes_ = 0;
};

} // namespace

CopyStats copy_sample(const CopyOptions& options, OutputSink& sink) {
    return Copier(options, sink).run();
}

} // namespace gendump
