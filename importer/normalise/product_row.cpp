#include "normalise/product_row.hpp"

#include "normalise/barcode.hpp"
#include "normalise/copy_row.hpp"
#include "normalise/grades.hpp"
#include "parse/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace offimport {
namespace {

constexpr double kilojoules_per_kilocalorie = 4.184;

std::optional<double> nutrient(const std::array<std::optional<double>, nutrient_count>& values,
                               Nutrient which) {
    return values[static_cast<std::size_t>(which)];
}

// energy-kcal, else kJ (energy-kj, else energy) converted.
std::optional<double> energy_kcal(const std::array<std::optional<double>, nutrient_count>& values) {
    if (auto kcal = nutrient(values, Nutrient::energy_kcal)) {
        return kcal;
    }
    auto kj = nutrient(values, Nutrient::energy_kj);
    if (!kj) {
        kj = nutrient(values, Nutrient::energy);
    }
    if (!kj) {
        return std::nullopt;
    }
    return *kj / kilojoules_per_kilocalorie;
}

// An integral value within [low, high], else nothing.
std::optional<std::int64_t> integer_within(const std::optional<double>& value, double low,
                                           double high) {
    if (!value || *value < low || *value > high || std::floor(*value) != *value) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*value);
}

bool is_nutrient_level(std::string_view level) {
    return level == "low" || level == "moderate" || level == "high";
}

bool is_product_type(std::string_view type) {
    return type == "food" || type == "beauty" || type == "petfood" || type == "product";
}

} // namespace

std::string& ProductNormaliser::scratch() {
    if (scratch_used_ == scratch_.size()) {
        scratch_.emplace_back();
    }
    std::string& text = scratch_[scratch_used_++];
    text.clear();
    return text;
}

std::string_view ProductNormaliser::clean(std::string_view text) {
    text = trim(text);
    if (text.find('\0') == std::string_view::npos) {
        return text;
    }
    // PostgreSQL text cannot hold U+0000: copy without it.
    std::string& copy = scratch();
    std::copy_if(text.begin(), text.end(), std::back_inserter(copy), [](char c) { return c; });
    return trim(copy);
}

std::optional<std::string_view> ProductNormaliser::cleaned_or_null(std::string_view text) {
    const auto cleaned = clean(text);
    if (cleaned.empty()) {
        return std::nullopt;
    }
    return cleaned;
}

std::optional<std::string_view> ProductNormaliser::pick_name(const FieldValue& value,
                                                             std::string_view lc) {
    auto in_language = [&](std::string_view lang) -> std::optional<std::string_view> {
        for (const auto& named : value.by_language) {
            if (named.lang == lang) {
                if (auto text = cleaned_or_null(named.text)) {
                    return text;
                }
            }
        }
        return std::nullopt;
    };
    for (const auto& lang : settings_.languages) {
        if (auto text = in_language(lang)) {
            return text;
        }
    }
    if (auto text = cleaned_or_null(value.text)) {
        return text;
    }
    return lc.empty() ? std::nullopt : in_language(lc);
}

std::optional<std::string_view> ProductNormaliser::image_url(const Row& row, std::string_view given,
                                                             std::int64_t size) {
    const auto& fields = row.fields;
    if (auto url = cleaned_or_null(given)) {
        return url;
    }
    // Rebuild from the selected front image: the product's language first, then the
    // configured languages, then the first one listed.
    const FrontImage* chosen = nullptr;
    auto find = [&](std::string_view lang) {
        for (const auto& image : fields.front_images) {
            if (!chosen && image.lang == lang) {
                chosen = &image;
            }
        }
    };
    find(trim(fields.at(language_field_).text));
    for (const auto& lang : settings_.languages) {
        find(lang);
    }
    if (!chosen && !fields.front_images.empty()) {
        chosen = &fields.front_images.front();
    }
    const std::string_view rev = chosen ? trim(chosen->rev) : std::string_view{};
    if (rev.empty() ||
        !std::all_of(rev.begin(), rev.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::string& url = scratch();
    url = "https://images.openfoodfacts.org/images/products/";
    url += image_folder(row.code);
    url += "/front_";
    url += chosen->lang;
    url += '.';
    url += rev;
    url += '.';
    char digits[24];
    url.append(digits, std::to_chars(digits, digits + sizeof digits, size).ptr);
    url += ".jpg";
    return url;
}

void ProductNormaliser::tags(const std::vector<std::string_view>& items,
                             std::vector<std::string_view>& out) {
    out.clear();
    for (const auto item : items) {
        if (const auto text = cleaned_or_null(item)) {
            out.push_back(*text);
        }
    }
}

std::optional<std::string_view> ProductNormaliser::nutrient_levels(const FieldValue& value) {
    std::string& json = scratch();
    for (std::size_t i = 0; i < nutrient_level_keys.size(); ++i) {
        const auto level = clean(value.levels[i]);
        if (is_nutrient_level(level)) {
            json += json.empty() ? "{\"" : ", \"";
            json += nutrient_level_keys[i];
            json += "\": \"";
            json += level;
            json += '"';
        }
    }
    if (json.empty()) {
        return std::nullopt;
    }
    json += '}';
    return json;
}

bool ProductNormaliser::refuse_oversized(std::string_view code, std::string& reason) const {
    if (code.size() > max_code_digits) {
        reason = "code of " + std::to_string(code.size()) + " digits (barcodes have at most " +
                 std::to_string(max_code_digits) + ") \"" + excerpt(code, 20) + "...\"";
        return true;
    }
    for (const auto tag : categories_) {
        if (tag.size() > max_category_tag_bytes) {
            reason = "category tag of " + std::to_string(tag.size()) + " bytes (at most " +
                     std::to_string(max_category_tag_bytes) + ") \"" + excerpt(tag, 40) + "...\"";
            return true;
        }
    }
    return false;
}

ProductNormaliser::ProductNormaliser(const NormaliseSettings& settings)
    : ProductNormaliser(settings, ProductColumnSet(settings.extra_columns).staging_row()) {}

ProductNormaliser::ProductNormaliser(NormaliseSettings settings, const RowLayout& layout)
    : settings_(std::move(settings)) {
    const ProductColumnSet set(settings_.extra_columns);
    // The parser lays its fields out from the same columns (ProductParser).
    const FieldLayout fields(set.columns());
    for (const auto& [column, form] : layout.entries) {
        row_.push_back({column, form, fields.slot(column->field), fields.slot(column->fallback)});
    }
    for (const auto* column : set.columns()) {
        if (column->rule == ColumnRule::language) {
            language_field_ = fields.slot(column->field);
        }
        if (column->name == categories_column) {
            categories_field_ = fields.slot(column->field);
        }
        if (column->name == last_modified_column) {
            last_modified_field_ = fields.slot(column->field);
        }
    }
}

void ProductNormaliser::write_value(const RowColumn& column, const Row& row, CopyRowWriter& out) {
    const ProductColumn& spec = *column.column;
    const FieldValue& value = row.fields.at(column.field);
    switch (spec.rule) {
    case ColumnRule::line_number:
        out.integer(static_cast<std::int64_t>(row.line_no));
        return;
    case ColumnRule::code:
        out.text(row.code);
        return;
    case ColumnRule::text:
        out.text(cleaned_or_null(value.text));
        return;
    case ColumnRule::localised_text:
        out.text(pick_name(value, row.lc.value_or("")));
        return;
    case ColumnRule::language:
        out.text(row.lc ? row.lc : cleaned_or_null(row.fields.at(column.fallback).text));
        return;
    case ColumnRule::nutriscore_grade:
        out.text(nutriscore_grade(value.text));
        return;
    case ColumnRule::ecoscore_grade:
        out.text(ecoscore_grade(value.text, row.fields.at(column.fallback).text));
        return;
    case ColumnRule::integer:
        out.integer(integer_within(value.number, static_cast<double>(spec.low),
                                   static_cast<double>(spec.high)));
        return;
    case ColumnRule::energy_kcal:
        out.real(energy_kcal(row.nutrients));
        return;
    case ColumnRule::nutrient:
        out.real(nutrient(row.nutrients, spec.nutrient));
        return;
    case ColumnRule::tags:
        if (column.field == categories_field_) {
            out.text_array(categories_);
        } else {
            tags(value.items, tags_);
            out.text_array(tags_);
        }
        return;
    case ColumnRule::category: {
        const auto category = cleaned_or_null(value.text);
        out.text(category == "en:null" ? std::nullopt : category);
        return;
    }
    case ColumnRule::product_type: {
        const auto type = clean(value.text);
        out.text(is_product_type(type) ? std::optional(type) : std::nullopt);
        return;
    }
    case ColumnRule::nutrient_levels:
        out.text(nutrient_levels(value));
        return;
    case ColumnRule::front_image:
        out.text(image_url(row, value.text, spec.low));
        return;
    case ColumnRule::product_page: {
        std::string& url = scratch();
        url.assign(product_page_prefix).append(row.code);
        out.text(std::string_view(url));
        return;
    }
    case ColumnRule::unix_time:
        if (column.form == ValueForm::staged) {
            out.integer(value.unix_time);
        } else {
            out.timestamp(value.unix_time);
        }
        return;
    case ColumnRule::code_hash:
        out.integer(static_cast<std::int64_t>(code_hash_));
        return;
    case ColumnRule::line_fingerprint:
        out.integer(static_cast<std::int64_t>(row.line_fingerprint)); // bigint, as stored
        return;
    }
}

bool ProductNormaliser::write_row(const ProductFields& fields, std::uint64_t line_no,
                                  std::uint64_t line_fingerprint, std::string& out,
                                  std::string& code, std::string& reason) {
    scratch_used_ = 0;
    // The slots of `fields` follow the layout of its parser's columns: another run's would
    // put one column's value in another.
    if (fields.extras != settings_.extra_columns) {
        throw std::logic_error("ProductNormaliser: fields parsed for other extra columns");
    }
    if (!fields.code) {
        reason = "missing code";
        return false;
    }
    const auto normal_code = normalise_barcode(*fields.code);
    if (!normal_code) {
        reason = "invalid code \"" + excerpt(*fields.code, 40) + "\"";
        return false;
    }
    code = *normal_code;
    tags(fields.at(categories_field_).items, categories_);
    if (refuse_oversized(code, reason)) {
        return false;
    }
    code_hash_ = std::hash<std::string_view>{}(code);
    const Row row{fields,
                  code,
                  cleaned_or_null(fields.at(language_field_).text),
                  fields.has_aggregated_nutrition ? fields.aggregated : fields.nutriments,
                  line_no,
                  line_fingerprint};
    CopyRowWriter writer(out);
    for (const auto& column : row_) {
        write_value(column, row, writer);
    }
    writer.end_row();
    return true;
}

} // namespace offimport
