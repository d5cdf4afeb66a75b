#include "base/one_line.hpp"
#include "db/connection.hpp"
#include "db/locks.hpp"
#include "db/migration.hpp"
#include "db/sql_template.hpp"

#include <algorithm>
#include <set>
#include <spdlog/spdlog.h>

namespace offimport::db {
namespace {

constexpr const char* create_schema = "CREATE SCHEMA IF NOT EXISTS {schema}";

constexpr const char* create_migrations_table = R"(
CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
))";

constexpr const char* select_applied = "SELECT version FROM {schema}.schema_migrations";

constexpr const char* record_migration =
    "INSERT INTO {schema}.schema_migrations (version, name) VALUES ($1, $2)";

// Line number (1-based) of a character position (1-based, as PostgreSQL reports it).
int line_of(std::string_view text, std::size_t position) {
    position = std::min(position, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + position, '\n'));
}

// The statement around `position`: from after the previous ';' to the next one.
std::string statement_at(std::string_view text, std::size_t position) {
    position = std::min(position, text.size());
    auto begin = text.rfind(';', position == 0 ? 0 : position - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    auto end = text.find(';', position);
    end = end == std::string_view::npos ? text.size() : end + 1;
    std::string statement(text.substr(begin, end - begin));
    std::replace(statement.begin(), statement.end(), '\n', ' ');
    const auto first = statement.find_first_not_of(' ');
    statement = first == std::string::npos ? "" : statement.substr(first);
    if (statement.size() > 160) {
        statement = statement.substr(0, 157) + "...";
    }
    return statement;
}

std::set<int> applied_versions(Connection& connection, const std::string& quoted_schema) {
    std::set<int> versions;
    if (!table_exists(connection, quoted_schema + ".schema_migrations")) {
        return versions;
    }
    const auto rows =
        connection.exec(in_schema(select_applied, quoted_schema), "reading applied migrations");
    for (int row = 0; row < rows.rows(); ++row) {
        versions.insert(static_cast<int>(rows.get_int(row, 0)));
    }
    return versions;
}

void apply_one(Connection& connection, const std::string& quoted_schema,
               const Migration& migration) {
    connection.exec("BEGIN");
    try {
        connection.exec(in_schema(create_schema, quoted_schema));
        connection.exec(in_schema(create_migrations_table, quoted_schema));
        // Nothing of anyone else's can shadow a built-in, and an unqualified name is an error
        // rather than an object created in whatever schema comes first.
        connection.exec("SET LOCAL search_path TO ''");
        const std::string sql = migration_in_schema(migration.sql, quoted_schema);
        PGresult* result = PQexec(connection.raw(), sql.c_str());
        if (PQresultStatus(result) != PGRES_COMMAND_OK &&
            PQresultStatus(result) != PGRES_TUPLES_OK) {
            const char* position_text = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION);
            const std::size_t position = position_text ? std::stoul(position_text) : 0;
            const std::string message = one_line(PQresultErrorMessage(result));
            PQclear(result);
            throw DbError("migration schema/" + std::string(migration.name) + ":" +
                          std::to_string(line_of(sql, position)) + " failed: " + message +
                          " (statement: " + statement_at(sql, position) + ")");
        }
        PQclear(result);
        connection.exec(in_schema(record_migration, quoted_schema),
                        {std::to_string(migration.version), std::string(migration.name)},
                        "recording migration");
        connection.exec("COMMIT");
    } catch (...) {
        PQclear(PQexec(connection.raw(), "ROLLBACK"));
        throw;
    }
}

} // namespace

MigrationReport migrate(Connection& connection, const std::string& schema,
                        const std::vector<Migration>& migrations) {
    const std::string quoted_schema = connection.quote_identifier(schema);
    // Session lock: a second `--migrate` waits here, then finds nothing left to do.
    connection.exec("SELECT pg_advisory_lock($1, hashtext($2))",
                    {std::to_string(migration_lock_class), schema}, "taking the migration lock");
    MigrationReport report;
    try {
        const auto done = applied_versions(connection, quoted_schema);
        for (const auto& migration : migrations) {
            report.latest_version = std::max(report.latest_version, migration.version);
            if (done.count(migration.version)) {
                continue;
            }
            spdlog::info("applying migration schema/{} to schema {}", migration.name, schema);
            apply_one(connection, quoted_schema, migration);
            ++report.applied;
        }
    } catch (...) {
        // Best effort: the session lock also ends with the connection.
        PQclear(PQexec(connection.raw(), "SELECT pg_advisory_unlock_all()"));
        throw;
    }
    connection.exec("SELECT pg_advisory_unlock($1, hashtext($2))",
                    {std::to_string(migration_lock_class), schema}, "releasing the migration lock");
    return report;
}

} // namespace offimport::db
