#include "load/staging.hpp"

#include "db/sql_template.hpp"
#include "normalise/row_columns.hpp"

#include <spdlog/spdlog.h>
#include <string>

namespace offimport {

constexpr const char* create_staging = "CREATE TEMP TABLE {staging} ({columns}) ON COMMIT DROP";
constexpr const char* copy_into_staging = "COPY {staging} ({columns}) FROM STDIN";

Staging::Staging(db::Connection& connection, const ProductColumnSet& columns)
    : connection_(connection) {
    connection_.exec(
        db::fill_sql(create_staging, {{"staging", staging_table},
                                      {"columns", columns.staging_column_definitions()}}),
        "creating the staging table");
    copy_.emplace(connection_,
                  db::fill_sql(copy_into_staging, {{"staging", staging_table},
                                                   {"columns", columns.staging_column_list()}}),
                  "offimport: the run failed before the end of the data");
}

void Staging::send(std::string_view rows, std::uint64_t row_count) {
    if (!rows.empty()) {
        spdlog::trace("COPY: sending {} rows ({} bytes)", row_count, rows.size());
        copy_->send(rows);
        rows_ += row_count;
    }
}

void Staging::finish() {
    if (copy_) {
        copy_->end();
        copy_.reset();
    }
}

} // namespace offimport
