#include "catalogue/product_columns.hpp"

namespace offimport {

std::string all_extra_column_names() {
    std::string names;
    for (std::size_t i = 0; i < optional_column_count; ++i) {
        names += names.empty() ? "" : ", ";
        names += optional_column(i).name;
    }
    return names;
}

std::vector<const ProductColumn*> run_columns(const ExtraColumns& extras) {
    std::vector<const ProductColumn*> columns;
    for (std::size_t i = 0; i < product_columns.size(); ++i) {
        if (i < first_optional_column || extras.test(i - first_optional_column)) {
            columns.push_back(&product_columns[i]);
        }
    }
    return columns;
}

} // namespace offimport
