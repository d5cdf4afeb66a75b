#include "load/staging.hpp"

#include "normalise/product_row.hpp"

#include <spdlog/spdlog.h>
#include <string>

namespace offimport {

Staging::Staging(db::Connection& connection) : connection_(connection) {
    connection_.exec(
        std::string("CREATE TEMP TABLE ") + table +
            " ("
            "line_no bigint NOT NULL, code text COLLATE \"C\" NOT NULL, product_name text, "
            "generic_name text, brands text, quantity text, lang text, "
            "nutriscore_grade text, nova_group smallint, ecoscore_grade text, "
            "energy_kcal_100g double precision, fat_100g double precision, "
            "saturated_fat_100g double precision, carbohydrates_100g double "
            "precision, sugars_100g double precision, fiber_100g double precision, "
            "proteins_100g double precision, salt_100g double precision, "
            "sodium_100g double precision, categories_tags text[], "
            "countries_tags text[], labels_tags text[], stores text, image_url "
            "text, image_small_url text, created_t bigint, last_modified_t bigint, code_hash bigint"
            ") ON COMMIT DROP",
        "creating the staging table");
    start_copy();
}

void Staging::start_copy() {
    connection_.copy_start(std::string("COPY ") + table + " (" + staging_columns + ") FROM STDIN");
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
