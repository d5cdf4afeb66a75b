#include "load/extra_column_choice.hpp"

#include "db/sql_template.hpp"

#include <spdlog/spdlog.h>

namespace offimport {
namespace {

// The type of products.<name> in the words of format_type, with whether it matches `type`;
// no row when there is no such column.
constexpr const char* column_type = R"(
SELECT format_type(a.atttypid, a.atttypmod), a.atttypid = $2::regtype
  FROM pg_attribute a
 WHERE a.attrelid = '{schema}.products'::regclass AND a.attname = $1
   AND a.attnum > 0 AND NOT a.attisdropped)";

constexpr const char* add_column = "ALTER TABLE {schema}.products ADD COLUMN {column} {type}";

constexpr const char* record_added = R"(
INSERT INTO {schema}.extra_columns (name, sql_type) VALUES ($1, $2)
    ON CONFLICT (name) DO UPDATE SET sql_type = $2, added_at = now(), filled_at = NULL,
                                     chosen = true)";

// A column that exists but is not recorded (added by hand with the right type) is recorded
// as not yet filled.
constexpr const char* record_chosen = R"(
INSERT INTO {schema}.extra_columns (name, sql_type) VALUES ($1, $2)
    ON CONFLICT (name) DO UPDATE SET chosen = true
RETURNING filled_at IS NULL)";

constexpr const char* recorded_columns =
    "SELECT name, chosen FROM {schema}.extra_columns ORDER BY name";

constexpr const char* forget_column = "DELETE FROM {schema}.extra_columns WHERE name = $1";

constexpr const char* record_unchosen =
    "UPDATE {schema}.extra_columns SET chosen = false WHERE name = $1";

constexpr const char* list_recorded = R"(
SELECT name, sql_type, to_char(added_at AT TIME ZONE 'UTC', {time_format}),
       coalesce(to_char(filled_at AT TIME ZONE 'UTC', {time_format}), ''), chosen
  FROM {schema}.extra_columns ORDER BY name)";

constexpr const char* record_filled =
    "UPDATE {schema}.extra_columns SET filled_at = now() WHERE chosen";

// Long enough for the readers of the application to finish a query, short enough that a
// reader holding the table for long fails the run with a clear message instead of queueing
// every other reader behind the ALTER TABLE.
constexpr const char* lock_wait = "SET LOCAL lock_timeout = '10s'";

// True when products.<name> exists (with the column's type; another type throws).
bool column_exists(db::Connection& db, const std::string& s, const ProductColumn& spec) {
    const std::string name(spec.name);
    const auto found =
        db.exec(db::in_schema(column_type, s), db::Params{name, std::string(spec.type)},
                "looking for column products." + name);
    if (found.rows() == 0) {
        return false;
    }
    if (found.get(0, 1) != "t") {
        throw std::runtime_error("import.extra_columns: column products." + name +
                                 " exists with type " + std::string(found.get(0, 0)) + ", not " +
                                 std::string(spec.type) +
                                 "; nothing was changed. Rename or drop that column, or leave " +
                                 name + " out of import.extra_columns");
    }
    return true;
}

void choose(db::Connection& db, const std::string& s, const ProductColumn& spec,
            ExtraColumnChoice& choice) {
    const std::string name(spec.name), type(spec.type);
    if (!column_exists(db, s, spec)) {
        db.exec(db::fill_sql(add_column, {{"schema", s}, {"column", name}, {"type", type}}),
                "adding column products." + name);
        db.exec(db::in_schema(record_added, s), db::Params{name, type},
                "recording column products." + name);
        choice.added.push_back(name);
        choice.unfilled.push_back(name);
        return;
    }
    const auto unfilled = db.exec(db::in_schema(record_chosen, s), db::Params{name, type},
                                  "recording column products." + name);
    if (unfilled.get(0, 0) == std::string_view("t")) {
        choice.unfilled.push_back(name);
    }
}

// Recorded columns that are not chosen: kept if they exist, forgotten if dropped by hand.
void unchoose_others(db::Connection& db, const std::string& s, const ExtraColumns& chosen,
                     ExtraColumnChoice& choice) {
    const auto recorded = db.exec(db::in_schema(recorded_columns, s), "reading extra columns");
    for (int row = 0; row < recorded.rows(); ++row) {
        const std::string name(recorded.get(row, 0));
        const auto column = extra_column_named(name);
        if (column && chosen.test(*column)) {
            continue;
        }
        const bool exists = db.exec(db::in_schema(column_type, s), db::Params{name, "text"},
                                    "looking for column products." + name)
                                .rows() > 0;
        if (!exists) {
            db.exec(db::in_schema(forget_column, s), db::Params{name},
                    "forgetting dropped column products." + name);
            continue;
        }
        db.exec(db::in_schema(record_unchosen, s), db::Params{name},
                "recording column products." + name);
        choice.no_longer_chosen.push_back(name);
    }
}

void report(const ExtraColumnChoice& choice, const std::string& s) {
    for (const auto& name : choice.added) {
        spdlog::info("added column {}.products.{} (import.extra_columns); this import fills it", s,
                     name);
    }
    for (const auto& name : choice.no_longer_chosen) {
        spdlog::warn("column {0}.products.{1} is no longer in import.extra_columns: it keeps the "
                     "values of its last import and is no longer filled; to drop it: ALTER "
                     "TABLE {0}.products DROP COLUMN {1}",
                     s, name);
    }
}

} // namespace

ExtraColumnChoice choose_extra_columns(db::Connection& control, const std::string& quoted_schema,
                                       const ExtraColumns& chosen) {
    ExtraColumnChoice choice;
    control.exec("BEGIN", "starting to choose extra columns");
    try {
        control.exec(lock_wait);
        for (std::size_t i = 0; i < optional_column_count; ++i) {
            if (chosen.test(i)) {
                choose(control, quoted_schema, optional_column(i), choice);
            }
        }
        unchoose_others(control, quoted_schema, chosen, choice);
        control.exec("COMMIT", "committing the choice of extra columns");
    } catch (...) {
        try {
            control.exec("ROLLBACK");
        } catch (const std::exception&) {
            // the connection is gone: the server rolled back
        }
        throw;
    }
    report(choice, quoted_schema);
    return choice;
}

std::vector<ExtraColumnLine> extra_column_lines(db::Connection& db,
                                                const std::string& quoted_schema) {
    std::vector<ExtraColumnLine> lines;
    if (!db::table_exists(db, quoted_schema + ".extra_columns")) {
        return lines;
    }
    const auto rows =
        db.exec(db::in_schema(list_recorded, quoted_schema), "reading the extra columns");
    for (int row = 0; row < rows.rows(); ++row) {
        lines.push_back({std::string(rows.get(row, 0)), std::string(rows.get(row, 1)),
                         std::string(rows.get(row, 2)), std::string(rows.get(row, 3)),
                         rows.get(row, 4) == std::string_view("t")});
    }
    return lines;
}

void record_extra_columns_filled(db::Connection& db, const std::string& quoted_schema) {
    db.exec(db::in_schema(record_filled, quoted_schema), "recording the extra columns filled");
}

} // namespace offimport
