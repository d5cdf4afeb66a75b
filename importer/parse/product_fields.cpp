#include "parse/product_fields.hpp"

#include <stdexcept>
#include <string>

namespace offimport {
namespace {

// How the rule of a column reads its fields; nullopt: from fields every run reads.
std::optional<FieldReading> reading_of(ColumnRule rule) {
    switch (rule) {
    case ColumnRule::text:
    case ColumnRule::language:
    case ColumnRule::nutriscore_grade:
    case ColumnRule::ecoscore_grade:
    case ColumnRule::category:
    case ColumnRule::product_type:
    case ColumnRule::front_image:
        return FieldReading::text;
    case ColumnRule::localised_text:
        return FieldReading::localised_text;
    case ColumnRule::tags:
        return FieldReading::items;
    case ColumnRule::integer:
        return FieldReading::number;
    case ColumnRule::unix_time:
        return FieldReading::unix_time;
    case ColumnRule::nutrient_levels:
        return FieldReading::levels;
    default:
        return std::nullopt;
    }
}

const FieldValue no_value;

} // namespace

bool language_suffix(std::string_view key, std::string_view field, std::string_view& lang) {
    if (key.size() < field.size() + 3 || key[field.size()] != '_' || !key.starts_with(field)) {
        return false;
    }
    lang = key.substr(field.size() + 1);
    if (lang.size() > 3) {
        return false;
    }
    for (const char c : lang) {
        if (c < 'a' || c > 'z') {
            return false;
        }
    }
    return true;
}

void FieldValue::clear() {
    text = {};
    by_language.clear(); // keeps the capacity: one ProductFields serves every line
    items.clear();
    number.reset();
    unix_time.reset();
    levels.fill({});
    set = false;
}

FieldLayout::FieldLayout(const std::vector<const ProductColumn*>& columns) {
    add("code", FieldReading::code);
    add("nutriments", FieldReading::nutriments);
    add("nutrition", FieldReading::nutrition);
    add("images", FieldReading::images);
    for (const auto* column : columns) {
        const auto reading = reading_of(column->rule);
        for (const auto key : {column->field, column->fallback}) {
            if (reading && !key.empty()) {
                add(key, *reading);
            }
        }
    }
}

std::size_t FieldLayout::bucket(std::string_view key) {
    return (key.size() * 131 + static_cast<unsigned char>(key.front()) * 31 +
            static_cast<unsigned char>(key.back())) &
           (table_size - 1);
}

void FieldLayout::add(std::string_view key, FieldReading reading) {
    if (const int existing = slot(key); existing >= 0) {
        if (fields_[static_cast<std::size_t>(existing)].reading != reading) {
            throw std::logic_error("product_columns: field " + std::string(key) +
                                   " is read two ways");
        }
        return;
    }
    if (fields_.size() * 4 >= table_size) {
        throw std::logic_error("product_columns: more fields than FieldLayout's table holds");
    }
    const int slot = static_cast<int>(fields_.size());
    fields_.push_back({key, reading});
    std::size_t at = bucket(key);
    while (table_[at] != 0) {
        at = (at + 1) & (table_size - 1);
    }
    table_[at] = static_cast<std::int16_t>(slot + 1);
    if (reading == FieldReading::localised_text) {
        localised_.push_back(slot);
    }
}

int FieldLayout::slot(std::string_view key) const {
    if (key.empty()) {
        return -1;
    }
    for (std::size_t at = bucket(key);; at = (at + 1) & (table_size - 1)) {
        const int entry = table_[at];
        if (entry == 0) {
            return -1;
        }
        if (fields_[static_cast<std::size_t>(entry - 1)].key == key) {
            return entry - 1;
        }
    }
}

int FieldLayout::localised_slot(std::string_view key, std::string_view& lang) const {
    for (const int slot : localised_) {
        const auto field = fields_[static_cast<std::size_t>(slot)].key;
        if (key.front() == field.front() && language_suffix(key, field, lang)) {
            return slot;
        }
    }
    return -1;
}

FieldValue& ProductFields::fill(int slot) {
    auto& value = values[static_cast<std::size_t>(slot)];
    if (!value.set) {
        value.set = true;
        filled_.push_back(slot);
    }
    return value;
}

const FieldValue& ProductFields::at(int slot) const {
    return slot < 0 || static_cast<std::size_t>(slot) >= values.size()
               ? no_value
               : values[static_cast<std::size_t>(slot)];
}

void ProductFields::clear() {
    for (const int slot : filled_) {
        values[static_cast<std::size_t>(slot)].clear();
    }
    filled_.clear();
    code.reset();
    nutriments.fill(std::nullopt);
    aggregated.fill(std::nullopt);
    has_aggregated_nutrition = false;
    front_images.clear();
}

} // namespace offimport
