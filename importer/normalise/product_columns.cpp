#include "normalise/product_columns.hpp"

#include "normalise/extra_column_specs.hpp"

#include <algorithm>

namespace offimport {

ProductColumnSet::ProductColumnSet(ExtraColumns extras)
    : extras_(extras), columns_(product_columns.begin(), product_columns.end()) {
    for (const auto& spec : extra_column_specs) {
        if (has(extras, spec.column)) {
            columns_.push_back(
                {name_of(spec.column), spec.staging_name, spec.staging_type, spec.from_staging});
        }
    }
}

namespace {

template <typename Piece>
std::string staged_list(const std::vector<ProductColumn>& columns, Piece piece) {
    std::string out;
    for (const auto& column : columns) {
        if (column.staging_name.empty()) {
            continue;
        }
        out += out.empty() ? "" : ", ";
        out += piece(column);
    }
    return out;
}

} // namespace

std::string ProductColumnSet::staging_column_list() const {
    return staged_list(columns_,
                       [](const ProductColumn& c) { return std::string(c.staging_name); });
}

std::string ProductColumnSet::staging_column_definitions() const {
    return staged_list(columns_, [](const ProductColumn& c) {
        return std::string(c.staging_name) + " " + std::string(c.staging_type);
    });
}

std::size_t ProductColumnSet::staging_column_count() const {
    std::size_t count = 0;
    for (const auto& column : columns_) {
        count += column.staging_name.empty() ? 0 : 1;
    }
    return count;
}

std::string ProductColumnSet::catalogue_column_list() const {
    std::string out;
    for (const auto& column : columns_) {
        if (!column.name.empty()) {
            out += out.empty() ? "" : ", ";
            out += column.name;
        }
    }
    return out;
}

std::size_t ProductColumnSet::catalogue_column_count() const {
    return static_cast<std::size_t>(std::count_if(
        columns_.begin(), columns_.end(), [](const ProductColumn& c) { return !c.name.empty(); }));
}

} // namespace offimport
