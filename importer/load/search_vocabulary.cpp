#include "load/search_vocabulary.hpp"

#include "catalogue/product_columns.hpp"
#include "db/sql_template.hpp"

#include <chrono>
#include <spdlog/spdlog.h>

namespace offimport {
namespace {

constexpr const char* vocabulary_exists = R"(
SELECT pg_catalog.to_regclass('{schema}.search_vocabulary') IS NOT NULL)";

constexpr const char* create_vocabulary = R"(
CREATE TABLE {schema}.search_vocabulary (word text COLLATE "C" PRIMARY KEY))";

constexpr const char* index_vocabulary = R"(
CREATE INDEX search_vocabulary_trigram_idx ON {schema}.search_vocabulary
    USING gin (word {trigrams}.gin_trgm_ops))";

// A product's words as the 'simple' text search configuration cuts them (the words that
// search_document holds unstemmed), from the rows `{written}` selects.
constexpr const char* insert_words = R"(
INSERT INTO {schema}.search_vocabulary (word)
SELECT DISTINCT w.word
  FROM {schema}.products p,
       pg_catalog.unnest(pg_catalog.tsvector_to_array(
           pg_catalog.to_tsvector('pg_catalog.simple'::pg_catalog.regconfig, p.search_words)))
       AS w(word)
 WHERE {written}
 ORDER BY 1
    ON CONFLICT (word) DO NOTHING)";

// The products of the dump's lines that were staged: those the run inserted or updated, and
// perhaps a few it found unchanged (lines known by their fingerprint are not staged).
constexpr const char* staged_products = "p.code IN (SELECT s.code FROM {staging} s)";

constexpr const char* drop_vocabulary = "DROP TABLE IF EXISTS {schema}.search_vocabulary";

} // namespace

void create_search_vocabulary(db::Connection& db, const std::string& quoted_schema,
                              const std::string& trigrams) {
    if (search_vocabulary_exists(db, quoted_schema)) {
        return;
    }
    db.exec(db::in_schema(create_vocabulary, quoted_schema), "import.search: the vocabulary");
    db.exec(db::fill_sql(insert_words, {{"schema", quoted_schema}, {"written", "true"}}),
            "import.search: the words of the catalogue");
    db.exec(db::fill_sql(index_vocabulary, {{"schema", quoted_schema}, {"trigrams", trigrams}}),
            "import.search: indexing the vocabulary");
}

void add_search_words(db::Connection& db, const std::string& quoted_schema, NewWordsOf products) {
    const auto started = std::chrono::steady_clock::now();
    const std::string written = products == NewWordsOf::staged_products
                                    ? db::fill_sql(staged_products, {{"staging", staging_table}})
                                    : "true";
    const auto added =
        db.exec(db::fill_sql(insert_words, {{"schema", quoted_schema}, {"written", written}}),
                "merge: adding the new words to the search vocabulary")
            .affected_rows();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    spdlog::debug("{} new words in the search vocabulary, in {:.2f} s", added, took.count());
}

bool search_vocabulary_exists(db::Connection& db, const std::string& quoted_schema) {
    return db.exec(db::in_schema(vocabulary_exists, quoted_schema), "looking for the vocabulary")
               .get(0, 0) == "t";
}

void drop_search_vocabulary(db::Connection& db, const std::string& quoted_schema) {
    db.exec(db::in_schema(drop_vocabulary, quoted_schema),
            "import.search: dropping the vocabulary");
}

} // namespace offimport
