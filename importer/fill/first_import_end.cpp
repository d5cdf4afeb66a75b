#include "fill/first_import.hpp"
#include "load/index_lookups.hpp"
#include "load/link_replacement.hpp"
#include "load/merge_sql.hpp"

namespace offimport {
namespace {

// The later copies of each code a first import set aside (FirstImport), reduced to the one that
// wins among them: the greatest last_modified_at, then the later line.
constexpr const char* choose_repeat_winners = R"(
CREATE TEMP TABLE offimport_winners ON COMMIT DROP AS
SELECT DISTINCT ON (code) * FROM {repeats}
 ORDER BY code, last_modified_at DESC NULLS LAST, seq DESC)";

// Codes none of whose copies is in the catalogue: only a hash collision sets a code's first
// copy aside.
constexpr const char* count_new_winners = R"(
SELECT count(*) FROM offimport_winners w
 WHERE NOT EXISTS (SELECT 1 FROM {schema}.products p WHERE p.code = w.code))";

// The catalogue's copy came from an earlier line: it stays unless a copy set aside has a
// greater last_modified_at, or an equal one.
constexpr const char* drop_beaten_winners = R"(
DELETE FROM offimport_winners w USING {schema}.products p
 WHERE p.code = w.code AND p.last_modified_at IS NOT NULL
   AND (w.last_modified_at IS NULL OR w.last_modified_at < p.last_modified_at))";

constexpr const char* replace_by_winners = R"(
UPDATE {schema}.products p SET {set_new_values} FROM offimport_winners c WHERE p.code = c.code)";

constexpr const char* insert_new_winners = R"(
INSERT INTO {schema}.products (code, {columns})
SELECT code, {columns} FROM offimport_winners w
 WHERE NOT EXISTS (SELECT 1 FROM {schema}.products p WHERE p.code = w.code))";

constexpr const char* store_winner_fingerprints = R"(
INSERT INTO {schema}.line_fingerprints (code, fingerprint)
SELECT code, line_fingerprint FROM offimport_winners
    ON CONFLICT (code) DO UPDATE SET fingerprint = excluded.fingerprint)";

constexpr const char* unlink_winners = R"(
DELETE FROM {schema}.product_categories pc USING offimport_winners t
 WHERE pc.product_code = t.code)";

// Resolves the repeated codes of a first import, once the indexes are built: a winning copy
// replaces the catalogue's, with its fingerprint and links. Returns the codes it added.
std::uint64_t resolve_repeats(db::Connection& db, const MergeSql& sql) {
    const db::SqlName repeats{"repeats", FirstImport::repeats_table};
    // Tags only a losing copy has are categories all the same: the dump names them.
    add_categories_of(db, sql.schema(), std::string(FirstImport::repeats_table) + " t",
                      "merge: adding the categories of repeated codes");
    db.exec(sql(choose_repeat_winners, {repeats}), "merge: choosing among repeated codes");
    const auto added = static_cast<std::uint64_t>(
        db.exec(sql(count_new_winners), "merge: counting codes only repeats have").get_int(0, 0));
    db.exec(sql(drop_beaten_winners), "merge: keeping earlier copies that win");
    db.exec(sql(replace_by_winners), "merge: replacing products by later copies");
    db.exec(sql(insert_new_winners), "merge: inserting codes only repeats have");
    db.exec(sql(store_winner_fingerprints), "merge: storing the fingerprints of later copies");
    list_wanted_links(db, sql.schema(), "offimport_winners t");
    replace_links(db, sql.schema(), unlink_winners);
    return added;
}

// Statistics at once for what plans hinge on: each table's size, and the columns that the
// catalogue's indexes, the merge's joins and the application's filters use. The long texts and
// tag arrays (0.28 s of the products' 0.35 s at 47,000 products) are left to autovacuum: the
// rows this transaction wrote count as changes once it commits, so autovacuum analyses every
// table whole within minutes (measured: all 28 columns of off.products analysed 75 s later).
constexpr const char* analyse_catalogue = R"(
ANALYZE {schema}.products (code, nutriscore_grade, nova_group, ecoscore_grade, lang,
                           last_modified_at, removed_at),
        {schema}.product_categories, {schema}.line_fingerprints, {schema}.categories)";

} // namespace

MergeCounts FirstImport::merge(const MergeSettings& settings, const RunCounts& /*counts*/) {
    db::Connection& db = db_;
    set_whole_dump_session(db);
    const MergeSql sql(settings.columns, settings.quoted_schema);
    indexes_.rebuild(rows_, linker_.links_sent());
    MergeCounts counts;
    counts.inserted = rows_;
    if (repeats_ > 0) {
        // The repeats are a handful in a real dump: their links, among the 10 million of the
        // world's catalogue, are found by its keys (unlinking the 12 of the world dump: 0.9 s
        // with a hash join over every link, under a millisecond this way).
        std::uint64_t added = 0;
        with_index_lookups(db, few_staged(repeats_, rows_),
                           [&] { added = resolve_repeats(db, sql); });
        counts.inserted += added;
        counts.duplicates = repeats_ - added;
    }
    counts.catalogue = counts.inserted;
    // Statistics for the first catalogue as it commits, rather than when autovacuum comes by:
    // the application's first queries and the next import's merge are planned with them (without
    // them, a weekly run listed its absent products by hashing the whole products table,
    // expecting 1.3 million where 27,535 came: 1.9 s).
    db.exec(sql(analyse_catalogue), "merge: analysing the new catalogue");
    return counts;
}

} // namespace offimport
