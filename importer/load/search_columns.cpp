#include "load/search_columns.hpp"

#include "db/sql_template.hpp"
#include "load/search_vocabulary.hpp"

#include <spdlog/spdlog.h>

namespace offimport {
namespace {

constexpr const char* search_column_exists = R"(
SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                WHERE attrelid = '{schema}.products'::pg_catalog.regclass
                  AND attname = 'search_document' AND NOT attisdropped))";

constexpr const char* create_unaccent = "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA {schema}";
constexpr const char* create_trigrams = "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA {schema}";

constexpr const char* extension_schemas = R"(
SELECT e.extname, pg_catalog.quote_ident(ns.nspname)
  FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace ns ON ns.oid = e.extnamespace
 WHERE e.extname IN ('unaccent', 'pg_trgm'))";

// unaccent() is only STABLE (its dictionary could change); generated columns need an
// IMMUTABLE function, which this is as long as nobody edits the unaccent rules.
constexpr const char* create_search_text = R"(
CREATE OR REPLACE FUNCTION {schema}.search_text(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $function$
SELECT pg_catalog.lower({unaccent}.unaccent('{unaccent}.unaccent'::pg_catalog.regdictionary, $1))
$function$)";

constexpr const char* add_search_columns = R"(
ALTER TABLE {schema}.products
  ADD COLUMN search_words text GENERATED ALWAYS AS ({schema}.search_text(
      COALESCE(product_name, '') || ' ' || COALESCE(brands, '') || ' ' ||
      COALESCE(generic_name, ''))) STORED,
  ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
      pg_catalog.setweight(pg_catalog.to_tsvector({schema}.search_configuration(lang),
          {schema}.search_text(COALESCE(product_name, '') || ' ' || COALESCE(brands, ''))), 'A')
      || pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.simple'::pg_catalog.regconfig,
          {schema}.search_text(COALESCE(product_name, '') || ' ' || COALESCE(brands, ''))), 'A')
      || pg_catalog.setweight(pg_catalog.to_tsvector({schema}.search_configuration(lang),
          {schema}.search_text(COALESCE(generic_name, ''))), 'B')
      || pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.simple'::pg_catalog.regconfig,
          {schema}.search_text(COALESCE(generic_name, ''))), 'B')) STORED)";

constexpr const char* index_search_document =
    "CREATE INDEX products_search_document_idx ON {schema}.products USING gin (search_document)";
constexpr const char* index_search_words = "CREATE INDEX products_search_words_idx ON "
                                           "{schema}.products USING gin (search_words "
                                           "{trigrams}.gin_trgm_ops)";

constexpr const char* drop_search_columns = R"(
ALTER TABLE {schema}.products DROP COLUMN IF EXISTS search_document,
                              DROP COLUMN IF EXISTS search_words)";

// As for the extra columns: long enough for the application's readers to finish a query.
constexpr const char* lock_wait = "SET LOCAL lock_timeout = '10s'";

struct ExtensionSchemas {
    std::string unaccent, trigrams; // quoted
};

ExtensionSchemas extension_schemas_of(db::Connection& control) {
    ExtensionSchemas schemas;
    const auto found = control.exec(extension_schemas, "import.search: finding the extensions");
    for (int row = 0; row < found.rows(); ++row) {
        (found.get(row, 0) == "unaccent" ? schemas.unaccent : schemas.trigrams) = found.get(row, 1);
    }
    return schemas;
}

void switch_on(db::Connection& control, const std::string& schema) {
    try {
        control.exec(db::in_schema(create_unaccent, schema), "import.search: CREATE EXTENSION");
        control.exec(db::in_schema(create_trigrams, schema), "import.search: CREATE EXTENSION");
    } catch (const db::DbError& error) {
        throw db::DbError(std::string(error.what()) +
                              " (import.search needs the extensions unaccent and pg_trgm: let "
                              "the importer's role create them, or have a superuser run CREATE "
                              "EXTENSION unaccent; CREATE EXTENSION pg_trgm; in this database)",
                          error.sqlstate());
    }
    const auto [unaccent, trigrams] = extension_schemas_of(control);
    control.exec(db::fill_sql(create_search_text, {{"schema", schema}, {"unaccent", unaccent}}),
                 "import.search: creating search_text");
    control.exec(lock_wait);
    control.exec(db::in_schema(add_search_columns, schema), "import.search: adding the columns");
    control.exec(db::in_schema(index_search_document, schema), "import.search: indexing");
    control.exec(db::fill_sql(index_search_words, {{"schema", schema}, {"trigrams", trigrams}}),
                 "import.search: indexing");
    create_search_vocabulary(control, schema, trigrams);
}

} // namespace

bool search_columns_exist(db::Connection& db, const std::string& quoted_schema) {
    return db.exec(db::in_schema(search_column_exists, quoted_schema), "looking for search")
               .get(0, 0) == "t";
}

bool choose_search(db::Connection& control, const std::string& quoted_schema, bool enabled) {
    control.exec("BEGIN", "import.search: starting its transaction");
    try {
        const bool present = search_columns_exist(control, quoted_schema);
        // A catalogue whose search predates the vocabulary gets it once.
        if (enabled && present && !search_vocabulary_exists(control, quoted_schema)) {
            spdlog::info("import.search: collecting the words of {}.products, to correct typos",
                         quoted_schema);
            create_search_vocabulary(control, quoted_schema,
                                     extension_schemas_of(control).trigrams);
            control.exec("COMMIT", "import.search: committing");
            return true;
        }
        if (present == enabled) {
            control.exec("COMMIT");
            return false;
        }
        if (enabled) {
            spdlog::info("import.search is on: adding the search columns to {}.products (the "
                         "table is rewritten once; readers wait)",
                         quoted_schema);
            switch_on(control, quoted_schema);
        } else {
            spdlog::info("import.search is off: dropping the search columns of {}.products",
                         quoted_schema);
            control.exec(lock_wait);
            control.exec(db::in_schema(drop_search_columns, quoted_schema),
                         "import.search: dropping the columns");
            drop_search_vocabulary(control, quoted_schema);
        }
        control.exec("COMMIT", "import.search: committing");
        return true;
    } catch (...) {
        try {
            control.exec("ROLLBACK");
        } catch (const std::exception&) {
            // the connection is gone: the server rolled back
        }
        throw;
    }
}

} // namespace offimport
