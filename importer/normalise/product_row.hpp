#pragma once

#include "normalise/row_columns.hpp"
#include "parse/product_fields.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace offimport {

// What normalisation needs beyond the product itself.
struct NormaliseSettings {
    std::vector<std::string> languages; // product_name_<L> preference order
    ExtraColumns extra_columns;         // optional columns, written after the fixed ones
};

class CopyRowWriter;

// The longest category tag kept, in bytes of UTF-8 (multibyte text counts by bytes): well
// under PostgreSQL's btree row limit (2,704 bytes) of off.categories' unique index on tag, and
// still three times the longest real tag (152 bytes in the shared sample). A product with a
// longer category tag is rejected rather than failing the merge.
constexpr std::size_t max_category_tag_bytes = 512;

// Turns collected fields into one row (COPY text format) appended to `out`: each column of the
// row's layout by its rule (catalogue/product_columns.hpp; docs/catalogue.md states them).
// Reusable scratch space avoids allocations per product.
class ProductNormaliser {
public:
    // Rows of `layout`: by default the staging table's (its own columns: the line number, Unix
    // seconds, the code hash and line fingerprint); ProductColumnSet::catalogue_row writes
    // off.products' own (url and timestamps written out).
    explicit ProductNormaliser(const NormaliseSettings& settings);
    ProductNormaliser(NormaliseSettings settings, const RowLayout& layout);

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
    // The last row's last modification (Unix seconds; last_modified_column), if it has one.
    std::optional<std::int64_t> last_modified(const ProductFields& fields) const {
        return fields.at(last_modified_field_).unix_time;
    }

private:
    // A column of the row, with the slots of the fields its rule reads.
    struct RowColumn {
        const ProductColumn* column;
        ValueForm form;
        int field, fallback; // FieldLayout slots, -1 for none
    };
    // The fields of the current row, for the rules.
    struct Row {
        const ProductFields& fields;
        std::string_view code;
        std::optional<std::string_view> lc; // the product's language, cleaned
        const std::array<std::optional<double>, nutrient_count>& nutrients;
        std::uint64_t line_no, line_fingerprint;
    };
    void write_value(const RowColumn& column, const Row& row, CopyRowWriter& out);
    std::string_view clean(std::string_view text); // trimmed, U+0000 removed, in scratch
    std::optional<std::string_view> cleaned_or_null(std::string_view text);
    std::optional<std::string_view> pick_name(const FieldValue& value, std::string_view lc);
    std::optional<std::string_view> image_url(const Row& row, std::string_view given,
                                              std::int64_t size);
    void tags(const std::vector<std::string_view>& items, std::vector<std::string_view>& out);
    std::optional<std::string_view> nutrient_levels(const FieldValue& value);
    std::string& scratch(); // a cleared string of the current row's scratch space
    // Why this row cannot be stored (a value an index would refuse), or false.
    bool refuse_oversized(std::string_view code, std::string& reason) const;

    NormaliseSettings settings_;
    std::vector<RowColumn> row_;
    int language_field_ = -1;   // the slot of the product's language (lc)
    int categories_field_ = -1; // the slot of categories_column's field
    int last_modified_field_ = -1;
    std::deque<std::string> scratch_; // stable storage for cleaned strings of the current row
    std::size_t scratch_used_ = 0;
    std::vector<std::string_view> categories_, tags_;
    std::uint64_t code_hash_ = 0;
};

} // namespace offimport
