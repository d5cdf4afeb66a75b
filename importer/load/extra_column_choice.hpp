#pragma once

#include "catalogue/product_columns.hpp"
#include "db/connection.hpp"

#include <string>
#include <vector>

namespace offimport {

// What choosing the configured extra columns did to the catalogue.
struct ExtraColumnChoice {
    std::vector<std::string> added;            // new in off.products, empty until filled
    std::vector<std::string> unfilled;         // chosen, not yet filled by a whole full import
    std::vector<std::string> no_longer_chosen; // still in off.products, no longer filled
};

// Makes off.products hold the chosen extra columns, recording each in {schema}.extra_columns
// as a migration is recorded: a chosen column that is missing is added (empty: the next import
// fills it), a recorded column the configuration no longer lists is kept and logged with the
// statement that drops it, a recorded column dropped by hand is forgotten. Runs in its own
// short transaction on `control` (an import holds its lock), before the run's: adding a column
// locks off.products, and must not for the length of an import. Throws when a column of that
// name exists with another type.
ExtraColumnChoice choose_extra_columns(db::Connection& control, const std::string& quoted_schema,
                                       const ExtraColumns& chosen);

// One recorded extra column, for --status.
struct ExtraColumnLine {
    std::string name, sql_type, added_at, filled_at; // filled_at empty: never filled
    bool chosen = false;
};
// The recorded extra columns by name; none before migration 003.
std::vector<ExtraColumnLine> extra_column_lines(db::Connection& db,
                                                const std::string& quoted_schema);

// In the run's transaction of a whole full import: every chosen column is filled.
void record_extra_columns_filled(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
