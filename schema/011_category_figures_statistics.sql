-- refresh_category_figures() in two functions, with the statistics of category_figures taken
-- between them. The broader categories are computed from the sizes the first part just wrote;
-- planned on the table's previous statistics, an empty category_figures that a VACUUM had
-- measured at 0 rows (after a failed first import, say) was taken for a one-row table and
-- joined by nested loops, twice over, with each of its thousands of rows: a first import of
-- 47,000 products spent 9 min 42 s there instead of a second, and one of the world's did not end
-- in 25 min. A SQL function plans its statements at its first call, so each part is a function
-- of its own, and the second is planned after the ANALYZE. The statements are 007's, unchanged.

CREATE FUNCTION {schema}.refresh_category_sizes() RETURNS void
    LANGUAGE sql VOLATILE
    SET jit = off
AS $function$
-- Sizes: the links of each taxonomy category, less those of products marked removed.
WITH linked AS (
    SELECT pc.category_id, pg_catalog.count(*) AS links
      FROM {schema}.product_categories pc
     GROUP BY pc.category_id),
gone AS (
    SELECT pc.category_id, pg_catalog.count(*) AS links
      FROM {schema}.products r
      JOIN {schema}.product_categories pc ON pc.product_code = r.code
     WHERE r.removed_at IS NOT NULL
     GROUP BY pc.category_id)
INSERT INTO {schema}.category_figures AS f (category_id, products)
SELECT c.id, COALESCE(l.links, 0) - COALESCE(g.links, 0)
  FROM {schema}.categories c
  LEFT JOIN linked l ON l.category_id = c.id
  LEFT JOIN gone g ON g.category_id = c.id
 WHERE {schema}.is_taxonomy_tag(c.tag)
    ON CONFLICT (category_id) DO UPDATE SET products = EXCLUDED.products
 WHERE f.products IS DISTINCT FROM EXCLUDED.products;

DELETE FROM {schema}.category_figures WHERE products = 0;
UPDATE {schema}.category_figures SET broader = NULL, broader_from = products
 WHERE products < 4 AND broader_from IS DISTINCT FROM products;
$function$;

CREATE FUNCTION {schema}.refresh_broader_categories() RETURNS void
    LANGUAGE sql VOLATILE
    SET jit = off
AS $function$
-- Broader categories, for those new or grown or shrunk by more than 5 %: about 200 products of
-- each, picked by a hash of their code, so spread over the whole category rather than its
-- lowest codes (which often share one producer).
WITH stale AS (
    SELECT f.category_id, pg_catalog.ceil(f.products / 200.0)::integer AS step
      FROM {schema}.category_figures f
     WHERE f.products >= 4
       AND (f.broader_from IS NULL OR f.broader IS NULL
            OR pg_catalog.abs(f.products - f.broader_from) > 0.05 * f.broader_from)),
sample AS (
    SELECT pc.category_id, pc.product_code
      FROM {schema}.product_categories pc
      JOIN stale z ON z.category_id = pc.category_id
     WHERE (pg_catalog.hashtext(pc.product_code) OPERATOR(pg_catalog.&) 2147483647) % z.step = 0),
evidence AS (
    SELECT category_id, pg_catalog.count(*) AS products FROM sample GROUP BY category_id),
together AS (
    SELECT s.category_id, x.category_id AS broader_id, pg_catalog.count(*) AS products
      FROM sample s
      JOIN {schema}.product_categories x
        ON x.product_code = s.product_code AND x.category_id <> s.category_id
     GROUP BY s.category_id, x.category_id),
broader AS (
    SELECT t.category_id, pg_catalog.array_agg(t.broader_id ORDER BY t.broader_id) AS ids
      FROM together t JOIN evidence e ON e.category_id = t.category_id
     WHERE t.products >= 0.9 * e.products
       AND t.broader_id IN (SELECT category_id FROM {schema}.category_figures)
     GROUP BY t.category_id)
UPDATE {schema}.category_figures f
   SET broader = COALESCE(b.ids, '{}'), broader_from = f.products
  FROM stale z LEFT JOIN broader b ON b.category_id = z.category_id
 WHERE f.category_id = z.category_id;
$function$;

CREATE OR REPLACE FUNCTION {schema}.refresh_category_figures() RETURNS void
    LANGUAGE sql VOLATILE
AS $function$
SELECT {schema}.refresh_category_sizes();
ANALYZE {schema}.category_figures;
SELECT {schema}.refresh_broader_categories();
$function$;
