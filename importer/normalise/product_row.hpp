#pragma once

#include "config/extra_columns.hpp"
#include "parse/product_fields.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace offimport {

// What normalisation needs beyond the product itself.
struct NormaliseSettings {
    std::vector<std::string> languages; // product_name_<L> preference order
    ExtraColumns extra_columns;         // written after the fixed columns
};

class CopyRowWriter;

// A row for the staging table (its own columns: the line number, Unix seconds, the code hash
// and line fingerprint), or one of off.products' (url and timestamps written out) that a first
// import copies straight into the catalogue. Both in ProductColumnSet order.
enum class RowFormat { staging, catalogue };

// The longest category tag kept, in bytes of UTF-8 (multibyte text counts by bytes): well
// under PostgreSQL's btree row limit (2,704 bytes) of off.categories' unique index on tag, and
// still three times the longest real tag (152 bytes in the shared sample). A product with a
// longer category tag is rejected rather than failing the merge.
constexpr std::size_t max_category_tag_bytes = 512;

// Turns collected fields into one staging row (COPY text format) appended to `out`, applying
// The field mapping (docs/catalogue.md), in the order of product_columns
// (normalise/product_columns.hpp). Reusable scratch space avoids allocations per product.
class ProductNormaliser {
public:
    explicit ProductNormaliser(NormaliseSettings settings, RowFormat format = RowFormat::staging)
        : settings_(std::move(settings)), format_(format) {}

    // Appends the row and returns true, or returns false with `reason` set when the code is
    // missing or invalid (the product is rejected). `code` receives the normalised code;
    // `line_fingerprint` is staged with the row (see KnownLines); a catalogue row has neither
    // it nor the line number.
    bool write_row(const ProductFields& fields, std::uint64_t line_no,
                   std::uint64_t line_fingerprint, std::string& out, std::string& code,
                   std::string& reason);
    // The categories_tags array of the last row written (valid until the next write_row).
    const std::vector<std::string_view>& categories() const { return categories_; }
    // The hash of the last row's code, also its code_hash column (see CodeSightings).
    std::uint64_t code_hash() const { return code_hash_; }

private:
    std::string_view clean(std::string_view text); // trimmed, U+0000 removed, in scratch
    std::optional<std::string_view> cleaned_or_null(std::string_view text);
    std::optional<std::string_view>
    pick_name(std::string_view plain, const std::vector<NamedText>& by_lang, std::string_view lc);
    std::optional<std::string_view> image_url(const ProductFields& fields, std::string_view code,
                                              std::string_view given, std::string_view size);
    void tags(const std::vector<std::string_view>& items, std::vector<std::string_view>& out);
    // The chosen extra columns' values, by the rules of normalise/extra_column_specs.hpp.
    void write_extras(const ExtraFields& extra, std::string_view lc, CopyRowWriter& row);
    // Unix seconds as staged (bigint), or the timestamptz they become.
    void write_time(const std::optional<std::int64_t>& unix_seconds, CopyRowWriter& row) const;
    std::optional<std::string_view> nutrient_levels(const ExtraFields& extra);
    std::string& scratch(); // a cleared string of the current row's scratch space
    // Why this row cannot be stored (a value an index would refuse), or false.
    bool refuse_oversized(std::string_view code, std::string& reason) const;

    NormaliseSettings settings_;
    RowFormat format_;
    std::deque<std::string> scratch_; // stable storage for cleaned strings of the current row
    std::size_t scratch_used_ = 0;
    std::vector<std::string_view> categories_, countries_, labels_, extra_tags_;
    std::uint64_t code_hash_ = 0;
};

} // namespace offimport
