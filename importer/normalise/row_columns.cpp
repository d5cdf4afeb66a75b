#include "normalise/row_columns.hpp"

#include <algorithm>

namespace offimport {

ProductColumnSet::ProductColumnSet(ExtraColumns extras)
    : extras_(extras), columns_(run_columns(extras)) {}

namespace {

template <typename Piece>
std::string staged_list(const std::vector<const ProductColumn*>& columns, Piece piece) {
    std::string out;
    for (const auto* column : columns) {
        if (column->staging_name.empty()) {
            continue;
        }
        out += out.empty() ? "" : ", ";
        out += piece(*column);
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
    return static_cast<std::size_t>(std::count_if(
        columns_.begin(), columns_.end(), [](const auto* c) { return !c->staging_name.empty(); }));
}

std::string ProductColumnSet::catalogue_column_list() const {
    std::string out;
    for (const auto* column : columns_) {
        if (!column->name.empty()) {
            out += out.empty() ? "" : ", ";
            out += column->name;
        }
    }
    return out;
}

std::size_t ProductColumnSet::catalogue_column_count() const {
    return static_cast<std::size_t>(std::count_if(columns_.begin(), columns_.end(),
                                                  [](const auto* c) { return !c->name.empty(); }));
}

RowLayout ProductColumnSet::staging_row() const {
    RowLayout row;
    for (const auto* column : columns_) {
        if (!column->staging_name.empty()) {
            row.entries.push_back({column, ValueForm::staged});
        }
    }
    return row;
}

RowLayout ProductColumnSet::catalogue_row() const {
    RowLayout row;
    for (const auto* column : columns_) {
        if (!column->name.empty()) {
            row.entries.push_back({column, ValueForm::stored});
        }
    }
    return row;
}

} // namespace offimport
