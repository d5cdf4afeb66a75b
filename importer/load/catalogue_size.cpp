#include "load/catalogue_size.hpp"

#include "db/sql_template.hpp"

namespace offimport {
namespace {
constexpr const char* lock_not_available = "55P03";
constexpr const char* count_statement =
    "SELECT count(*), count(*) FILTER (WHERE removed_at IS NULL) FROM {schema}.products";
} // namespace

ProductCensus count_products(db::Connection& db, const std::string& quoted_schema) {
    const auto counts =
        db.exec(db::in_schema(count_statement, quoted_schema), "counting the products");
    return {static_cast<std::uint64_t>(counts.get_int(0, 0)),
            static_cast<std::uint64_t>(counts.get_int(0, 1))};
}

std::optional<std::uint64_t> catalogue_size(db::Connection& db, const std::string& quoted_schema) {
    db.exec("SET lock_timeout = '2s'");
    std::optional<std::uint64_t> size;
    try {
        size = count_products(db, quoted_schema).present;
    } catch (const db::DbError& error) {
        if (error.sqlstate() != lock_not_available) {
            throw;
        }
    }
    db.exec("RESET lock_timeout");
    return size;
}

} // namespace offimport
