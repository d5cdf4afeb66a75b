-- Healthier substitutes: off.substitutes(code, n), the one definition of "a healthier product of
-- the same kind", for Django, psql and any other application alike, is defined in
-- 007_category_figures.sql (which replaces the first version this file defined in catalogues
-- migrated before it), with the figures it reads.

-- A canonical taxonomy tag: a language prefix and a lower-case ASCII slug ("en:colas"). Free
-- text that Open Food Facts kept as a tag ("en:Cereales para desayuno", "en:snacks-sucrés")
-- and the placeholder "en:undefined" are not categories to compare in.
CREATE FUNCTION {schema}.is_taxonomy_tag(tag text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $function$
SELECT tag OPERATOR(pg_catalog.~) '^[a-z]{2}:[a-z0-9]+(-[a-z0-9]+)*$'
   AND tag OPERATOR(pg_catalog.!~) ':undefined$'
$function$;
