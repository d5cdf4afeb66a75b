#pragma once

#include "db/connection.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace offimport {

// A run refused by a guard on removals (too many, or some an application's foreign key
// forbids); its transaction must be rolled back.
class ShrinkGuardError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The settings the guards on removals read.
struct RemovalGuard {
    std::string quoted_schema;
    double max_delete_ratio = 0.05;
    bool allow_shrink = false;
    bool mark_removed = false; // removed_at is set: no row goes, no foreign key is at stake
};

// The guards a full import applies before it removes the products its dump no longer has,
// listed in the temporary table offimport_absent (one column, code): `to_delete` of the
// `current` present products may go, within import.max_delete_ratio unless allow_shrink, and
// none that an application table's foreign key (NO ACTION or RESTRICT) still references.
// Throws ShrinkGuardError saying what to do. The import and its dry run both call it.
void check_removals(db::Connection& db, const RemovalGuard& guard, std::uint64_t current,
                    std::uint64_t to_delete);

} // namespace offimport
