#include "daemon/ledger/ledger_queries.hpp"

#include "db/connection.hpp"
#include "db/locks.hpp"
#include "load/catalogue_size.hpp"
#include "run/ledger.hpp"

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

// Before the first migration there is no ledger at all: that is "no runs yet", not an error.
bool has_ledger(db::Connection& connection, const Config& config) {
    return db::table_exists(connection, connection.quote_identifier(config.schema) + ".runs");
}

std::optional<double> optional_number(const db::Result& result, int row, int column) {
    if (result.is_null(row, column)) {
        return std::nullopt;
    }
    return std::stod(std::string(result.get(row, column)));
}

} // namespace

void check_database(const Config& config) {
    db::Connection connection(config.conninfo, "offimportd readiness");
    connection.exec("SELECT 1", "readiness probe");
}

LedgerSnapshot read_ledger_snapshot(const Config& config) {
    auto connection = connect(config);
    LedgerSnapshot snapshot;
    if (!has_ledger(connection, config)) {
        return snapshot;
    }
    const std::string schema = connection.quote_identifier(config.schema);
    const auto modes = connection.exec(
        std::string("SELECT mode, extract(epoch FROM max(finished_at) FILTER (WHERE ") +
            last_success_condition + ")), extract(epoch FROM max(finished_at)) FROM " + schema +
            ".runs WHERE status <> 'running' GROUP BY mode",
        "reading the last runs per mode");
    for (int row = 0; row < modes.rows(); ++row) {
        snapshot.modes[std::string(modes.get(row, 0))] = {optional_number(modes, row, 1),
                                                          optional_number(modes, row, 2)};
    }
    // Unknown while a first import holds the catalogue: its result sets the gauge when it ends.
    snapshot.catalogue_products = catalogue_size(connection, schema);
    return snapshot;
}

std::optional<std::string> import_lock_holder(const Config& config) {
    auto connection = connect(config);
    // Looked up in pg_locks, not tried: taking the lock even briefly could make a starting
    // `offimport` exit 75 for nothing.
    const auto held = connection.exec(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
        "database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND "
        "classid = $1::int4::oid AND objid = hashtext($2)::oid AND objsubid = 2)",
        {std::to_string(db::import_lock_class), config.schema}, "looking for the import lock");
    if (held.get(0, 0) != "t") {
        return std::nullopt;
    }
    if (!has_ledger(connection, config)) {
        return "another import holds the lock (it is starting up)";
    }
    Ledger ledger(connection, connection.quote_identifier(config.schema));
    return ledger.describe_running();
}

std::string last_runs_json(const Config& config, int count) {
    auto connection = connect(config);
    if (!has_ledger(connection, config)) {
        return "[]";
    }
    const auto runs = connection.exec(
        "SELECT coalesce(json_agg(r ORDER BY r.id DESC), '[]') FROM (SELECT id, mode, source, "
        "started_at, finished_at, status, inserted, updated, unchanged, deleted, rejected, "
        "duplicates, error FROM " +
            connection.quote_identifier(config.schema) + ".runs ORDER BY id DESC LIMIT $1) r",
        {std::to_string(count)}, "reading the last runs");
    return std::string(runs.get(0, 0));
}

} // namespace offimport::daemon
