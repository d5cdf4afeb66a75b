#include "normalise/product_row.hpp"

#include "normalise/barcode.hpp"
#include "normalise/copy_row.hpp"
#include "normalise/grades.hpp"
#include "normalise/product_columns.hpp"
#include "parse/text.hpp"

#include <algorithm>
#include <cmath>

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

std::optional<std::int64_t> nova_group(const std::optional<double>& value) {
    return integer_within(value, 1, 4);
}

// Every integer up to 2^53 has an exact double: larger ones could not be told apart.
constexpr double largest_exact_integer = 9007199254740992.0;
constexpr double nutriscore_lowest = -20, nutriscore_highest = 60;
constexpr double largest_int4 = 2147483647.0;

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

std::optional<std::string_view> ProductNormaliser::pick_name(std::string_view plain,
                                                             const std::vector<NamedText>& by_lang,
                                                             std::string_view lc) {
    auto in_language = [&](std::string_view lang) -> std::optional<std::string_view> {
        for (const auto& named : by_lang) {
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
    if (auto text = cleaned_or_null(plain)) {
        return text;
    }
    return lc.empty() ? std::nullopt : in_language(lc);
}

std::optional<std::string_view> ProductNormaliser::image_url(const ProductFields& fields,
                                                             std::string_view code,
                                                             std::string_view given,
                                                             std::string_view size) {
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
    find(trim(fields.lc));
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
    url += image_folder(code);
    url += "/front_";
    url += chosen->lang;
    url += '.';
    url += rev;
    url += '.';
    url += size;
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

std::optional<std::string_view> ProductNormaliser::nutrient_levels(const ExtraFields& extra) {
    std::string& json = scratch();
    for (std::size_t i = 0; i < nutrient_level_keys.size(); ++i) {
        const auto level = clean(extra.nutrient_levels[i]);
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

void ProductNormaliser::write_extras(const ExtraFields& extra, std::string_view lc,
                                     CopyRowWriter& row) {
    const auto chosen = [&](ExtraColumn column) { return has(settings_.extra_columns, column); };
    const auto tag_list = [&](const std::vector<std::string_view>& items) {
        tags(items, extra_tags_);
        row.text_array(extra_tags_);
    };
    // In ExtraColumn order, the order of ProductColumnSet.
    if (chosen(ExtraColumn::compared_to_category)) {
        const auto category = cleaned_or_null(extra.compared_to_category);
        row.text(category == "en:null" ? std::nullopt : category);
    }
    if (chosen(ExtraColumn::product_type)) {
        const auto type = clean(extra.product_type);
        row.text(is_product_type(type) ? std::optional(type) : std::nullopt);
    }
    if (chosen(ExtraColumn::ingredients_text)) {
        row.text(pick_name(extra.ingredients_text, extra.ingredients_texts, lc));
    }
    if (chosen(ExtraColumn::allergens_tags)) {
        tag_list(extra.allergens_tags);
    }
    if (chosen(ExtraColumn::traces_tags)) {
        tag_list(extra.traces_tags);
    }
    if (chosen(ExtraColumn::additives_tags)) {
        tag_list(extra.additives_tags);
    }
    if (chosen(ExtraColumn::food_groups_tags)) {
        tag_list(extra.food_groups_tags);
    }
    if (chosen(ExtraColumn::brands_tags)) {
        tag_list(extra.brands_tags);
    }
    if (chosen(ExtraColumn::nutrient_levels)) {
        row.text(nutrient_levels(extra));
    }
    if (chosen(ExtraColumn::nutriscore_score)) {
        row.integer(integer_within(extra.nutriscore_score, nutriscore_lowest, nutriscore_highest));
    }
    if (chosen(ExtraColumn::serving_size)) {
        row.text(cleaned_or_null(extra.serving_size));
    }
    if (chosen(ExtraColumn::unique_scans_n)) {
        row.integer(integer_within(extra.unique_scans_n, 0, largest_int4));
    }
    if (chosen(ExtraColumn::popularity_key)) {
        row.integer(
            integer_within(extra.popularity_key, -largest_exact_integer, largest_exact_integer));
    }
    if (chosen(ExtraColumn::last_updated_at)) {
        write_time(extra.last_updated_t, row);
    }
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

void ProductNormaliser::write_time(const std::optional<std::int64_t>& unix_seconds,
                                   CopyRowWriter& row) const {
    if (format_ == RowFormat::staging) {
        row.integer(unix_seconds);
    } else {
        row.timestamp(unix_seconds);
    }
}

bool ProductNormaliser::write_row(const ProductFields& fields, std::uint64_t line_no,
                                  std::uint64_t line_fingerprint, std::string& out,
                                  std::string& code, std::string& reason) {
    scratch_used_ = 0;
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

    const auto lc = cleaned_or_null(fields.lc);
    const auto& nutrients = fields.has_aggregated_nutrition ? fields.aggregated : fields.nutriments;
    tags(fields.categories_tags, categories_);
    tags(fields.countries_tags, countries_);
    tags(fields.labels_tags, labels_);
    if (refuse_oversized(code, reason)) {
        return false;
    }

    CopyRowWriter row(out);
    const bool staged = format_ == RowFormat::staging;
    if (staged) {
        row.integer(static_cast<std::int64_t>(line_no));
    }
    row.text(std::string_view(code));
    row.text(pick_name(fields.product_name, fields.product_names, lc.value_or("")));
    row.text(pick_name(fields.generic_name, fields.generic_names, lc.value_or("")));
    row.text(cleaned_or_null(fields.brands));
    row.text(cleaned_or_null(fields.quantity));
    row.text(lc ? lc : cleaned_or_null(fields.lang));
    row.text(nutriscore_grade(fields.nutriscore_grade));
    row.integer(nova_group(fields.nova_group));
    row.text(ecoscore_grade(fields.environmental_score_grade, fields.ecoscore_grade));
    row.real(energy_kcal(nutrients));
    for (const auto which :
         {Nutrient::fat, Nutrient::saturated_fat, Nutrient::carbohydrates, Nutrient::sugars,
          Nutrient::fiber, Nutrient::proteins, Nutrient::salt, Nutrient::sodium}) {
        row.real(nutrient(nutrients, which));
    }
    row.text_array(categories_);
    row.text_array(countries_);
    row.text_array(labels_);
    row.text(cleaned_or_null(fields.stores));
    row.text(image_url(fields, code, fields.image_front_url, "400"));
    row.text(image_url(fields, code, fields.image_front_small_url, "200"));
    if (!staged) {
        std::string& url = scratch();
        url.assign(product_page_prefix).append(code);
        row.text(std::string_view(url));
    }
    write_time(fields.created_t, row);
    write_time(fields.last_modified_t, row);
    code_hash_ = std::hash<std::string_view>{}(code);
    if (staged) {
        row.integer(static_cast<std::int64_t>(code_hash_));
        row.integer(static_cast<std::int64_t>(line_fingerprint)); // bigint, as stored
    }
    if (settings_.extra_columns.any()) {
        write_extras(fields.extra, lc.value_or(""), row);
    }
    row.end_row();
    return true;
}

} // namespace offimport
