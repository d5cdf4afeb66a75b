// One dump line through the parser and the normaliser, as a parser thread takes it: the
// line is a product (with a staging row) or a reject with a reason, and the row is what COPY
// and the staging table accept.
#include "base/utf8.hpp"
#include "fuzz_check.hpp"
#include "normalise/barcode.hpp"
#include "normalise/product_row.hpp"
#include "normalise/row_columns.hpp"
#include "parse/product_parser.hpp"

#include <algorithm>
#include <cstdint>
#include <simdjson.h>
#include <string>

namespace offimport {
namespace {

struct Run {
    ExtraColumns every = ExtraColumns().set();
    ProductParser parser{every};
    ProductNormaliser normaliser{NormaliseSettings{{"fr", "en"}, every}};
    std::size_t columns = ProductColumnSet(every).staging_column_count();
};

// The fields of a COPY text row, as PostgreSQL splits them; checks each escape on the way.
std::size_t copy_fields(std::string_view row) {
    std::size_t fields = 1;
    for (std::size_t i = 0; i < row.size(); ++i) {
        const char c = row[i];
        FUZZ_CHECK(c != '\n' && c != '\r' && c != '\0', "a raw newline, return or NUL in a row");
        if (c == '\t') {
            ++fields;
        } else if (c == '\\') {
            FUZZ_CHECK(i + 1 < row.size(), "a row ends in a lone backslash");
            const char escaped = row[++i];
            FUZZ_CHECK(std::string_view("\\tnrN").find(escaped) != std::string_view::npos,
                       "an unknown escape in a row");
        }
    }
    return fields;
}

void check_code(std::string_view code) {
    FUZZ_CHECK(!code.empty() && code.size() <= max_code_digits, "a code of a bad length");
    FUZZ_CHECK(std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }),
               "a code that is not digits");
    FUZZ_CHECK(code.front() != '0' || code.size() == 8 || code.size() == 13,
               "a code with a leading zero that is not padding");
    FUZZ_CHECK(!(code.size() >= 1 && code.size() <= 7) && !(code.size() >= 9 && code.size() <= 12),
               "a code not padded to 8 or 13 digits");
    FUZZ_CHECK(normalise_barcode(code) == std::string(code), "a normal code that normalises again");
}

} // namespace
} // namespace offimport

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport;
    static Run run;
    // The line is parsed in place, with simdjson's padding after it, as LineBlock holds it.
    std::string text(reinterpret_cast<const char*>(data), size);
    text.append(simdjson::SIMDJSON_PADDING, ' ');
    const std::string_view line(text.data(), size);
    const auto verdict = run.parser.parse(line, text.size());
    if (verdict.kind == LineVerdict::Kind::blank) {
        FUZZ_CHECK(line.find_first_not_of(" \t\r\n") == std::string_view::npos,
                   "a line with text taken for blank");
        return 0;
    }
    if (verdict.kind == LineVerdict::Kind::rejected) {
        FUZZ_CHECK(!verdict.reason.empty(), "a rejected line without a reason");
        return 0;
    }
    std::string row, code, reason;
    if (!run.normaliser.write_row(run.parser.fields(), 1, 42, row, code, reason)) {
        FUZZ_CHECK(!reason.empty(), "a product refused without a reason");
        FUZZ_CHECK(row.empty(), "a refused product left part of a row");
        return 0;
    }
    FUZZ_CHECK(!row.empty() && row.back() == '\n', "a row without its newline");
    const std::string_view body(row.data(), row.size() - 1);
    FUZZ_CHECK(is_valid_utf8(body), "a row that is not UTF-8");
    FUZZ_CHECK(copy_fields(body) == run.columns, "a row with the wrong number of columns");
    check_code(code);
    return 0;
}
