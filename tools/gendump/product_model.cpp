#include "barcode.hpp"
#include "product.hpp"

#include <algorithm>

namespace gendump {

namespace {

using namespace std::string_view_literals;

constexpr std::array ids{"energy-kcal"sv,   "energy-kj"sv,     "energy"sv, "fat"sv,
                         "saturated-fat"sv, "carbohydrates"sv, "sugars"sv, "fiber"sv,
                         "proteins"sv,      "salt"sv,          "sodium"sv};
enum : std::size_t { kcal, kj, energy, fat, sat_fat, carbs, sugars, fiber, proteins, salt, sodium };

constexpr std::array grades{"a"sv, "b"sv, "c"sv, "d"sv, "e"sv};
constexpr std::array eco_grades{"a-plus"sv, "a"sv, "b"sv, "c"sv, "d"sv, "e"sv, "f"sv};

// Real dumps span 2012 to today; the generator's clock stops at a fixed date (2026-03-01)
// so that output never depends on when it runs.
constexpr std::int64_t first_created = 1330000000;
constexpr std::int64_t last_created = 1748736000;
constexpr std::int64_t dump_time = 1772323200;

const vocab::Language& pick_language(Rng& rng) {
    int total = 0;
    for (const auto& lang : vocab::languages()) {
        total += lang.weight;
    }
    auto ticket = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
    for (const auto& lang : vocab::languages()) {
        if (ticket < lang.weight) {
            return lang;
        }
        ticket -= lang.weight;
    }
    return vocab::languages().front();
}

// The template's name in the product's language (French or English; English stands in for the
// others), with the oddities real names have.
std::string make_name(const FoodTemplate& food, std::string_view lang, Rng& rng) {
    std::string name(lang == "fr" ? food.name_fr : food.name_en);
    if (rng.chance(0.01)) {
        name += " \"édition limitée\""; // a quote inside a string
    } else if (rng.chance(0.002)) {
        name += " 50\\50"; // a backslash inside a string
    }
    if (rng.chance(0.03)) {
        name = rng.chance(0.5) ? " " + name : name + "  "; // must be trimmed
    }
    return name;
}

void draw_names(Product& p, Rng& rng) {
    p.names.clear();
    p.names.push_back({p.lang->code, make_name(*p.food, p.lang->code, rng)});
    for (const auto* extra : p.extra_langs) {
        p.names.push_back({extra->code, make_name(*p.food, extra->code, rng)});
    }
    // Which of product_name / product_name_<lc> carries the name varies in real data.
    const double u = rng.unit();
    p.product_name = p.names.front().text;
    p.product_name_form = Form::string;
    if (u < 0.08) {
        p.product_name_form = Form::empty_string;
    } else if (u < 0.13) {
        p.product_name_form = Form::absent;
    } else if (u < 0.18) {
        p.names.front().text.clear(); // product_name only
    } else if (u < 0.20) {
        p.product_name_form = Form::empty_string; // no name at all
        p.names.front().text.clear();
    }
}

void draw_languages(Product& p, Rng& rng) {
    p.lang = &pick_language(rng);
    p.lang_field = rng.chance(0.97) ? p.lang->code : "en"sv;
    const auto extra_count = rng.below(3);
    for (std::uint64_t k = 0; k < extra_count; ++k) {
        const auto* extra = &pick_language(rng);
        if (extra != p.lang &&
            std::find(p.extra_langs.begin(), p.extra_langs.end(), extra) == p.extra_langs.end()) {
            p.extra_langs.push_back(extra);
        }
    }
}

void draw_text_fields(Product& p, Rng& rng) {
    draw_names(p, rng);
    p.generic_name = std::string(p.lang->code == "fr" ? p.food->generic_fr : p.food->generic_en);
    p.generic_name_localized = rng.chance(0.8);
    if (rng.chance(0.01)) {
        p.generic_name += "\n\tligne 2"; // control characters that must be escaped
    } else if (rng.chance(0.001)) {
        p.generic_name += std::string_view("x\0y", 3); // U+0000, seen in the full dump
    }
    p.text_escape = rng.chance(0.02) ? Escape::ascii : Escape::minimal;
    p.has_brands = rng.chance(0.93);
    p.brands = std::string(p.food->brands);
    if (rng.chance(0.03)) {
        p.brands = " " + p.brands + " "; // must be trimmed
    }
    p.quantity = rng.chance(0.9) ? std::string(p.food->quantity) : "";
    p.stores = rng.chance(0.6) ? std::string(rng.pick(vocab::stores)) : "";
}

void draw_grades(Product& p, Rng& rng) {
    const double u = rng.unit();
    p.nutriscore_grade = u < 0.90   ? p.food->nutriscore_grade
                         : u < 0.96 ? "unknown"sv
                         : u < 0.98 ? "not-applicable"sv
                                    : ""sv;
    const double n = rng.unit();
    p.nova_form = n < 0.70 ? Form::number : n < 0.73 ? Form::string : Form::absent;
    p.nova_group = p.food->nova_group;

    const double e = rng.unit();
    const auto grade = [&] {
        return rng.chance(0.85) ? rng.pick(std::span<const std::string_view>(eco_grades))
                                : "unknown"sv;
    };
    if (e < 0.40) { // both names; the newer one wins, so make them differ sometimes
        p.environmental_grade = grade();
        p.ecoscore_grade = rng.chance(0.9) ? p.environmental_grade : grade();
    } else if (e < 0.70) {
        p.environmental_grade = grade();
    } else if (e < 0.95) {
        p.ecoscore_grade = grade();
    }
}

// Numbers written as strings come from a few producers that write all of a product's values
// that way, so that is decided per product; empty strings are scattered.
Form nutrient_form(Rng& rng, double present, bool as_strings) {
    if (!rng.chance(present)) {
        return Form::absent;
    }
    if (rng.chance(0.015)) {
        return Form::empty_string;
    }
    return as_strings ? Form::string : Form::number;
}

void draw_nutrients(Product& p, Rng& rng) {
    auto& n = p.nutrients;
    const bool as_strings = rng.chance(0.03);
    const auto set = [&](std::size_t i, std::int64_t mantissa, int scale, std::string_view unit,
                         double present) {
        n[i] = {ids[i], mantissa, scale, unit, nutrient_form(rng, present, as_strings)};
    };
    // The template's values, each within 8 % of it: the same product from another shop.
    const auto noisy = [&](double value, double unit_scale) {
        return static_cast<std::int64_t>(value * unit_scale * (0.92 + 0.16 * rng.unit()) + 0.5);
    };
    const Per100g& v = p.food->per_100g;
    const std::int64_t kcal_value = noisy(v.kcal, 10); // decikilocalories
    const std::int64_t salt_mg = noisy(v.salt, 1000);
    set(kcal, kcal_value, 1, "kcal", 0.93);
    set(kj, kcal_value * 4184, 4, "kJ", 0.9);
    set(energy, kcal_value * 4184, 4, "kJ", 0.95);
    set(fat, noisy(v.fat, 10), 1, "g", 0.95);
    set(sat_fat, noisy(v.saturated_fat, 10), 1, "g", 0.92);
    set(carbs, noisy(v.carbohydrates, 10), 1, "g", 0.95);
    set(sugars, noisy(v.sugars, 10), 1, "g", 0.93);
    set(fiber, noisy(v.fiber, 10), 1, "g", 0.6);
    set(proteins, noisy(v.proteins, 10), 1, "g", 0.95);
    set(salt, salt_mg, 3, "g", 0.92);
    set(sodium, salt_mg * 4, 4, "g", 0.9); // sodium = salt / 2.5
    p.schema_version = rng.chance(0.01) ? 1003 : rng.chance(0.96) ? 998 : 0;
    p.nutriments_null = p.schema_version != 1003 && rng.chance(0.003);
}

std::vector<std::string_view> draw_tags(Rng& rng, vocab::Words words, std::uint64_t max_count) {
    std::vector<std::string_view> tags;
    const auto count = rng.below(max_count + 1);
    for (std::uint64_t k = 0; k < count; ++k) {
        const auto tag = rng.pick(words);
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
            tags.push_back(tag);
        }
    }
    return tags;
}

void draw_tag_fields(Product& p, Rng& rng) {
    // Most products are fully categorised, some stop one level short, a few have none.
    const auto chain = p.food->categories;
    const double u = rng.unit();
    const std::size_t depth = u < 0.85 ? chain.size() : u < 0.95 ? chain.size() - 1 : 0;
    p.categories.assign(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(depth));
    p.countries = draw_tags(rng, vocab::countries, 3);
    if (p.countries.empty()) {
        p.countries.push_back("en:france");
    }
    p.labels = draw_tags(rng, vocab::labels, 4);
    p.non_string_tag = rng.chance(0.01) ? static_cast<int>(rng.below(3)) : -1;
}

void draw_images(Product& p, Rng& rng) {
    const double u = rng.unit();
    p.image_layout = u < 0.80   ? ImageLayout::old_layout
                     : u < 0.88 ? ImageLayout::new_layout
                                : ImageLayout::none;
    // Line sizes in the dump are skewed: a few products carry far more photos, ingredients
    // and scan statistics than the median one.
    const double b = rng.unit();
    p.bulk = b < 0.15 ? 0 : b < 0.60 ? 1 : b < 0.88 ? 2 : 3;
    constexpr std::array max_photos{3, 8, 15, 30};
    p.max_imgid = static_cast<int>(rng.range(1, max_photos[static_cast<std::size_t>(p.bulk)]));
    p.front_imgid = static_cast<int>(rng.range(1, p.max_imgid));
    p.front_rev = static_cast<int>(rng.range(2, 60));
    p.front_urls = p.image_layout != ImageLayout::none && rng.chance(0.6);
}

void draw_timestamps(Product& p, Rng& rng) {
    p.created_t = rng.range(first_created, last_created);
    p.last_modified_t = rng.range(p.created_t, dump_time);
    p.timestamps_as_strings = rng.chance(0.02);
}

} // namespace

std::span<const std::string_view> nutrient_ids() {
    return ids;
}

Product make_product(std::uint64_t seed, std::uint64_t index) {
    Rng rng(seed, index, Stream::content);
    Product p;
    p.index = index;
    p.code = synthetic_code(index, rng);
    p.food = &rng.pick(food_templates());
    draw_languages(p, rng);
    draw_text_fields(p, rng);
    draw_grades(p, rng);
    draw_nutrients(p, rng);
    draw_tag_fields(p, rng);
    draw_images(p, rng);
    draw_timestamps(p, rng);
    return p;
}

void apply_change(Product& p, std::uint64_t seed) {
    Rng rng(seed, p.index, Stream::change_value);
    for (auto& name : p.names) {
        name.text = make_name(*p.food, name.lang, rng) + " (nouvelle recette)";
    }
    p.product_name = p.names.front().text;
    p.product_name_form = Form::string; // a changed product always has a name that changed
    p.last_modified_t += rng.range(3600, 90 * 86400);
    if (rng.chance(0.3)) {
        p.nutriscore_grade = rng.pick(std::span<const std::string_view>(grades));
    }
}

} // namespace gendump
