#pragma once

#include "config/config.hpp"
#include "ledger/ledger_reads.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace offimport::daemon {

// What the daemon reads from the database, each call on its own short connection with a
// statement timeout (PostgreSQL may come and go while the daemon lives). Blocking: call them
// on the database pool. The statements are the ledger's (ledger/ledger_reads.hpp).

// `SELECT 1`; throws db::DbError when the database does not answer.
void check_database(const Config& config);

struct LedgerSnapshot {
    std::map<RunMode, ModeHistory> modes; // empty before the first run
    std::optional<std::uint64_t> catalogue_products;
};

LedgerSnapshot read_ledger_snapshot(const Config& config);

// Who holds the import lock when another process does (the importer's own description of the
// running run), else nullopt. Only a hint: the lock may be taken a moment later.
std::optional<std::string> import_lock_holder(const Config& config);

} // namespace offimport::daemon
