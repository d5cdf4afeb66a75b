#include "programs/status_json.hpp"

#include "base/json_writer.hpp"
#include "base/version.hpp"
#include "db/connection.hpp"
#include "db/sql_template.hpp"
#include "ledger/ledger_reads.hpp"
#include "load/catalogue_size.hpp"
#include "load/extra_column_choice.hpp"
#include "log/logging.hpp"

namespace offimport {
namespace {

std::string optional_text(const std::string& text, const char* none) {
    return text.empty() || text == none ? "null" : json_string(text);
}

std::string unix_time_json(std::optional<double> unix_seconds) {
    if (!unix_seconds) {
        return "null";
    }
    return json_time(std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::duration<double>(*unix_seconds))));
}

std::string last_success_json(db::Connection& db, const std::string& schema) {
    const auto histories = mode_histories(db, schema);
    JsonObject object;
    for (const RunMode mode : all_run_modes) {
        const auto found = histories.find(mode);
        object.raw(
            to_string(mode),
            unix_time_json(found == histories.end() ? std::nullopt : found->second.last_success));
    }
    return object.str();
}

std::string extra_columns_json(db::Connection& db, const std::string& schema) {
    std::string out = "[";
    for (const auto& column : extra_column_lines(db, schema)) {
        out += out.size() > 1 ? "," : "";
        out += JsonObject()
                   .text("name", column.name)
                   .text("type", column.sql_type)
                   .text("added_at", column.added_at)
                   .raw("filled_at", optional_text(column.filled_at, ""))
                   .boolean("chosen", column.chosen)
                   .str();
    }
    return out + "]";
}

std::string sources_json(db::Connection& db, const std::string& schema) {
    std::string out = "[";
    for (const auto& source : source_lines(db, schema)) {
        out += out.size() > 1 ? "," : "";
        out += JsonObject()
                   .text("source", source.source)
                   .raw("etag", optional_text(source.etag, "-"))
                   .raw("last_modified", optional_text(source.last_modified, "-"))
                   .raw("last_success_at", optional_text(source.last_success, "-"))
                   .str();
    }
    return out + "]";
}

std::string catalogue_json(db::Connection& db, const Config& config, const std::string& schema) {
    const auto products = catalogue_size(db, schema);
    const auto watermark = db.exec(
        db::in_schema("SELECT max(watermark)::float8 FROM {schema}.catalogue_state", schema),
        "reading the watermark");
    return JsonObject()
        .text("schema", config.schema)
        .raw("products", products ? std::to_string(*products) : "null")
        .raw("watermark", unix_time_json(watermark.is_null(0, 0)
                                             ? std::nullopt
                                             : std::optional<double>(
                                                   std::stod(std::string(watermark.get(0, 0))))))
        .raw("last_success", last_success_json(db, schema))
        .raw("extra_columns", extra_columns_json(db, schema))
        .raw("sources", sources_json(db, schema))
        .str();
}

} // namespace

CatalogueView read_catalogue_view(const Config& config, int runs) {
    CatalogueView view;
    try {
        // A status reader must not hang on a stuck server.
        db::Connection db(config.conninfo, "offimport status");
        db.exec("SET statement_timeout = '5s'", "setting the status's statement timeout");
        db.exec("SET TIME ZONE 'UTC'", "setting the status's time zone");
        const std::string schema = db.quote_identifier(config.schema);
        if (!ledger_exists(db, schema)) {
            view.last_runs = "[]";
            return view;
        }
        view.catalogue = catalogue_json(db, config, schema);
        view.last_runs = recent_runs_json(db, schema, runs);
    } catch (const std::exception& error) {
        view.catalogue = "null";
        view.last_runs = "null";
        view.error = mask_secrets(error.what());
    }
    return view;
}

std::string status_document_json(const CatalogueView& catalogue, const DaemonView& daemon) {
    JsonObject database;
    database.boolean("ready", !catalogue.error);
    if (catalogue.error) {
        database.text("error", *catalogue.error);
    }
    return JsonObject()
        .text("version", version())
        .raw("time_zone", daemon.time_zone)
        .raw("schedules", daemon.schedules)
        .raw("next_run", daemon.next_run)
        .raw("running", daemon.running)
        .raw("recent", daemon.recent)
        .raw("catalogue", catalogue.catalogue)
        .raw("last_runs", catalogue.last_runs)
        .raw("database", database.str())
        .raw("refresh_over_http", daemon.refresh_over_http)
        .str();
}

} // namespace offimport
