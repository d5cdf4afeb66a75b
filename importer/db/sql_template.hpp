#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace offimport::db {

// An identifier for a statement template: `{placeholder}` in the template becomes `quoted`
// (already quoted once, by Connection::quote_identifier).
struct SqlName {
    std::string_view placeholder;
    std::string_view quoted;
};

// SQL written as SQL: a statement is one raw-string template, identifiers (and lists of them
// or fixed fragments that the program defines) are named placeholders ("{schema}.runs"),
// values are $n parameters. A placeholder is `{` lowercase
// letters, digits or `_` `}`; anything else in braces (an array literal such as '{}') is left
// as it is. A placeholder without a name given, or a name the template never uses, is a
// programming error: std::logic_error, caught by the first test that runs the statement.
std::string fill_sql(std::string_view sql_template, std::span<const SqlName> names);
inline std::string fill_sql(std::string_view sql_template, std::initializer_list<SqlName> names) {
    return fill_sql(sql_template, std::span<const SqlName>(names.begin(), names.size()));
}

// For a family of statements that share a set of names and each use some of them: the names
// of `shared` that the template names are filled in, the others left out; `own` must all be
// used, as with fill_sql.
std::string fill_sql_from(std::string_view sql_template, std::span<const SqlName> shared,
                          std::initializer_list<SqlName> own = {});

// A migration file (schema/*.sql): {schema} is replaced where it occurs, and nothing else is
// asked of the text. A file need not name the schema, and its literals may hold braces
// ('{en}') that are data, not placeholders.
std::string migration_in_schema(std::string_view migration_sql, std::string_view quoted_schema);

// The common case: statements on the catalogue's own schema.
inline std::string in_schema(std::string_view sql_template, std::string_view quoted_schema) {
    return fill_sql(sql_template, {{"schema", quoted_schema}});
}

} // namespace offimport::db
