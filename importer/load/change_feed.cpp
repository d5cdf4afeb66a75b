#include "load/change_feed.hpp"

#include "db/sql_template.hpp"

namespace offimport {
namespace {

constexpr const char* record_changes = R"(recorded AS (
     INSERT INTO {schema}.product_changes AS f
            (run_id, code, change, nutriscore_before, nutriscore_after, nova_before, nova_after)
     SELECT $1::bigint, code, change, nutriscore_before, nutriscore_after, nova_before, nova_after
       FROM changes
      WHERE $2::boolean
         ON CONFLICT (run_id, code) DO UPDATE
        SET nutriscore_after = excluded.nutriscore_after, nova_after = excluded.nova_after))";

// The kept runs are the newest successful ones; a run that failed or was skipped wrote nothing.
constexpr const char* delete_old_changes = R"(
DELETE FROM {schema}.product_changes
 WHERE run_id < (SELECT coalesce(min(id), 9223372036854775807)
                   FROM (SELECT id FROM {schema}.runs
                          WHERE status = 'succeeded' OR id = $1
                          ORDER BY id DESC
                          LIMIT $2) kept))";

} // namespace

std::string recorded_changes(std::string_view quoted_schema) {
    return db::in_schema(record_changes, quoted_schema);
}

db::Params change_feed_params(const ChangeFeed& feed) {
    return {std::to_string(feed.run_id), feed.record ? "true" : "false"};
}

std::uint64_t prune_change_feed(db::Connection& db, const std::string& quoted_schema,
                                std::int64_t run_id, int keep_runs) {
    return static_cast<std::uint64_t>(
        db.exec(db::in_schema(delete_old_changes, quoted_schema),
                db::Params{std::to_string(run_id), std::to_string(keep_runs)},
                "pruning the change feed")
            .affected_rows());
}

} // namespace offimport
