#include "load/gin_pending_lists.hpp"

#include "db/sql_template.hpp"

namespace offimport {
namespace {

// Only the owner of an index may merge its pending list: an index that another role owns is
// left to vacuum rather than failing the run.
constexpr const char* clean_pending_lists = R"(
SELECT pg_catalog.gin_clean_pending_list(i.indexrelid)
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
  JOIN pg_catalog.pg_am a ON a.oid = c.relam
 WHERE i.indrelid = '{schema}.products'::pg_catalog.regclass AND a.amname = 'gin'
   AND pg_catalog.pg_has_role(c.relowner, 'USAGE'))";

} // namespace

void merge_gin_pending_lists(db::Connection& db, const std::string& quoted_schema) {
    db.exec(db::in_schema(clean_pending_lists, quoted_schema),
            "merge: merging the pending entries of the GIN indexes");
}

} // namespace offimport
