#include "load/catalogue_size.hpp"

#include "db/sql_template.hpp"

namespace offimport {
namespace {
constexpr const char* lock_not_available = "55P03";
}

std::optional<std::uint64_t> catalogue_size(db::Connection& db, const std::string& quoted_schema) {
    db.exec("SET lock_timeout = '2s'");
    std::optional<std::uint64_t> size;
    try {
        size = static_cast<std::uint64_t>(
            db.exec(db::in_schema("SELECT count(*) FROM {schema}.products WHERE removed_at IS NULL",
                                  quoted_schema),
                    "counting the products")
                .get_int(0, 0));
    } catch (const db::DbError& error) {
        if (error.sqlstate() != lock_not_available) {
            throw;
        }
    }
    db.exec("RESET lock_timeout");
    return size;
}

} // namespace offimport
