#pragma once

#include "catalogue/product_columns.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace offimport {

// A front image found in `images` (old layout front_<lang>, or new layout selected.front.<lang>).
struct FrontImage {
    std::string_view lang;
    std::string_view rev;
};

struct NamedText {
    std::string_view lang; // the <L> of product_name_<L>
    std::string_view text;
};

// The nutrient_levels keys kept, as Open Food Facts names them, in the order written.
inline constexpr std::array<std::string_view, 4> nutrient_level_keys{"fat", "saturated-fat",
                                                                     "sugars", "salt"};

// product_name_fr with `field` product_name -> "fr": only short lowercase language codes count
// (other keys share the prefix, such as product_name_fr_imported).
bool language_suffix(std::string_view key, std::string_view field, std::string_view& lang);

// How a top-level field of the dump is read: what the rules of the columns reading it need.
enum class FieldReading : std::uint8_t {
    text,           // a string
    localised_text, // a string, and <field>_<L> strings by language
    items,          // the strings of an array
    number,         // a number or numeric string
    unix_time,      // Unix seconds, a number or numeric string
    levels,         // nutrient_levels' object
    // Fields every run reads the same way, whatever its columns.
    code,
    nutriments,
    nutrition,
    images,
};

// One top-level field as read: only the parts its reading fills are set. Views point into the
// parser's buffers and live until the next line is parsed.
struct FieldValue {
    std::string_view text;
    std::vector<NamedText> by_language; // <field>_<L>
    std::vector<std::string_view> items;
    std::optional<double> number;
    std::optional<std::int64_t> unix_time;
    std::array<std::string_view, nutrient_level_keys.size()> levels{};
    bool set = false; // something was read since the last clear()

    void clear();
};

// The top-level fields a run's columns read, each at a slot of ProductFields::values: the one
// layout the parser fills and the normaliser reads, made from the same list of columns.
class FieldLayout {
public:
    explicit FieldLayout(const std::vector<const ProductColumn*>& columns);

    std::size_t size() const { return fields_.size(); }
    FieldReading reading(int slot) const { return fields_[static_cast<std::size_t>(slot)].reading; }
    // The slot of the field named `key`, or -1 when no column reads it.
    int slot(std::string_view key) const;
    // The slot of the localised field whose <field>_<L> `key` is (setting `lang`), or -1.
    int localised_slot(std::string_view key, std::string_view& lang) const;

private:
    struct Field {
        std::string_view key;
        FieldReading reading;
    };
    void add(std::string_view key, FieldReading reading);
    static std::size_t bucket(std::string_view key);

    std::vector<Field> fields_;
    static constexpr std::size_t table_size = 256; // a power of two, past 4 times the fields
    std::array<std::int16_t, table_size> table_{}; // slot + 1, 0 when empty
    std::vector<int> localised_;                   // slots read as localised_text
};

// What one pass over a product object collects.
struct ProductFields {
    std::optional<std::string_view> code;
    std::vector<FieldValue> values; // by FieldLayout slot
    ExtraColumns extras;            // of the run whose layout `values` follows
    std::array<std::optional<double>, nutrient_count> nutriments{};
    std::array<std::optional<double>, nutrient_count> aggregated{};
    bool has_aggregated_nutrition = false;
    std::vector<FrontImage> front_images;

    // The value at `slot`, marked as read (for clear()).
    FieldValue& fill(int slot);
    // The value at `slot`; an empty one for -1 (a field no column of this run has) or a slot
    // past the layout.
    const FieldValue& at(int slot) const;
    void clear();

private:
    std::vector<int> filled_;
};

} // namespace offimport
