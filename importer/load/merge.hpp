#pragma once

#include "db/connection.hpp"
#include "load/catalogue_size.hpp"
#include "load/change_feed.hpp"
#include "load/removal_guards.hpp"
#include "normalise/row_columns.hpp"
#include "sightings/fingerprint_merge.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace offimport {

struct MergeSettings {
    std::string quoted_schema;
    std::string schema_name;    // unquoted, for catalog lookups
    bool delete_absent = false; // a full import of the whole dump
    double max_delete_ratio = 0.05;
    bool allow_shrink = false;
    bool mark_removed = false; // import.removed_products = "mark": removed_at instead of DELETE
    ProductColumnSet columns;  // the run's: those staged, compared and written
    // Set when the run skipped the lines the catalogue knew (KnownLines): those products were
    // not staged, and the absent ones are the known lines not seen.
    const KnownLines* known = nullptr;
    FingerprintUpdate fingerprints = FingerprintUpdate::store;
    // The catalogue's products, counted at the start of the run's transaction: those present
    // are the shrink guard's base and the summary's catalogue size.
    ProductCensus census;
    ChangeFeed changes; // each product written is a row of it
};

struct MergeCounts {
    std::uint64_t inserted = 0;
    std::uint64_t updated = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t deleted = 0;  // deleted, or marked removed
    std::uint64_t returned = 0; // marked removed before, in the dump again (counted as updated)
    std::uint64_t duplicates = 0;
    std::uint64_t catalogue = 0; // products after the merge
};

// What was staged: the row count and the code hashes seen more than once (CodeSightings).
struct StagedSet {
    std::uint64_t rows = 0;
    std::vector<std::uint64_t> repeated_code_hashes;
    std::uint64_t known = 0;         // lines skipped as known: products unchanged
    std::uint64_t known_repeats = 0; // identical copies of those: duplicates
};

// Merges the staging table into the live tables inside the caller's transaction: the newest
// copy of each code wins; new products are inserted, changed ones updated, unchanged ones left
// alone, absent ones deleted when asked (within max_delete_ratio unless allow_shrink);
// categories and product_categories follow.
MergeCounts merge_staging(db::Connection& db, const MergeSettings& settings,
                          const StagedSet& staged_set);

// The session's settings for statements that run once over the whole dump, for the rest of the
// transaction.
void set_whole_dump_session(db::Connection& db);

} // namespace offimport
