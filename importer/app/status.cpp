#include "app/status.hpp"

#include "base/errors.hpp"
#include "db/connection.hpp"
#include "load/catalogue_size.hpp"
#include "run/ledger.hpp"

#include <iomanip>

namespace offimport {
namespace {

void print_runs(db::Connection& db, const std::string& schema, std::ostream& out) {
    const auto rows = db.exec(
        "SELECT id, mode, status, to_char(started_at, 'YYYY-MM-DD HH24:MI:SS'), "
        "coalesce(round(extract(epoch FROM finished_at - started_at), 1)::text, '-'), "
        "inserted, updated, unchanged, deleted, rejected, duplicates, coalesce(error, '') FROM " +
            schema + ".runs ORDER BY id DESC LIMIT 10",
        "reading the runs");
    out << "Last runs:\n";
    if (rows.rows() == 0) {
        out << "  none yet\n";
    }
    for (int r = 0; r < rows.rows(); ++r) {
        out << "  run " << rows.get(r, 0) << "  " << rows.get(r, 1) << "  " << std::left
            << std::setw(9) << rows.get(r, 2) << "  " << rows.get(r, 3) << "  " << rows.get(r, 4)
            << " s  inserted " << rows.get(r, 5) << ", updated " << rows.get(r, 6) << ", unchanged "
            << rows.get(r, 7) << ", deleted " << rows.get(r, 8) << ", rejected " << rows.get(r, 9)
            << ", duplicates " << rows.get(r, 10) << "\n";
        if (!rows.get(r, 11).empty()) {
            out << "      error: " << rows.get(r, 11) << "\n";
        }
    }
}

// The staleness alert's "last success" (run/ledger.hpp), per mode.
void print_last_successes(db::Connection& db, const std::string& schema, std::ostream& out) {
    const auto rows =
        db.exec(std::string("SELECT m.mode, coalesce((SELECT to_char(max(finished_at), 'YYYY-MM-DD "
                            "HH24:MI:SS TZ') FROM ") +
                    schema + ".runs WHERE mode = m.mode AND " + last_success_condition +
                    "), 'never') FROM (VALUES ('full'), ('delta')) AS m (mode)",
                "reading the last successes");
    out << "Last success (a whole source imported or found unchanged):";
    for (int r = 0; r < rows.rows(); ++r) {
        out << (r == 0 ? " " : ", ") << rows.get(r, 0) << " " << rows.get(r, 1);
    }
    out << "\n";
}

void print_sources(db::Connection& db, const std::string& schema, std::ostream& out) {
    const auto rows =
        db.exec("SELECT s.source, coalesce(s.etag, '-'), coalesce(s.last_modified, '-'), "
                "coalesce(to_char(s.last_success_at, 'YYYY-MM-DD HH24:MI:SS'), '-'), "
                "coalesce((SELECT to_char(r.started_at, 'YYYY-MM-DD HH24:MI:SS') || ' ' || "
                "coalesce(r.error, '') FROM " +
                    schema +
                    ".runs r WHERE r.source = s.source AND r.status = 'failed' ORDER BY r.id DESC "
                    "LIMIT 1), '-') FROM " +
                    schema + ".source_state s ORDER BY s.source",
                "reading the source state");
    out << "Sources:\n";
    if (rows.rows() == 0) {
        out << "  none imported yet\n";
    }
    for (int r = 0; r < rows.rows(); ++r) {
        out << "  " << rows.get(r, 0) << "\n      ETag " << rows.get(r, 1) << ", Last-Modified "
            << rows.get(r, 2) << "\n      last success " << rows.get(r, 3) << ", last failure "
            << rows.get(r, 4) << "\n";
    }
}

} // namespace

int print_status(const Config& config, std::ostream& out) {
    db::Connection db(config.conninfo, "offimport status");
    const std::string schema = db.quote_identifier(config.schema);
    if (!db::table_exists(db, schema + ".runs")) {
        out << "No catalogue in schema " << config.schema << " of " << db.describe()
            << " yet: run offimport --migrate, then --full 0.\n";
        return static_cast<int>(ExitCode::success);
    }
    const auto size = catalogue_size(db, schema);
    out << "Catalogue: "
        << (size ? std::to_string(*size) + " products"
                 : "being filled by a first import (locked until it commits; see the runs below)")
        << " in schema " << config.schema << " of " << db.describe() << "\n";
    const auto watermark =
        db.exec("SELECT coalesce(to_char(to_timestamp(max(watermark)) AT TIME ZONE 'UTC', "
                "'YYYY-MM-DD HH24:MI:SS \"UTC\"'), 'none (no full import yet)') FROM " +
                schema + ".catalogue_state");
    out << "Watermark (newest last_modified_t applied; --delta continues from it): "
        << watermark.get(0, 0) << "\n";
    print_last_successes(db, schema, out);
    print_runs(db, schema, out);
    print_sources(db, schema, out);
    return static_cast<int>(ExitCode::success);
}

} // namespace offimport
