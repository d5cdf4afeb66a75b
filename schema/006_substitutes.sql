-- Healthier substitutes: off.substitutes(code, n), the one definition of "a healthier product of
-- the same kind", for Django, psql and any other application alike.

-- A canonical taxonomy tag: a language prefix and a lower-case ASCII slug ("en:colas"). Free
-- text that Open Food Facts kept as a tag ("en:Cereales para desayuno", "en:snacks-sucrés")
-- and the placeholder "en:undefined" are not categories to compare in.
CREATE FUNCTION {schema}.is_taxonomy_tag(tag text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $function$
SELECT tag OPERATOR(pg_catalog.~) '^[a-z]{2}:[a-z0-9]+(-[a-z0-9]+)*$'
   AND tag OPERATOR(pg_catalog.!~) ':undefined$'
$function$;

-- Up to n present products of the same kind as `product` with a better Nutri-Score, best first.
--
-- The kind is found in the data, not in a list: of the product's taxonomy categories, a
-- category B is broader than C when nearly all other products of C are in B too (90 % of a
-- sample of up to 200 of them; a category with fewer than 3 other products tells nothing).
-- Categories that cut across kinds (sweetened beverages, products without gluten, organic,
-- vegan, ...) are broader than none of the product's specific categories: plenty of colas are
-- not sweetened, plenty of biscuits contain gluten. The product's kind is its category with
-- the most broader categories among its own (the deepest of its main line; fewer products, then
-- the one listed later, break ties), and the categories compared in are the product's smaller
-- ones that tell nothing, then the kind, then its two closest broader ones (by size): further
-- up ("beverages", "plant-based foods") products are no longer of one kind. The first that holds a better-graded present
-- product is the comparison category; with the extra column compared_to_category, Open Food
-- Facts' own choice starts the walk when it is one of them.
--
-- Substitutes are ranked by grade, then by the number of the product's categories they share,
-- then by popularity (the extra column unique_scans_n, when the catalogue has it), then name.
CREATE FUNCTION {schema}.substitutes(product text, n integer DEFAULT 10)
    RETURNS TABLE (code text, nutriscore_grade text, category text, shared integer)
    LANGUAGE plpgsql STABLE
AS $function$
DECLARE
    grade text;
    own_ids integer[];
    chain integer[];
    compared text;
    start_at integer;
    chosen integer;
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

    -- The product's taxonomy categories, each with its size (counted up to 2,000: past that,
    -- a category is broad, and which broad one is broadest matters little) and the others of
    -- them that hold 90 % of a sample of its products; then the kind, and the chain of it and
    -- its broader categories from the fewest products to the most.
    WITH own AS (
        SELECT c.id, pc.position,
               (SELECT pg_catalog.count(*)::integer
                  FROM (SELECT 1 FROM {schema}.product_categories x
                         WHERE x.category_id = c.id LIMIT 2000) counted) AS size
          FROM {schema}.product_categories pc
          JOIN {schema}.categories c ON c.id = pc.category_id
         WHERE pc.product_code = product AND {schema}.is_taxonomy_tag(c.tag)),
    ids AS (SELECT pg_catalog.array_agg(own.id) AS all_ids FROM own),
    kinds AS (
        SELECT o.id, o.size, o.position,
               CASE WHEN e.evidence >= 3 THEN COALESCE(
                   (SELECT pg_catalog.array_agg(b.category_id)
                      FROM (SELECT x.category_id, pg_catalog.count(*) AS together
                              FROM (SELECT s.product_code FROM {schema}.product_categories s
                                     WHERE s.category_id = o.id AND s.product_code <> product
                                     LIMIT 200) sample
                              JOIN {schema}.product_categories x
                                ON x.product_code = sample.product_code
                               AND x.category_id = ANY (ids.all_ids) AND x.category_id <> o.id
                             GROUP BY x.category_id) b
                     WHERE b.together >= 0.9 * e.evidence), '{}') END AS broader
          FROM own o, ids,
               LATERAL (SELECT pg_catalog.count(*) AS evidence
                          FROM (SELECT 1 FROM {schema}.product_categories s
                                 WHERE s.category_id = o.id AND s.product_code <> product
                                 LIMIT 200) others) e)
    SELECT COALESCE((SELECT pg_catalog.array_agg(t.id ORDER BY t.size, t.position DESC)
                       FROM kinds t WHERE t.broader IS NULL AND t.size <= k.size), '{}')
           OPERATOR(pg_catalog.||) ARRAY[k.id] OPERATOR(pg_catalog.||)
           COALESCE((SELECT (pg_catalog.array_agg(b.id ORDER BY b.size, b.position DESC))[1:2]
                       FROM kinds b WHERE b.id = ANY (k.broader)), '{}'),
           (SELECT ids.all_ids FROM ids)
      INTO chain, own_ids
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

    SELECT c.id INTO chosen
      FROM pg_catalog.unnest(chain) WITH ORDINALITY AS c(id, step)
     WHERE EXISTS (SELECT 1 FROM {schema}.product_categories pc
                     JOIN {schema}.products s ON s.code = pc.product_code
                    WHERE pc.category_id = c.id AND s.nutriscore_grade < grade
                      AND s.removed_at IS NULL AND s.code <> product)
     ORDER BY c.step
     LIMIT 1;
    IF chosen IS NULL THEN
        RETURN;
    END IF;

    RETURN QUERY EXECUTE pg_catalog.format($query$
        SELECT s.code, s.nutriscore_grade, c.tag,
               (SELECT pg_catalog.count(*)::integer FROM {schema}.product_categories x
                 WHERE x.product_code = s.code AND x.category_id = ANY ($4)) AS shared
          FROM {schema}.product_categories pc
          JOIN {schema}.products s ON s.code = pc.product_code
          JOIN {schema}.categories c ON c.id = pc.category_id
         WHERE pc.category_id = $1 AND s.nutriscore_grade < $2 AND s.removed_at IS NULL
           AND s.code <> $3
         ORDER BY s.nutriscore_grade, shared DESC, %s s.product_name, s.code
         LIMIT $5 $query$,
        CASE WHEN has_scans THEN 's.unique_scans_n DESC NULLS LAST,' ELSE '' END)
        USING chosen, grade, product, own_ids, n;
END
$function$;
