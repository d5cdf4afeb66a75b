-- Substitutes at the catalogue's size: what off.substitutes asks of every category (its size,
-- the categories broader than it) is counted once per import instead of once per question,
-- and an index finds a category's products of a given grade. With them, the question reads a
-- few rows whatever the size of the catalogue (world size: see docs/benchmarks.md).
SET LOCAL maintenance_work_mem = '512MB';

-- A product's taxonomy categories, each prefixed with its grade ("b/en:colas"): the products of
-- a category with a given grade are one entry of the index below. Built-in functions only, so
-- that the index costs what a plain array index costs (an SQL loop per product took 2.5 times
-- as long at world size).
CREATE FUNCTION {schema}.graded_categories(grade text, tags text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $function$
SELECT pg_catalog.string_to_array(
    grade OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||)
    pg_catalog.array_to_string(tags, E'\x1f' OPERATOR(pg_catalog.||) grade
                                     OPERATOR(pg_catalog.||) '/'),
    E'\x1f')
$function$;

CREATE INDEX products_graded_categories_idx ON {schema}.products
    USING gin ({schema}.graded_categories(nutriscore_grade, categories_tags))
    WHERE removed_at IS NULL;

-- Per taxonomy category: its present products, and the categories that hold 90 % of a sample
-- of about 200 of them (NULL when it has fewer than 4: too few to tell), with the size it had
-- when they were counted.
CREATE TABLE {schema}.category_figures (
    category_id  integer PRIMARY KEY,
    products     integer NOT NULL,
    broader      integer[],
    broader_from integer
);

-- Each import that changed the catalogue calls it in its own transaction, so readers see the
-- sizes of the catalogue they read. Sizes are counted again every time (2 s at world size);
-- which categories are broader, a property of the kind of food that a week barely moves, is
-- counted again for a category only when its size moved by more than 5 % (and for a new
-- one): 9 s of the 11 s a whole count took after a weekly run.
CREATE FUNCTION {schema}.refresh_category_figures() RETURNS void
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

SELECT {schema}.refresh_category_figures();

-- Up to n present products of the same kind as `product` with a better Nutri-Score, best first.
--
-- The kind is found in the data, not in a list: of the product's taxonomy categories, a
-- category B is broader than C when nearly all products of C are in B too (the figures above).
-- Categories that cut across kinds (sweetened beverages, products without gluten, organic,
-- vegan, ...) are broader than none of the product's specific categories: plenty of colas are
-- not sweetened, plenty of biscuits contain gluten. The product's kind is its category with
-- the most broader categories among its own (the deepest of its main line; fewer products, then
-- the one listed later, break ties), and the categories compared in are the product's smaller
-- ones that tell nothing, then the kind, then its two closest broader ones (by size): further
-- up ("beverages", "plant-based foods") products are no longer of one kind. The first that
-- holds a better-graded present product is the comparison category; with the extra column
-- compared_to_category, Open Food Facts' own choice starts the walk when it is one of them.
--
-- Substitutes are ranked by grade, then by the number of the product's categories they share,
-- then by popularity (the extra column unique_scans_n, when the catalogue has it), then name.
-- Of one grade, at most `pool` products of the category are compared (all of them when there
-- are no more): the answer takes a few milliseconds even when thousands are better.
CREATE OR REPLACE FUNCTION {schema}.substitutes(product text, n integer DEFAULT 10)
    RETURNS TABLE (code text, nutriscore_grade text, category text, shared integer)
    LANGUAGE plpgsql STABLE
    -- Every statement here reads a few index entries: a sequential scan is never the better
    -- plan, whatever the estimates say of a rare grade in a large category.
    SET enable_seqscan = off
    SET jit = off
AS $function$
DECLARE
    pool constant integer := 100;
    grade text;
    own_tags text[];
    chain integer[];
    compared text;
    start_at integer;
    -- Not "category": that is a column of the result.
    tried text;
    step integer;
    compared_in boolean := false;
    better text;
    found_rows bigint;
    has_compared boolean;
    has_scans boolean;
BEGIN
    SELECT p.nutriscore_grade INTO grade
      FROM {schema}.products p
     WHERE p.code = product AND p.removed_at IS NULL;
    IF grade IS NULL OR n IS NULL OR n < 1 THEN
        RETURN;
    END IF;
    SELECT pg_catalog.bool_or(a.attname = 'compared_to_category'),
           pg_catalog.bool_or(a.attname = 'unique_scans_n')
      INTO has_compared, has_scans
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = '{schema}.products'::pg_catalog.regclass AND NOT a.attisdropped;

    -- The product's taxonomy categories with their figures; then the kind, and the chain of
    -- the small ones, it and its broader categories, from the fewest products to the most.
    WITH own AS (
        SELECT f.category_id AS id, c.tag, pc.position, f.products AS size, f.broader
          FROM {schema}.product_categories pc
          JOIN {schema}.category_figures f ON f.category_id = pc.category_id
          JOIN {schema}.categories c ON c.id = pc.category_id
         WHERE pc.product_code = product),
    kinds AS (
        SELECT o.id, o.size, o.position,
               CASE WHEN o.broader IS NOT NULL THEN ARRAY(
                   SELECT b.id FROM own b WHERE b.id = ANY (o.broader)) END AS broader
          FROM own o)
    SELECT COALESCE((SELECT pg_catalog.array_agg(t.id ORDER BY t.size, t.position DESC)
                       FROM kinds t WHERE t.broader IS NULL AND t.size <= k.size), '{}')
           OPERATOR(pg_catalog.||) ARRAY[k.id] OPERATOR(pg_catalog.||)
           COALESCE((SELECT (pg_catalog.array_agg(b.id ORDER BY b.size, b.position DESC))[1:2]
                       FROM kinds b WHERE b.id = ANY (k.broader)), '{}'),
           (SELECT pg_catalog.array_agg(o.tag) FROM own o)
      INTO chain, own_tags
      FROM kinds k
     ORDER BY k.broader IS NULL, COALESCE(pg_catalog.cardinality(k.broader), 0) DESC, k.size,
              k.position DESC
     LIMIT 1;
    IF chain IS NULL THEN
        RETURN;
    END IF;

    IF has_compared THEN
        EXECUTE 'SELECT compared_to_category FROM {schema}.products WHERE code = $1'
           INTO compared USING product;
        SELECT pg_catalog.array_position(chain, c.id) INTO start_at
          FROM {schema}.categories c WHERE c.tag = compared;
        IF start_at IS NOT NULL THEN
            chain := chain[start_at:];
        END IF;
    END IF;

    -- Along the chain, the first category with a present product graded better is compared
    -- in: grade by grade, best first, until n are found. Each (grade, category) is one entry of
    -- the index, read once.
    FOR step IN 1 .. pg_catalog.cardinality(chain) LOOP
        SELECT c.tag INTO tried FROM {schema}.categories c WHERE c.id = chain[step];
        FOR better IN SELECT g FROM pg_catalog.unnest(ARRAY['a', 'b', 'c', 'd', 'e']) g
                       WHERE g < grade ORDER BY g LOOP
            RETURN QUERY EXECUTE pg_catalog.format($query$
                SELECT m.code, m.nutriscore_grade, $1, m.shared
                  FROM (SELECT s.code, s.nutriscore_grade, s.product_name, %s AS scans,
                               (SELECT pg_catalog.count(*)::integer
                                  FROM pg_catalog.unnest(s.categories_tags) t
                                 WHERE t = ANY ($3)) AS shared
                          FROM {schema}.products s
                         WHERE {schema}.graded_categories(s.nutriscore_grade, s.categories_tags)
                               OPERATOR(pg_catalog.@>) ARRAY[$2 OPERATOR(pg_catalog.||) '/'
                                                             OPERATOR(pg_catalog.||) $1]
                           AND s.removed_at IS NULL
                         LIMIT $5) m
                 ORDER BY m.shared DESC, m.scans DESC NULLS LAST, m.product_name, m.code
                 LIMIT $4 $query$,
                CASE WHEN has_scans THEN 's.unique_scans_n' ELSE 'NULL::integer' END)
                USING tried, better, own_tags, n, pool;
            GET DIAGNOSTICS found_rows = ROW_COUNT;
            n := n - found_rows::integer;
            compared_in := compared_in OR found_rows > 0;
            EXIT WHEN n <= 0;
        END LOOP;
        EXIT WHEN compared_in;
    END LOOP;
END
$function$;
