#include "load/staging.hpp"

#include "db/sql_template.hpp"
#include "normalise/product_columns.hpp"

#include <spdlog/spdlog.h>
#include <string>

namespace offimport {

Staging::Staging(db::Connection& connection) : connection_(connection) {
    static const std::string create =
        db::fill_sql("CREATE TEMP TABLE {staging} ({columns}) ON COMMIT DROP",
                     {{"staging", table}, {"columns", staging_column_definitions()}});
    connection_.exec(create, "creating the staging table");
    start_copy();
}

void Staging::start_copy() {
    static const std::string copy =
        db::fill_sql("COPY {staging} ({columns}) FROM STDIN",
                     {{"staging", table}, {"columns", staging_column_list()}});
    connection_.copy_start(copy);
    copying_ = true;
}

Staging::~Staging() {
    if (copying_) {
        connection_.copy_abort("offimport: the run failed before the end of the data");
    }
}

void Staging::send(std::string_view rows, std::uint64_t row_count) {
    if (!rows.empty()) {
        spdlog::trace("COPY: sending {} rows ({} bytes)", row_count, rows.size());
        connection_.copy_send(rows);
        rows_ += row_count;
    }
}

void Staging::finish() {
    if (copying_) {
        copying_ = false;
        connection_.copy_end();
    }
}

} // namespace offimport
