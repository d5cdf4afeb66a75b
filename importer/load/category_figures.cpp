#include "load/category_figures.hpp"

#include "db/sql_template.hpp"

#include <chrono>
#include <spdlog/spdlog.h>

namespace offimport {

void refresh_category_figures(db::Connection& db, const std::string& quoted_schema) {
    const auto started = std::chrono::steady_clock::now();
    db.exec(db::in_schema("SELECT {schema}.refresh_category_figures()", quoted_schema),
            "merge: counting the categories for substitutes");
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    spdlog::debug("category figures for substitutes counted in {:.2f} s", took.count());
}

} // namespace offimport
