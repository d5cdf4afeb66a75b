#pragma once

#include "db/connection.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace offimport {

// The change feed (schema/009_product_changes.sql): what a run records of the products it
// writes, in its own transaction.
struct ChangeFeed {
    std::int64_t run_id = 0;
    bool record = false; // import.keep_changes_runs > 0
};

// A CTE named `recorded` for a merge statement that has a CTE `changes` (code, change,
// nutriscore_before, nutriscore_after, nova_before, nova_after): writes those rows as the run's
// changes when the feed records. The statement's parameters are then change_feed_params().
// A product written twice in one run (a delta's files) keeps its first change and "before",
// and takes the later "after".
std::string recorded_changes(std::string_view quoted_schema);
db::Params change_feed_params(const ChangeFeed& feed);

// Deletes the change rows of runs older than the last `keep_runs` successful ones, the run
// `run_id` counted among them (it has not succeeded yet: it commits with this). keep_runs 0
// deletes them all. Returns the rows deleted.
std::uint64_t prune_change_feed(db::Connection& db, const std::string& quoted_schema,
                                std::int64_t run_id, int keep_runs);

} // namespace offimport
