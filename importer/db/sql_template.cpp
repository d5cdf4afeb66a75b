#include "db/sql_template.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace offimport::db {
namespace {

bool is_placeholder_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// The length of the placeholder name starting after the `{` at `open`, or 0 when the braces
// there are not a placeholder.
std::size_t placeholder_length(std::string_view text, std::size_t open) {
    std::size_t end = open + 1;
    while (end < text.size() && is_placeholder_char(text[end])) {
        ++end;
    }
    const bool closed = end < text.size() && text[end] == '}';
    return closed ? end - open - 1 : 0;
}

} // namespace

std::string migration_in_schema(std::string_view migration_sql, std::string_view quoted_schema) {
    constexpr std::string_view placeholder = "{schema}";
    std::string sql;
    std::size_t from = 0;
    for (auto at = migration_sql.find(placeholder); at != std::string_view::npos;
         at = migration_sql.find(placeholder, from)) {
        sql.append(migration_sql.substr(from, at - from)).append(quoted_schema);
        from = at + placeholder.size();
    }
    return sql.append(migration_sql.substr(from));
}

std::string fill_sql(std::string_view sql_template, std::span<const SqlName> names) {
    std::string sql;
    sql.reserve(sql_template.size() + 64);
    std::vector<bool> used(names.size(), false);
    std::size_t from = 0;
    for (std::size_t open = sql_template.find('{'); open != std::string_view::npos;
         open = sql_template.find('{', open + 1)) {
        const std::size_t length = placeholder_length(sql_template, open);
        if (length == 0) {
            continue;
        }
        const std::string_view name = sql_template.substr(open + 1, length);
        const auto found = std::find_if(names.begin(), names.end(), [&](const SqlName& given) {
            return given.placeholder == name;
        });
        if (found == names.end()) {
            throw std::logic_error("SQL template: no value for {" + std::string(name) + "}");
        }
        used[static_cast<std::size_t>(found - names.begin())] = true;
        sql.append(sql_template.substr(from, open - from)).append(found->quoted);
        from = open + length + 2;
    }
    sql.append(sql_template.substr(from));
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (!used[i]) {
            throw std::logic_error("SQL template: {" + std::string(names[i].placeholder) +
                                   "} is not used");
        }
    }
    return sql;
}

std::string fill_sql_from(std::string_view sql_template, std::span<const SqlName> shared,
                          std::initializer_list<SqlName> own) {
    std::vector<SqlName> names(own);
    for (const auto& name : shared) {
        if (sql_template.find("{" + std::string(name.placeholder) + "}") !=
            std::string_view::npos) {
            names.push_back(name);
        }
    }
    return fill_sql(sql_template, names);
}

} // namespace offimport::db
