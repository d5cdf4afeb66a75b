#include "sightings/fingerprint_merge.hpp"

#include "catalogue/product_columns.hpp"
#include "db/pg_array.hpp"
#include "db/sql_template.hpp"

#include <charconv>
#include <optional>

namespace offimport {
namespace {

// Staged products the catalogue has from a known line, with what ranks the two copies.
constexpr const char* staged_known_products = R"(
SELECT s.code, f.fingerprint, s.last_modified_t, s.line_no,
       extract(epoch FROM p.last_modified_at)::bigint
  FROM {staging} s
  JOIN {schema}.line_fingerprints f ON f.code = s.code
  JOIN {schema}.products p ON p.code = s.code
 WHERE f.fingerprint <> 0)";

constexpr const char* remove_outranked = "DELETE FROM {staging} WHERE code = ANY ($1::text[])";

// A copy's rank among duplicates: a last_modified_t beats none, a greater one wins, then the
// later line.
struct Rank {
    std::optional<std::int64_t> last_modified;
    std::uint64_t line_no = 0;
    bool operator>(const Rank& other) const {
        if (last_modified.has_value() != other.last_modified.has_value()) {
            return last_modified.has_value();
        }
        if (last_modified && *last_modified != *other.last_modified) {
            return *last_modified > *other.last_modified;
        }
        return line_no > other.line_no;
    }
};

std::optional<std::int64_t> integer_or_null(const db::Result& rows, int row, int column) {
    if (rows.is_null(row, column)) {
        return std::nullopt;
    }
    return rows.get_int(row, column);
}

constexpr const char* create_unseen =
    "CREATE TEMP TABLE offimport_unseen (fingerprint bigint) ON COMMIT DROP";
constexpr const char* copy_unseen = "COPY offimport_unseen FROM STDIN";

// An UPDATE of the known codes, then an INSERT of the new ones, rather than one INSERT ... ON
// CONFLICT DO UPDATE, which WAL-logs a row lock for each row it updates (a replica's share of
// a weekly run: 4,800 lock records for 2,400 changed products). {fingerprint}: the staged
// line's, or 0 (a delta's lines are not the dump's).
constexpr const char* update_staged = R"(
UPDATE {schema}.line_fingerprints f SET fingerprint = {fingerprint}
  FROM {staging} s
 WHERE f.code = s.code AND f.fingerprint <> {fingerprint})";

constexpr const char* insert_staged = R"(
INSERT INTO {schema}.line_fingerprints (code, fingerprint)
SELECT s.code, {fingerprint} FROM {staging} s
 WHERE NOT EXISTS (SELECT 1 FROM {schema}.line_fingerprints f WHERE f.code = s.code))";

constexpr const char* forget_absent = R"(
DELETE FROM {schema}.line_fingerprints f USING offimport_absent a WHERE f.code = a.code)";

std::string fill(const char* statement, const std::string& quoted_schema) {
    const db::SqlName shared[] = {{"schema", quoted_schema}, {"staging", staging_table}};
    return db::fill_sql_from(statement, shared);
}

} // namespace

KnownDuplicates resolve_known_duplicates(db::Connection& db, const std::string& quoted_schema,
                                         const KnownLines& known) {
    KnownDuplicates result;
    const auto rows = db.exec(fill(staged_known_products, quoted_schema),
                              "merge: finding staged products also seen as known lines");
    db::PgArray outranked;
    for (int row = 0; row < rows.rows(); ++row) {
        const auto seen = known.seen_at(static_cast<std::uint64_t>(rows.get_int(row, 1)));
        if (!seen) {
            continue; // the catalogue's line is not in this dump: an ordinary change
        }
        ++result.pairs;
        const Rank staged{integer_or_null(rows, row, 2),
                          static_cast<std::uint64_t>(rows.get_int(row, 3))};
        const Rank catalogue{integer_or_null(rows, row, 4), *seen};
        if (catalogue > staged) {
            outranked.add(std::string(rows.get(row, 0)));
        } else {
            ++result.staged_wins;
        }
    }
    if (result.pairs > result.staged_wins) {
        db.exec(fill(remove_outranked, quoted_schema), db::Params{outranked.text()},
                "merge: removing staged copies older than a known line");
    }
    return result;
}

void list_unseen_fingerprints(db::Connection& db, const KnownLines& known) {
    db.exec(create_unseen, "merge: listing unseen fingerprints");
    db::CopyIn copy(db, copy_unseen, "offimport: listing unseen fingerprints failed");
    std::string rows;
    const auto flush = [&] {
        copy.send(rows);
        rows.clear();
    };
    for (const auto fingerprint : known.unseen()) {
        rows += std::to_string(static_cast<std::int64_t>(fingerprint));
        rows += '\n';
        if (rows.size() > (1u << 20)) {
            flush();
        }
    }
    flush();
    copy.end();
    db.exec("ANALYZE offimport_unseen", "merge: analysing unseen fingerprints");
}

void update_fingerprints(db::Connection& db, const std::string& quoted_schema,
                         FingerprintUpdate update) {
    const db::SqlName shared[] = {{"schema", quoted_schema}, {"staging", staging_table}};
    const std::string_view fingerprint =
        update == FingerprintUpdate::store ? "s.line_fingerprint" : "0";
    db.exec(db::fill_sql_from(update_staged, shared, {{"fingerprint", fingerprint}}),
            "merge: updating line fingerprints");
    db.exec(db::fill_sql_from(insert_staged, shared, {{"fingerprint", fingerprint}}),
            "merge: recording new line fingerprints");
}

void forget_absent_fingerprints(db::Connection& db, const std::string& quoted_schema) {
    db.exec(fill(forget_absent, quoted_schema),
            "merge: forgetting fingerprints of absent products");
}

} // namespace offimport
