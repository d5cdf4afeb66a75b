#pragma once

#include "catalogue/product_columns.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace offimport {

// How a column's value is written in a row: as staged (a time as Unix seconds) or as stored in
// off.products (a time as a timestamp).
enum class ValueForm { staged, stored };

// The columns of one kind of row, in order, each with the form of its value.
struct RowLayout {
    struct Entry {
        const ProductColumn* column;
        ValueForm form;
    };
    std::vector<Entry> entries;
};

// The field of a staging row that holds the named fixed column: the columns without a staging
// name are not in the row.
constexpr std::size_t staged_field(std::string_view name) {
    std::size_t field = 0;
    for (std::size_t i = 0; i < first_optional_column; ++i) {
        const auto& column = product_columns[i];
        if (column.staging_name == name) {
            return field;
        }
        field += column.staging_name.empty() ? 0 : 1;
    }
    return field;
}

// The columns of one run (the fixed ones, then the chosen optional ones: run_columns) and what
// is made of them: the staging table's DDL and COPY list, the catalogue's COPY list, and the
// rows of each (RowLayout).
class ProductColumnSet {
public:
    explicit ProductColumnSet(ExtraColumns extras = {});

    const std::vector<const ProductColumn*>& columns() const { return columns_; }
    const ExtraColumns& extras() const { return extras_; }

    // "line_no, code, ...": the staging table's columns in COPY order.
    std::string staging_column_list() const;
    // "line_no bigint NOT NULL, code text COLLATE "C" NOT NULL, ...": its DDL.
    std::string staging_column_definitions() const;
    // The number of columns a staged row has.
    std::size_t staging_column_count() const;
    // "code, product_name, ..., url, created_at, ...": off.products' columns of the run, the
    // order of a catalogue row (a first import copies them straight in).
    std::string catalogue_column_list() const;
    std::size_t catalogue_column_count() const;

    // A row of the staging table: the columns with a staging name, staged.
    RowLayout staging_row() const;
    // A row of off.products: the columns with a name, as stored.
    RowLayout catalogue_row() const;

private:
    ExtraColumns extras_;
    std::vector<const ProductColumn*> columns_;
};

} // namespace offimport
