#include "load/link_replacement.hpp"

#include "db/sql_template.hpp"

namespace offimport {
namespace {

constexpr const char* add_new_categories = R"(
INSERT INTO {schema}.categories (tag)
SELECT DISTINCT u.tag FROM {linked}, unnest(t.categories_tags) AS u(tag)
 ORDER BY 1
    ON CONFLICT (tag) DO NOTHING)";

constexpr const char* list_links = R"(
CREATE TEMP TABLE offimport_links ON COMMIT DROP AS
SELECT t.code AS product_code, c.id AS category_id, min(u.position)::integer AS position
  FROM {linked}
 CROSS JOIN LATERAL unnest(t.categories_tags) WITH ORDINALITY AS u(tag, position)
  JOIN {schema}.categories c ON c.tag = u.tag
 GROUP BY t.code, c.id)";

// In the primary key's order.
constexpr const char* insert_links = R"(
INSERT INTO {schema}.product_categories (product_code, category_id, position)
SELECT * FROM offimport_links ORDER BY 1, 2)";

} // namespace

void add_categories_of(db::Connection& db, const std::string& s, const std::string& linked,
                       const std::string& description) {
    db.exec(db::fill_sql(add_new_categories, {{"schema", s}, {"linked", linked}}), description);
}

void list_wanted_links(db::Connection& db, const std::string& s, const std::string& linked) {
    add_categories_of(db, s, linked, "merge: adding new categories");
    db.exec(db::fill_sql(list_links, {{"schema", s}, {"linked", linked}}),
            "merge: listing the category links products should have");
}

void replace_links(db::Connection& db, const std::string& s, const char* unlink) {
    db.exec(db::in_schema(unlink, s), "merge: unlinking products from their old categories");
    db.exec(db::in_schema(insert_links, s), "merge: linking products to their categories");
}

} // namespace offimport
