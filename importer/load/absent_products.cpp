#include "load/absent_products.hpp"

#include "load/change_feed.hpp"
#include "load/removal_guards.hpp"
#include "sightings/fingerprint_merge.hpp"

namespace offimport {
namespace {

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

} // namespace

std::uint64_t list_absent(db::Connection& db, const MergeSql& sql, const MergeSettings& settings,
                          std::uint64_t current) {
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
    const auto absent = static_cast<std::uint64_t>(
        db.exec(listing, "merge: listing absent products").affected_rows());
    db.exec("ANALYZE offimport_absent", "merge: analysing absent products");
    check_removals(db, removal_guard(settings), current, absent);
    return absent;
}

namespace {

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

} // namespace

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

} // namespace offimport
