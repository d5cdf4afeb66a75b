#pragma once

#include "db/connection.hpp"
#include "load/merge.hpp"
#include "load/merge_sql.hpp"

namespace offimport {

class FirstLoad;

// The end of a first import: FirstLoad copied every product, link and fingerprint in; the
// indexes are built, the codes it set aside resolved, and the new catalogue analysed.
MergeCounts fill_empty_catalogue(db::Connection& db, const MergeSql& sql, FirstLoad& first);

} // namespace offimport
