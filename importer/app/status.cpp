#include "app/status.hpp"

#include "programs/status_json.hpp"
#include "base/errors.hpp"
#include "base/number_text.hpp"
#include "db/connection.hpp"
#include "ledger/ledger_reads.hpp"
#include "load/catalogue_size.hpp"
#include "load/extra_column_choice.hpp"

#include <iomanip>

namespace offimport {
namespace {

constexpr int runs_shown = 10;

void print_runs(db::Connection& db, const std::string& schema, std::ostream& out) {
    const auto runs = recent_runs(db, schema, runs_shown);
    out << "Last runs:\n";
    if (runs.empty()) {
        out << "  none yet\n";
    }
    for (const RunLine& run : runs) {
        out << "  run " << run.id << "  " << run.mode << "  " << std::left << std::setw(9)
            << run.status << "  " << run.started << "  " << run.seconds << " s  inserted "
            << grouped(run.inserted) << ", updated " << grouped(run.updated) << ", unchanged "
            << grouped(run.unchanged) << ", deleted " << grouped(run.deleted) << ", rejected "
            << grouped(run.rejected) << ", duplicates " << grouped(run.duplicates) << "\n";
        if (!run.error.empty()) {
            out << "      error: " << run.error << "\n";
        }
    }
}

std::string utc_time(std::optional<double> unix_seconds) {
    if (!unix_seconds) {
        return "never";
    }
    const auto seconds = static_cast<std::time_t>(*unix_seconds);
    char text[32];
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc); // as in the JSON
    return text;
}

// The staleness alert's "last success" (ledger/last_success.hpp), per mode.
void print_last_successes(db::Connection& db, const std::string& schema, std::ostream& out) {
    const auto histories = mode_histories(db, schema);
    out << "Last success (a whole source imported or found unchanged):";
    const char* separator = " ";
    for (const RunMode mode : all_run_modes) {
        const auto found = histories.find(mode);
        out << separator << to_string(mode) << " "
            << utc_time(found == histories.end() ? std::nullopt : found->second.last_success);
        separator = ", ";
    }
    out << "\n";
}

void print_sources(db::Connection& db, const std::string& schema, std::ostream& out) {
    const auto sources = source_lines(db, schema);
    out << "Sources:\n";
    if (sources.empty()) {
        out << "  none imported yet\n";
    }
    for (const SourceLine& source : sources) {
        out << "  " << source.source << "\n      ETag " << source.etag << ", Last-Modified "
            << source.last_modified << "\n      last success " << source.last_success
            << ", last failure " << source.last_failure << "\n";
    }
}

// What import.extra_columns did to products: each column, and whether imports fill it.
void print_extra_columns(db::Connection& db, const std::string& schema, std::ostream& out) {
    const auto columns = extra_column_lines(db, schema);
    out << "Extra columns (import.extra_columns):" << (columns.empty() ? " none\n" : "\n");
    for (const auto& column : columns) {
        out << "  " << column.name << " " << column.sql_type << ", added " << column.added_at
            << ", ";
        if (!column.chosen) {
            out << "no longer chosen: keeps its last values (drop: ALTER TABLE " << schema
                << ".products DROP COLUMN " << column.name << ")\n";
        } else {
            out << (column.filled_at.empty() ? "not filled yet: the next full import fills it"
                                             : "filled by the full import of " + column.filled_at)
                << "\n";
        }
    }
}

} // namespace

int print_status_json(const Config& config, std::ostream& out) {
    const CatalogueView view = read_catalogue_view(config, runs_shown);
    out << status_document_json(view, DaemonView{}) << "\n";
    return static_cast<int>(view.error ? ExitCode::failed : ExitCode::success);
}

int print_status(const Config& config, std::ostream& out) {
    db::Connection db(config.conninfo, "offimport status");
    const std::string schema = db.quote_identifier(config.schema);
    if (!ledger_exists(db, schema)) {
        out << "No catalogue in schema " << config.schema << " of " << db.describe()
            << " yet: run offimport --migrate, then --full 0.\n";
        return static_cast<int>(ExitCode::success);
    }
    const auto size = catalogue_size(db, schema);
    out << "Catalogue: "
        << (size ? grouped(*size) + " products"
                 : "being filled by a first import (locked until it commits; see the runs below)")
        << " in schema " << config.schema << " of " << db.describe() << "\n";
    out << "Watermark (newest last_modified_t applied; --delta continues from it): "
        << watermark_text(db, schema) << "\n";
    print_last_successes(db, schema, out);
    print_extra_columns(db, schema, out);
    print_runs(db, schema, out);
    print_sources(db, schema, out);
    return static_cast<int>(ExitCode::success);
}

} // namespace offimport
