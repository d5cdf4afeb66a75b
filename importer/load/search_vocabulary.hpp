#pragma once

#include "db/connection.hpp"

#include <string>

namespace offimport {

// The words of the catalogue ({schema}.search_vocabulary, with a trigram index): what
// off.search_products corrects a mistyped word against, instead of comparing it with every
// product. Words are added, never removed: a word whose products have gone corrects to a word
// that finds nothing, which costs nothing.

// Creates the vocabulary with every word of the catalogue, unless it exists. `trigrams` is the
// quoted schema of pg_trgm. In the caller's transaction.
void create_search_vocabulary(db::Connection& db, const std::string& quoted_schema,
                              const std::string& trigrams);

// Whose words a run adds: the products of its staging table (the lines not known by their
// fingerprint), or every product (a catalogue filled by one COPY).
enum class NewWordsOf { staged_products, every_product };

// Adds the words of the products the run wrote.
void add_search_words(db::Connection& db, const std::string& quoted_schema, NewWordsOf products);

// Whether the catalogue has a vocabulary.
bool search_vocabulary_exists(db::Connection& db, const std::string& quoted_schema);

void drop_search_vocabulary(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
