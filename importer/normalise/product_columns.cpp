#include "normalise/product_columns.hpp"

namespace offimport {
namespace {

template <typename Piece>
std::string staged_list(Piece piece) {
    std::string out;
    for (const auto& column : product_columns) {
        if (column.staging_name.empty()) {
            continue;
        }
        out += out.empty() ? "" : ", ";
        out += piece(column);
    }
    return out;
}

} // namespace

std::string staging_column_list() {
    return staged_list([](const ProductColumn& c) { return std::string(c.staging_name); });
}

std::string staging_column_definitions() {
    return staged_list([](const ProductColumn& c) {
        return std::string(c.staging_name) + " " + std::string(c.staging_type);
    });
}

std::size_t staging_column_count() {
    std::size_t count = 0;
    for (const auto& column : product_columns) {
        count += column.staging_name.empty() ? 0 : 1;
    }
    return count;
}

} // namespace offimport
