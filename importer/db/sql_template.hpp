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

// How a statement writes a time for people and programs ({time_format} in a template):
// RFC 3339 in UTC to the second, "2026-12-06T18:59:33Z", as json_time writes it from C++.
// Used as to_char(t AT TIME ZONE 'UTC', {time_format}).
inline constexpr std::string_view time_format = R"('YYYY-MM-DD"T"HH24:MI:SS"Z"')";

// The common case: statements on the catalogue's own schema ({time_format} may be used too).
inline std::string in_schema(std::string_view sql_template, std::string_view quoted_schema) {
    const SqlName names[] = {{"schema", quoted_schema}, {"time_format", time_format}};
    return fill_sql_from(sql_template, names);
}

} // namespace offimport::db
