#pragma once

#include "db/connection.hpp"

#include <string>

namespace offimport {

// Counts again what off.substitutes reads of every category ({schema}.category_figures: its
// present products, the categories broader than it), in the caller's transaction, so that the
// figures readers see are always those of the catalogue they read. A run that changed no
// product leaves them as they are.
void refresh_category_figures(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
