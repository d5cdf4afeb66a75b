#include "load/removal_guards.hpp"

#include "base/number_text.hpp"
#include "db/sql_template.hpp"

namespace offimport {
namespace {

// Foreign keys of other tables that a DELETE of absent products (or of their category links)
// would violate: NO ACTION or RESTRICT ones. Each row gives the statement that counts the
// referencing rows that point at an absent product.
constexpr const char* blocking_foreign_keys = R"(
SELECT c.conname, c.conrelid::regclass::text,
       CASE WHEN c.confrelid = '{schema}.products'::regclass
            THEN format('SELECT count(*) FROM %s r JOIN offimport_absent a ON r.%I = a.code',
                        c.conrelid::regclass, ra.attname)
            ELSE format('SELECT count(*) FROM %s r JOIN {schema}.product_categories pc '
                        'ON r.%I = pc.%I JOIN offimport_absent a ON pc.product_code = a.code',
                        c.conrelid::regclass, ra.attname, fa.attname)
       END
  FROM pg_constraint c
  JOIN pg_attribute ra ON ra.attrelid = c.conrelid AND ra.attnum = c.conkey[1]
  JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
 WHERE c.contype = 'f' AND c.confdeltype IN ('a', 'r') AND cardinality(c.conkey) = 1
   AND c.confrelid IN ('{schema}.products'::regclass, '{schema}.product_categories'::regclass)
   AND c.conrelid NOT IN ('{schema}.products'::regclass, '{schema}.product_categories'::regclass)
 ORDER BY 1)";

// Deleting absent products must not break an application's table: when a foreign key that
// neither cascades nor sets NULL references one of them, the run stops here, before it has
// changed anything, and says how to fix it.
void check_application_references(db::Connection& db, const std::string& quoted_schema,
                                  std::uint64_t to_delete) {
    const auto keys = db.exec(db::in_schema(blocking_foreign_keys, quoted_schema),
                              "merge: looking for foreign keys of application tables");
    for (int row = 0; row < keys.rows(); ++row) {
        const auto referencing = db.exec(keys.get(row, 2), "merge: checking foreign key " +
                                                               std::string(keys.get(row, 0)))
                                     .get_int(0, 0);
        if (referencing == 0) {
            continue;
        }
        const std::string constraint(keys.get(row, 0)), table(keys.get(row, 1));
        throw ShrinkGuardError(
            "deleting the " + grouped(to_delete) +
            " products the dump no longer has would violate foreign key constraint \"" +
            constraint + "\" of table " + table + " (" +
            grouped(static_cast<std::uint64_t>(referencing)) +
            " of its rows reference them); nothing was changed. Either let the application's "
            "key follow removals (ALTER TABLE " +
            table + " DROP CONSTRAINT " + constraint +
            ", then ADD it again with ON DELETE SET NULL or ON DELETE CASCADE), or keep removed "
            "products as rows with removed_at set: import.removed_products = \"mark\"");
    }
}

} // namespace

void check_removals(db::Connection& db, const RemovalGuard& guard, std::uint64_t current,
                    std::uint64_t to_delete) {
    if (current > 0 && !guard.allow_shrink) {
        const double ratio = static_cast<double>(to_delete) / static_cast<double>(current);
        if (ratio > guard.max_delete_ratio) {
            throw ShrinkGuardError(
                "refusing to " + std::string(guard.mark_removed ? "mark " : "delete ") +
                grouped(to_delete) + " of " + grouped(current) + " products (" + percent(ratio) +
                ", more than import.max_delete_ratio " + setting_number(guard.max_delete_ratio) +
                "): the dump looks incomplete; rerun with --allow-shrink if the shrink is real");
        }
    }
    if (to_delete > 0 && !guard.mark_removed) {
        check_application_references(db, guard.quoted_schema, to_delete);
    }
}

} // namespace offimport
