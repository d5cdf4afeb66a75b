#include "normalise/mapping_key.hpp"

namespace offimport {

std::string mapping_key(const NormaliseSettings& settings) {
    std::string key = "mapping " + std::to_string(mapping_version) + "; languages";
    for (const auto& language : settings.languages) {
        key += " " + language;
    }
    key += "; extra columns";
    for (std::size_t i = 0; i < optional_column_count; ++i) {
        if (settings.extra_columns.test(i)) {
            key += " ";
            key += optional_column(i).name;
        }
    }
    // Every column of the run: a column added to (or taken from) the list changes the rows of
    // every line, so the fingerprints of the lines imported before no longer stand for them.
    key += "; columns";
    for (const auto* column : run_columns(settings.extra_columns)) {
        key += " ";
        key += column->name.empty() ? column->staging_name : column->name;
    }
    return key;
}

} // namespace offimport
