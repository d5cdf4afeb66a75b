#include "normalise/mapping_key.hpp"

namespace offimport {

std::string mapping_key(const NormaliseSettings& settings) {
    std::string key = "mapping " + std::to_string(mapping_version) + "; languages";
    for (const auto& language : settings.languages) {
        key += " " + language;
    }
    key += "; extra columns";
    for (std::size_t i = 0; i < extra_column_count; ++i) {
        if (settings.extra_columns.test(i)) {
            key += " ";
            key += extra_column_names[i];
        }
    }
    return key;
}

} // namespace offimport
