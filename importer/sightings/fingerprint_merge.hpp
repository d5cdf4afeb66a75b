#pragma once

#include "db/connection.hpp"
#include "sightings/known_lines.hpp"

#include <cstdint>
#include <string>

namespace offimport {

// The merge's steps for line fingerprints (see KnownLines), inside the run's transaction.

// What became of staged products whose code the catalogue has from a line seen again in this
// run (the dump holds that code twice: a known line and another one).
struct KnownDuplicates {
    std::uint64_t pairs = 0;       // each is one duplicate
    std::uint64_t staged_wins = 0; // the staged copy is newer: the known line was no "unchanged"
};

// Resolves each such pair as duplicates are (greatest last_modified_t, then the later line):
// where the known line wins, the staged row is removed.
KnownDuplicates resolve_known_duplicates(db::Connection& db, const std::string& quoted_schema,
                                         const KnownLines& known);

// offimport_unseen(fingerprint): the known fingerprints not seen in this run.
void list_unseen_fingerprints(db::Connection& db, const KnownLines& known);

// What a run writes to the fingerprints of the products it staged.
enum class FingerprintUpdate {
    store, // a full import: each staged product's line
    clear  // a delta: its lines are not the dump's, so the next full import reads them
};
void update_fingerprints(db::Connection& db, const std::string& quoted_schema,
                         FingerprintUpdate update);

// The products of offimport_absent (deleted or marked removed) have no line any more.
void forget_absent_fingerprints(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
