#include "load/merge.hpp"

#include "base/number_text.hpp"
#include "db/pg_array.hpp"
#include "db/sql_template.hpp"
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

// In mark mode, products already marked are not listed again (they went at an earlier run);
// in delete mode they are ({list_removed}), so that switching from mark to delete deletes them.
constexpr const char* list_absent_products = R"(
CREATE TEMP TABLE offimport_absent ON COMMIT DROP AS
SELECT p.code FROM {schema}.products p
 WHERE ({list_removed} OR p.removed_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM {staging} i WHERE i.code = p.code))";

// With fingerprints, the products the dump no longer has are those whose known line was not
// seen (or that a delta wrote) and that were not staged, and in delete mode those marked
// removed before: the staging table is small, and no product is compared with it.
// The known lines are one semi-join and the 0s another: under one OR the planner guessed half
// the catalogue and hashed all its products (1.7 s for the 27,535 absent of the world dump).
constexpr const char* list_absent_by_fingerprint = R"(
CREATE TEMP TABLE offimport_absent ON COMMIT DROP AS
SELECT f.code FROM {schema}.line_fingerprints f
 WHERE f.fingerprint IN (SELECT fingerprint FROM offimport_unseen)
   AND EXISTS (SELECT 1 FROM {schema}.products p WHERE p.code = f.code)
   AND NOT EXISTS (SELECT 1 FROM {staging} i WHERE i.code = f.code)
UNION
SELECT f.code FROM {schema}.line_fingerprints f
 WHERE f.fingerprint = 0
   AND EXISTS (SELECT 1 FROM {schema}.products p WHERE p.code = f.code)
   AND NOT EXISTS (SELECT 1 FROM {staging} i WHERE i.code = f.code)
UNION
SELECT p.code FROM {schema}.products p
 WHERE {list_removed} AND p.removed_at IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM {staging} i WHERE i.code = p.code))";

RemovalGuard removal_guard(const MergeSettings& settings) {
    return {settings.quoted_schema, settings.max_delete_ratio, settings.allow_shrink,
            settings.mark_removed};
}

// Lists the catalogue's products that the dump no longer has (offimport_absent), once for the
// guards and the removal, and refuses to remove too many of them, or any that an application
// table still needs.
void check_shrink(db::Connection& db, const MergeSql& sql, const MergeSettings& settings,
                  std::uint64_t current, std::uint64_t& to_delete) {
    if (settings.known) {
        list_unseen_fingerprints(db, *settings.known);
    }
    // Without removed rows, the statement skips looking for them (a scan of the whole table
    // while the planner has no statistics yet, as after a first import).
    const bool list_removed =
        !settings.mark_removed && settings.census.rows > settings.census.present;
    const std::string listing =
        sql(settings.known ? list_absent_by_fingerprint : list_absent_products,
            {{"list_removed", list_removed ? "true" : "false"}});
    to_delete = static_cast<std::uint64_t>(
        db.exec(listing, "merge: listing absent products").affected_rows());
    db.exec("ANALYZE offimport_absent", "merge: analysing absent products");
    check_removals(db, removal_guard(settings), current, to_delete);
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

constexpr const char* unlink_absent_products = R"(
DELETE FROM {schema}.product_categories pc USING offimport_absent a
 WHERE pc.product_code = a.code)";

// {remove}: the statement that deletes or marks them, returning each one's code and grades.
constexpr const char* remove_absent_products = R"(
WITH removed AS ({remove}),
     changes AS (
     SELECT code, 'removed' AS change, nutriscore_grade AS nutriscore_before,
            NULL::text AS nutriscore_after, nova_group AS nova_before,
            NULL::smallint AS nova_after
       FROM removed),
     {recorded_changes}
SELECT count(*) FROM removed)";

constexpr const char* delete_absent_products = R"(
DELETE FROM {schema}.products p USING offimport_absent a WHERE p.code = a.code
RETURNING p.code, p.nutriscore_grade, p.nova_group)";

// import.removed_products = "mark": the rows and their links stay.
constexpr const char* mark_absent_products = R"(
UPDATE {schema}.products p SET removed_at = now() FROM offimport_absent a WHERE p.code = a.code
RETURNING p.code, p.nutriscore_grade, p.nova_group)";

// Deletes the absent products (with their links), or marks them removed; each is a row of the
// change feed.
std::uint64_t remove_absent(db::Connection& db, const MergeSql& sql,
                            const MergeSettings& settings) {
    if (!settings.mark_removed) {
        db.exec(sql(unlink_absent_products), "merge: unlinking absent products");
    }
    const std::string remove =
        sql(settings.mark_removed ? mark_absent_products : delete_absent_products);
    return static_cast<std::uint64_t>(db.exec(sql(remove_absent_products, {{"remove", remove}}),
                                              change_feed_params(settings.changes),
                                              settings.mark_removed
                                                  ? "merge: marking absent products removed"
                                                  : "merge: deleting absent products")
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
        check_shrink(db, sql, settings, current, to_delete);
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
