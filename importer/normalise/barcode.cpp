#include "normalise/barcode.hpp"

#include "parse/text.hpp"

#include <algorithm>

namespace offimport {

std::optional<std::string> normalise_barcode(std::string_view raw) {
    std::string_view code = trim(raw);
    if (code.empty() ||
        !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const auto first_significant = code.find_first_not_of('0');
    if (first_significant == std::string_view::npos) {
        return std::nullopt; // all zeros
    }
    code.remove_prefix(first_significant);
    std::size_t width = code.size();
    if (width <= 7) {
        width = 8;
    } else if (width >= 9 && width <= 12) {
        width = 13;
    }
    std::string normal(width - code.size(), '0');
    normal += code;
    return normal;
}

std::string image_folder(std::string_view code) {
    std::string padded(code.size() < 13 ? 13 - code.size() : 0, '0');
    padded += code;
    return padded.substr(0, 3) + "/" + padded.substr(3, 3) + "/" + padded.substr(6, 3) + "/" +
           padded.substr(9);
}

} // namespace offimport
