#pragma once

#include "db/connection.hpp"
#include "load/merge.hpp"
#include "load/merge_sql.hpp"

#include <cstdint>

namespace offimport {

// The products of the catalogue that a whole dump no longer has, inside the merge's
// transaction.

// Lists them (the temporary table offimport_absent), once for the guards and the removal, and
// refuses to remove too many of them, or any that an application table still needs
// (load/removal_guards.hpp). `current`: the products present. Returns how many are absent.
std::uint64_t list_absent(db::Connection& db, const MergeSql& sql, const MergeSettings& settings,
                          std::uint64_t current);

// Deletes the listed products (with their category links), or marks them removed under
// import.removed_products = "mark"; each is a row of the change feed. Returns how many.
std::uint64_t remove_absent(db::Connection& db, const MergeSql& sql, const MergeSettings& settings);

} // namespace offimport
