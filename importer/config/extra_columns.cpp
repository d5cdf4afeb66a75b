#include "config/extra_columns.hpp"

namespace offimport {

std::optional<ExtraColumn> extra_column_named(std::string_view name) {
    for (std::size_t i = 0; i < extra_column_count; ++i) {
        if (extra_column_names[i] == name) {
            return static_cast<ExtraColumn>(i);
        }
    }
    return std::nullopt;
}

std::string all_extra_column_names() {
    std::string names;
    for (const auto name : extra_column_names) {
        names += names.empty() ? "" : ", ";
        names += name;
    }
    return names;
}

} // namespace offimport
