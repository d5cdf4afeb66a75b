#include "ledger/ledger_reads.hpp"

#include "ledger/ledger_sql.hpp"

namespace offimport {
namespace {

constexpr const char* select_recent_runs = R"(
SELECT id, mode, status, to_char(started_at AT TIME ZONE 'UTC', {time_format}),
       coalesce(round(extract(epoch FROM finished_at - started_at), 1)::text, '-'),
       inserted, updated, unchanged, deleted, rejected, duplicates, coalesce(error, '')
  FROM {schema}.runs
 ORDER BY id DESC
 LIMIT $1)";

constexpr const char* select_recent_runs_json = R"(
SELECT coalesce(json_agg(r ORDER BY r.id DESC), '[]')
  FROM (SELECT id, mode, source, to_char(started_at AT TIME ZONE 'UTC', {time_format}) AS started_at,
               to_char(finished_at AT TIME ZONE 'UTC', {time_format}) AS finished_at, status,
               inserted, updated, unchanged, deleted, rejected, duplicates, error
          FROM {schema}.runs
         ORDER BY id DESC
         LIMIT $1) r)";

constexpr const char* select_sources = R"(
SELECT s.source, coalesce(s.etag, '-'), coalesce(s.last_modified, '-'),
       coalesce(to_char(s.last_success_at AT TIME ZONE 'UTC', {time_format}), '-'),
       coalesce((SELECT to_char(r.started_at AT TIME ZONE 'UTC', {time_format}) || ' ' ||
                        coalesce(r.error, '')
                   FROM {schema}.runs r
                  WHERE r.source = s.source AND r.status = {failed}
                  ORDER BY r.id DESC
                  LIMIT 1), '-')
  FROM {schema}.source_state s
 ORDER BY s.source)";

constexpr const char* select_watermark_text = R"(
SELECT coalesce(to_char(to_timestamp(max(watermark)) AT TIME ZONE 'UTC', {time_format}),
                'none (no full import yet)')
  FROM {schema}.catalogue_state)";

constexpr const char* select_mode_histories = R"(
SELECT mode, extract(epoch FROM max(finished_at) FILTER (WHERE {last_success})),
       extract(epoch FROM max(finished_at))
  FROM {schema}.runs
 WHERE status <> {running}
 GROUP BY mode)";

std::optional<double> optional_number(const db::Result& result, int row, int column) {
    if (result.is_null(row, column)) {
        return std::nullopt;
    }
    return std::stod(std::string(result.get(row, column)));
}

} // namespace

bool ledger_exists(db::Connection& db, const std::string& quoted_schema) {
    return db::table_exists(db, quoted_schema + ".runs");
}

std::vector<RunLine> recent_runs(db::Connection& db, const std::string& quoted_schema, int count) {
    const auto rows = db.exec(ledger_sql(select_recent_runs, quoted_schema),
                              {std::to_string(count)}, "reading the runs");
    std::vector<RunLine> runs;
    for (int r = 0; r < rows.rows(); ++r) {
        auto at = [&](int column) { return std::string(rows.get(r, column)); };
        auto number = [&](int column) {
            return static_cast<std::uint64_t>(rows.get_int(r, column));
        };
        runs.push_back({at(0), at(1), at(2), at(3), at(4), number(5), number(6), number(7),
                        number(8), number(9), number(10), at(11)});
    }
    return runs;
}

std::string recent_runs_json(db::Connection& db, const std::string& quoted_schema, int count) {
    return std::string(db.exec(ledger_sql(select_recent_runs_json, quoted_schema),
                               {std::to_string(count)}, "reading the last runs")
                           .get(0, 0));
}

std::vector<SourceLine> source_lines(db::Connection& db, const std::string& quoted_schema) {
    const auto rows =
        db.exec(ledger_sql(select_sources, quoted_schema), "reading the source state");
    std::vector<SourceLine> sources;
    for (int r = 0; r < rows.rows(); ++r) {
        auto at = [&](int column) { return std::string(rows.get(r, column)); };
        sources.push_back({at(0), at(1), at(2), at(3), at(4)});
    }
    return sources;
}

std::string watermark_text(db::Connection& db, const std::string& quoted_schema) {
    return std::string(
        db.exec(ledger_sql(select_watermark_text, quoted_schema), "reading the watermark")
            .get(0, 0));
}

std::map<RunMode, ModeHistory> mode_histories(db::Connection& db,
                                              const std::string& quoted_schema) {
    const auto rows =
        db.exec(ledger_sql(select_mode_histories, quoted_schema), "reading the last runs per mode");
    std::map<RunMode, ModeHistory> histories;
    for (int row = 0; row < rows.rows(); ++row) {
        if (const auto mode = parse_run_mode(rows.get(row, 0))) {
            histories[*mode] = {optional_number(rows, row, 1), optional_number(rows, row, 2)};
        }
    }
    return histories;
}

} // namespace offimport
