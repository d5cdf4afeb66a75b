// images in both layouts, plus the URL fields derived from the front image.
//
// Old layout: images.front_<lc> = {imgid, rev, sizes} beside numbered uploads.
// New layout: images.uploaded.<n> and images.selected.front.<lc> = {imgid, rev, sizes}.
// image_front_url exists on some products only; the importer rebuilds it from either layout:
// https://images.openfoodfacts.org/images/products/<folder>/front_<lc>.<rev>.400.jpg
#include "barcode.hpp"
#include "padding.hpp"

#include <string>

namespace gendump {

namespace {

void write_size(JsonWriter& json, std::string_view name, int w, int h) {
    json.key(name);
    json.begin_object();
    json.member_int("w", w);
    json.member_int("h", h);
    json.end_object();
}

void write_sizes(JsonWriter& json, int full_w, int full_h, bool with_200) {
    json.key("sizes");
    json.begin_object();
    write_size(json, "100", full_w * 100 / full_h, 100);
    if (with_200) {
        write_size(json, "200", full_w * 200 / full_h, 200);
    }
    write_size(json, "400", full_w * 400 / full_h, 400);
    write_size(json, "full", full_w, full_h);
    json.end_object();
}

// One uploaded photo: {"sizes":...,"uploaded_t":...,"uploader":...}
void write_upload(JsonWriter& json, const Product& p, int imgid, Rng& rng) {
    json.key(std::to_string(imgid));
    json.begin_object();
    write_sizes(json, static_cast<int>(rng.range(600, 2500)), 1200, false);
    json.key("uploaded_t");
    const std::int64_t t = p.created_t + imgid * 3600;
    if (rng.chance(0.3)) { // real data mixes numbers and numeric strings here
        json.string(std::to_string(t));
    } else {
        json.integer(t);
    }
    json.member("uploader", rng.pick(vocab::users));
    json.end_object();
}

// A selected image: {imgid, rev, sizes}; imgid and rev are strings or numbers.
void write_selection(JsonWriter& json, std::string_view key, int imgid, int rev, Rng& rng) {
    json.key(key);
    json.begin_object();
    const bool as_strings = rng.chance(0.5);
    json.key("imgid");
    as_strings ? json.string(std::to_string(imgid)) : json.integer(imgid);
    json.key("rev");
    as_strings ? json.string(std::to_string(rev)) : json.integer(rev);
    write_sizes(json, 900, 1200, true);
    json.end_object();
}

std::string_view front_language(const Product& p) {
    // A tenth of the products only have a front image in another language than lc.
    if (p.index % 10 == 3) {
        return p.extra_langs.empty() ? "en" : p.extra_langs.front()->code;
    }
    return p.lang->code;
}

void write_old_layout(JsonWriter& json, const Product& p, Rng& rng) {
    json.begin_object();
    for (int id = 1; id <= p.max_imgid; ++id) {
        write_upload(json, p, id, rng);
    }
    const std::string lc(front_language(p));
    write_selection(json, "front_" + lc, p.front_imgid, p.front_rev, rng);
    write_selection(json, "ingredients_" + lc, 1, p.front_rev + 3, rng);
    write_selection(json, "nutrition_" + lc, p.max_imgid, p.front_rev + 5, rng);
    json.end_object();
}

void write_new_layout(JsonWriter& json, const Product& p, Rng& rng) {
    json.begin_object();
    json.key("uploaded");
    json.begin_object();
    for (int id = 1; id <= p.max_imgid; ++id) {
        write_upload(json, p, id, rng);
    }
    json.end_object();
    json.key("selected");
    json.begin_object();
    const std::string_view lc = front_language(p);
    for (std::string_view kind : {"front", "ingredients", "nutrition"}) {
        json.key(kind);
        json.begin_object();
        const bool front = kind == "front";
        write_selection(json, lc, front ? p.front_imgid : 1, front ? p.front_rev : 7, rng);
        json.end_object();
    }
    json.end_object();
    json.end_object();
}

std::string image_url(const Product& p, std::string_view kind, int rev, int size) {
    std::string url = "https://images.openfoodfacts.org/images/products/";
    url += image_folder(p.code);
    url += '/';
    url += kind;
    url += '_';
    url += front_language(p);
    url += '.' + std::to_string(rev) + '.' + std::to_string(size) + ".jpg";
    return url;
}

void write_url_fields(JsonWriter& json, const Product& p) {
    json.member("image_front_small_url", image_url(p, "front", p.front_rev, 200));
    json.member("image_front_thumb_url", image_url(p, "front", p.front_rev, 100));
    json.member("image_front_url", image_url(p, "front", p.front_rev, 400));
    json.member("image_ingredients_url", image_url(p, "ingredients", p.front_rev + 3, 400));
    json.member("image_nutrition_url", image_url(p, "nutrition", p.front_rev + 5, 400));
    json.member("image_small_url", image_url(p, "front", p.front_rev, 200));
    json.member("image_url", image_url(p, "front", p.front_rev, 400));
}

void write_selected_images(JsonWriter& json, const Product& p) {
    json.key("selected_images");
    json.begin_object();
    for (std::string_view kind : {"front", "ingredients", "nutrition"}) {
        const int rev = kind == "front"         ? p.front_rev
                        : kind == "ingredients" ? p.front_rev + 3
                                                : p.front_rev + 5;
        json.key(kind);
        json.begin_object();
        for (auto [name, size] : {std::pair{"display", 400}, {"small", 200}, {"thumb", 100}}) {
            json.key(name);
            json.begin_object();
            json.member(front_language(p), image_url(p, kind, rev, size));
            json.end_object();
        }
        json.end_object();
    }
    json.end_object();
}

} // namespace

void write_image_fields(JsonWriter& json, const Product& p, Rng& rng) {
    if (p.front_urls) {
        write_url_fields(json, p);
    }
    json.key("images");
    switch (p.image_layout) {
    case ImageLayout::old_layout:
        write_old_layout(json, p, rng);
        break;
    case ImageLayout::new_layout:
        write_new_layout(json, p, rng);
        break;
    case ImageLayout::none:
        json.raw("{}");
        break;
    }
    if (p.image_layout != ImageLayout::none) {
        json.member_int("last_image_t", p.created_t + p.max_imgid * 3600);
        json.member_int("max_imgid", p.max_imgid);
    }
    if (p.front_urls) {
        write_selected_images(json, p);
    }
}

} // namespace gendump
