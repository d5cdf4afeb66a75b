#include "daemon/app/database_probes.hpp"

#include "db/connection.hpp"
#include "db/locks.hpp"
#include "ledger/ledger.hpp"
#include "load/catalogue_size.hpp"

namespace offimport::daemon {
namespace {

// A probe must not hang on a stuck server: the connection timeout is set in daemon_main
// (PGCONNECT_TIMEOUT), the statement timeout here.
db::Connection connect(const Config& config) {
    db::Connection connection(config.conninfo, "offimportd status");
    connection.exec("SET statement_timeout = '5s'", "setting the probe's statement timeout");
    connection.exec("SET TIME ZONE 'UTC'", "setting the probe's time zone");
    return connection;
}

// Looked up in pg_locks, not tried: taking the lock even briefly could make a starting
// `offimport` exit 75 for nothing.
constexpr const char* import_lock_held = R"(
SELECT EXISTS (SELECT 1 FROM pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND classid = $1::int4::oid AND objid = hashtext($2)::oid AND objsubid = 2))";

} // namespace

void check_database(const Config& config) {
    db::Connection connection(config.conninfo, "offimportd readiness");
    connection.exec("SELECT 1", "readiness probe");
}

LedgerSnapshot read_ledger_snapshot(const Config& config) {
    auto connection = connect(config);
    const std::string schema = connection.quote_identifier(config.schema);
    LedgerSnapshot snapshot;
    if (!ledger_exists(connection, schema)) {
        return snapshot;
    }
    snapshot.modes = mode_histories(connection, schema);
    // Unknown while a first import holds the catalogue: its result sets the gauge when it ends.
    snapshot.catalogue_products = catalogue_size(connection, schema);
    return snapshot;
}

std::optional<std::string> import_lock_holder(const Config& config) {
    auto connection = connect(config);
    const auto held =
        connection.exec(import_lock_held, {std::to_string(db::import_lock_class), config.schema},
                        "looking for the import lock");
    if (held.get(0, 0) != "t") {
        return std::nullopt;
    }
    const std::string schema = connection.quote_identifier(config.schema);
    if (!ledger_exists(connection, schema)) {
        return "another import holds the lock (it is starting up)";
    }
    return Ledger(connection, schema).describe_running();
}

} // namespace offimport::daemon
