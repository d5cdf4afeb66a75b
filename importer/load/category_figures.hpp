#pragma once

#include "db/connection.hpp"

#include <string>

namespace offimport {

// Brings what off.substitutes reads of every category ({schema}.category_figures) up to date,
// in the caller's transaction, so that readers see the figures of the catalogue they read:
// each category's present products, counted again, and the categories broader than it, counted
// again when its size moved by more than 5 % (schema/007_category_figures.sql). Called after a
// merge that changed the catalogue; one that changed nothing has nothing to count.
void refresh_category_figures(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
