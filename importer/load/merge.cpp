#include "load/merge.hpp"

#include "base/number_text.hpp"
#include "db/pg_array.hpp"
#include "db/sql_template.hpp"
#include "load/absent_products.hpp"
#include "load/change_feed.hpp"
#include "load/index_lookups.hpp"
#include "load/link_replacement.hpp"
#include "load/merge_sql.hpp"
#include "load/removal_guards.hpp"
#include "load/staging.hpp"

namespace offimport {
namespace {

constexpr const char* remove_staged_duplicates = R"(
WITH ranked AS (
     SELECT ctid, row_number() OVER (PARTITION BY code
                                     ORDER BY last_modified_t DESC NULLS LAST, line_no DESC) AS rank
       FROM {staging}
      WHERE code_hash = ANY ($1::bigint[]))
DELETE FROM {staging} s USING ranked r WHERE s.ctid = r.ctid AND r.rank > 1)";

// Leaves one row per code in staging: the greatest last_modified_t wins, a tie goes to the
// later line. Only the rows whose code hash repeats are ranked (one scan of staging instead of
// grouping every code: 150 ms -> 40 ms for 47,000 products). Returns the number of rows
// removed.
std::uint64_t remove_duplicates(db::Connection& db, const MergeSql& sql,
                                const std::vector<std::uint64_t>& hashes) {
    if (hashes.empty()) {
        return 0;
    }
    db::PgArray hash_array;
    for (const auto hash : hashes) {
        hash_array.add(static_cast<std::int64_t>(hash)); // bigint, as staged
    }
    return static_cast<std::uint64_t>(db.exec(sql(remove_staged_duplicates),
                                              db::Params{hash_array.text()},
                                              "merge: removing duplicate codes")
                                          .affected_rows());
}

constexpr const char* analyse_staged_codes = "ANALYZE {staging} (code)";

// Gives the planner the size of the staged set and the spread of its codes before the joins
// with a non-empty catalogue. The code is the only column it needs, and a sample of 3,000
// rows describes a key that is unique after dedupe as well as 30,000 do, at a tenth of the
// cost (120 ms -> 12 ms for 47,000 products).
void analyse_staging(db::Connection& db, const MergeSql& sql) {
    db.exec("SET LOCAL default_statistics_target = 10");
    db.exec(sql(analyse_staged_codes), "merge: analysing staged products");
}

constexpr const char* update_changed_products = R"(
WITH changed AS (
     UPDATE {schema}.products p
        SET {set_new_values}, removed_at = NULL
       FROM (SELECT i.*, o.categories_tags AS old_categories,
                    o.removed_at IS NOT NULL AS was_removed,
                    o.nutriscore_grade AS old_nutriscore, o.nova_group AS old_nova
               FROM {incoming}
               JOIN {schema}.products o ON o.code = i.code
              WHERE ({old_values}) IS DISTINCT FROM ({new_values})
                 OR o.removed_at IS NOT NULL) c
      WHERE p.code = c.code
  RETURNING p.code, p.categories_tags, c.old_categories, c.was_removed,
            c.old_nutriscore, c.old_nova, p.nutriscore_grade, p.nova_group),
     recategorised AS (
     INSERT INTO offimport_touched
     SELECT code, categories_tags, false FROM changed
      WHERE categories_tags IS DISTINCT FROM old_categories),
     changes AS (
     SELECT code, CASE WHEN was_removed THEN 'returned' ELSE 'updated' END AS change,
            old_nutriscore AS nutriscore_before, nutriscore_grade AS nutriscore_after,
            old_nova AS nova_before, nova_group AS nova_after
       FROM changed),
     {recorded_changes}
SELECT count(*), count(*) FILTER (WHERE was_removed) FROM changed)";

// Rewrites the products whose content differs, and brings back those marked removed that the
// dump has again; counts both, and the latter apart. Those whose categories changed go to the
// change list for relinking; the others keep their links untouched (at 3.7 million products,
// looking up the links of every changed product took 20 s). Each is a row of the change feed.
void update_changed(db::Connection& db, const MergeSql& sql, const ChangeFeed& feed,
                    MergeCounts& counts) {
    const auto result = db.exec(sql(update_changed_products), change_feed_params(feed),
                                "merge: updating changed products");
    counts.updated = static_cast<std::uint64_t>(result.get_int(0, 0));
    counts.returned = static_cast<std::uint64_t>(result.get_int(0, 1));
}

constexpr const char* insert_new_products = R"(
WITH added AS (
     INSERT INTO {schema}.products (code, {columns})
     SELECT i.code, {new_values} FROM {incoming}
      WHERE NOT EXISTS (SELECT 1 FROM {schema}.products p WHERE p.code = i.code)
      ORDER BY i.code
  RETURNING code, categories_tags, nutriscore_grade, nova_group),
     touched AS (
     INSERT INTO offimport_touched SELECT code, categories_tags, true FROM added),
     changes AS (
     SELECT code, 'inserted' AS change, NULL::text AS nutriscore_before,
            nutriscore_grade AS nutriscore_after, NULL::smallint AS nova_before,
            nova_group AS nova_after
       FROM added),
     {recorded_changes}
SELECT count(*) FROM added)";

std::uint64_t insert_new(db::Connection& db, const MergeSql& sql, const ChangeFeed& feed) {
    return static_cast<std::uint64_t>(
        db.exec(sql(insert_new_products), change_feed_params(feed), "merge: inserting new products")
            .get_int(0, 0));
}

constexpr const char* unlink_recategorised = R"(
DELETE FROM {schema}.product_categories pc USING offimport_touched t
 WHERE pc.product_code = t.code AND NOT t.is_new)";

// Links the touched products: new ones, and changed ones whose categories changed (a product
// changed otherwise keeps its links untouched).
void relink_touched(db::Connection& db, const std::string& s) {
    list_wanted_links(db, s, "offimport_touched t");
    replace_links(db, s, unlink_recategorised);
}

constexpr const char* create_change_list = R"(
CREATE TEMP TABLE offimport_touched (
    code            text COLLATE "C" PRIMARY KEY,
    categories_tags text[],
    is_new          boolean NOT NULL
) ON COMMIT DROP)";

// Later imports: only what differs is written; absent products go when asked.
void merge_into_catalogue(db::Connection& db, const MergeSql& sql, const MergeSettings& settings,
                          std::uint64_t to_delete, bool few, MergeCounts& counts) {
    analyse_staging(db, sql);
    db.exec(create_change_list, "merge: creating the change list");
    with_index_lookups(db, few, [&] {
        update_changed(db, sql, settings.changes, counts);
        counts.inserted = insert_new(db, sql, settings.changes);
    });
    if (to_delete > 0) {
        with_index_lookups(db, few_staged(to_delete, settings.census.present),
                           [&] { counts.deleted = remove_absent(db, sql, settings); });
    }
    db.exec("ANALYZE offimport_touched", "merge: analysing the change list");
    relink_touched(db, sql.schema());
}

} // namespace

void set_whole_dump_session(db::Connection& db) {
    db.exec("SET LOCAL work_mem = '64MB'"); // hash joins and aggregates of a whole dump
    // Each statement here runs once over the whole dump: compiling it costs more than it saves
    // (the category links of 2,400 changed products: 216 ms with JIT, 20 ms without).
    db.exec("SET LOCAL jit = off");
}

MergeCounts merge_staging(db::Connection& db, const MergeSettings& settings,
                          const StagedSet& staged_set) {
    const std::string& s = settings.quoted_schema;
    const MergeSql sql(settings.columns, s);
    MergeCounts counts;
    set_whole_dump_session(db);
    counts.duplicates = remove_duplicates(db, sql, staged_set.repeated_code_hashes);
    // Against the products present.
    const bool few = few_staged(staged_set.rows, settings.census.present);
    KnownDuplicates known_duplicates;
    if (settings.known && settings.known->size() > 0) {
        with_index_lookups(
            db, few, [&] { known_duplicates = resolve_known_duplicates(db, s, *settings.known); });
    }
    const std::uint64_t staged = staged_set.rows - counts.duplicates -
                                 (known_duplicates.pairs - known_duplicates.staged_wins);
    counts.duplicates += known_duplicates.pairs + staged_set.known_repeats;
    const std::uint64_t current = settings.census.present;
    std::uint64_t to_delete = 0;
    if (settings.delete_absent) {
        to_delete = list_absent(db, sql, settings, current);
    }
    merge_into_catalogue(db, sql, settings, to_delete, few, counts);
    if (counts.deleted > 0) {
        with_index_lookups(db, few_staged(counts.deleted, current),
                           [&] { forget_absent_fingerprints(db, s); });
    }
    update_fingerprints(db, s, settings.fingerprints);
    counts.unchanged =
        staged - counts.updated - counts.inserted + staged_set.known - known_duplicates.staged_wins;
    counts.catalogue = current + counts.inserted + counts.returned - counts.deleted;
    return counts;
}

} // namespace offimport
