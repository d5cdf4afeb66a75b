#pragma once

#include <string_view>
#include <vector>

namespace offimport::db {

class Connection;

// One numbered file of schema/, embedded at build time.
struct Migration {
    int version;
    std::string_view name; // file name, e.g. "001_catalogue.sql"
    std::string_view sql;
};

const std::vector<Migration>& embedded_migrations();

struct MigrationReport {
    int applied = 0; // migrations applied by this call
    int latest_version = 0;
};

// Applies the pending migrations in order, each in its own transaction together with its
// record in <schema>.schema_migrations. Concurrent callers wait for each other (advisory
// lock). A failing migration is rolled back; the error names the file, line and statement.
MigrationReport migrate(Connection& connection, const std::string& schema,
                        const std::vector<Migration>& migrations = embedded_migrations());

} // namespace offimport::db
