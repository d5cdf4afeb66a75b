#pragma once

#include "db/connection.hpp"

#include <string>

namespace offimport {

// Makes the catalogue hold what off.search_products searches, or not, as import.search says.
// On: the extensions unaccent and pg_trgm (created in the catalogue's schema unless the database
// has them already), {schema}.search_text, and two generated columns of off.products with
// their GIN indexes: search_document (the text search document of name, brands and generic
// name) and search_words (name, brands and generic name for trigram matching), and the
// vocabulary that typos are corrected against (load/search_vocabulary.hpp). PostgreSQL
// writes them with each product row, so every import keeps them current for the rows it
// writes, in its own transaction. Off: the columns (and their indexes) are dropped.
// Runs in its own transaction on `control`, before the run's (adding the columns rewrites
// off.products once, which readers wait for). Does nothing when the catalogue already
// matches the choice. Returns whether it changed the catalogue.
bool choose_search(db::Connection& control, const std::string& quoted_schema, bool enabled);

// Whether off.products holds the search columns.
bool search_columns_exist(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
