-- Product search: off.search_products(query, n), the one definition of how a person finds a
-- product, for Django, psql and any other application alike. The catalogue holds what it
-- searches (two generated columns of off.products and their indexes) only while the
-- configuration's import.search is on: the import adds them, with {schema}.search_text, and
-- PostgreSQL writes them with every product row the import writes, in the same transaction.
-- The functions that read them are defined once, in 008_search_at_world_size.sql (which
-- replaces the first versions this file defined in catalogues migrated before it).

-- The text search configuration for a product's language (lc): Snowball stemming where
-- PostgreSQL has it, else 'simple' (words as they are).
CREATE FUNCTION {schema}.search_configuration(lang text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $function$
SELECT (CASE lang
    WHEN 'ar' THEN 'pg_catalog.arabic' WHEN 'ca' THEN 'pg_catalog.catalan'
    WHEN 'da' THEN 'pg_catalog.danish' WHEN 'de' THEN 'pg_catalog.german'
    WHEN 'el' THEN 'pg_catalog.greek' WHEN 'en' THEN 'pg_catalog.english'
    WHEN 'es' THEN 'pg_catalog.spanish' WHEN 'eu' THEN 'pg_catalog.basque'
    WHEN 'fi' THEN 'pg_catalog.finnish' WHEN 'fr' THEN 'pg_catalog.french'
    WHEN 'ga' THEN 'pg_catalog.irish' WHEN 'hu' THEN 'pg_catalog.hungarian'
    WHEN 'id' THEN 'pg_catalog.indonesian' WHEN 'it' THEN 'pg_catalog.italian'
    WHEN 'lt' THEN 'pg_catalog.lithuanian' WHEN 'nb' THEN 'pg_catalog.norwegian'
    WHEN 'nl' THEN 'pg_catalog.dutch' WHEN 'no' THEN 'pg_catalog.norwegian'
    WHEN 'pt' THEN 'pg_catalog.portuguese' WHEN 'ro' THEN 'pg_catalog.romanian'
    WHEN 'ru' THEN 'pg_catalog.russian' WHEN 'sr' THEN 'pg_catalog.serbian'
    WHEN 'sv' THEN 'pg_catalog.swedish' WHEN 'tr' THEN 'pg_catalog.turkish'
    ELSE 'pg_catalog.simple' END)::pg_catalog.regconfig
$function$;
