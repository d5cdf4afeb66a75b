-- Product search: off.search_products(query, n), the one definition of how a person finds a
-- product, for Django, psql and any other application alike. The catalogue holds what it
-- searches (two generated columns of off.products and their indexes) only while the
-- configuration's import.search is on: the import adds them, with {schema}.search_text, and
-- PostgreSQL writes them with every product row the import writes, in the same transaction.

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

-- What a query asks: each of its words, accents and case aside, as a prefix of a word of the
-- product or as the same stem in one of the languages most of the catalogue is written in.
CREATE FUNCTION {schema}.search_query(query text) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $function$
DECLARE
    word text;
    stem text;
    alternatives tsquery;
    whole tsquery;
BEGIN
    FOR word IN
        SELECT w FROM pg_catalog.regexp_split_to_table({schema}.search_text(query),
                                                       '[^[:alnum:]]+') AS w
         WHERE w <> ''
    LOOP
        alternatives := pg_catalog.to_tsquery('pg_catalog.simple',
                                              pg_catalog.quote_literal(word) || ':*');
        -- Stems as to_tsvector gives them: a stop word gives none (and no notice).
        FOR stem IN
            SELECT DISTINCT v.lexeme
              FROM pg_catalog.unnest(ARRAY['pg_catalog.english', 'pg_catalog.french',
                                           'pg_catalog.spanish', 'pg_catalog.german',
                                           'pg_catalog.italian', 'pg_catalog.portuguese',
                                           'pg_catalog.dutch']::pg_catalog.regconfig[]) AS c(cfg),
                   pg_catalog.unnest(pg_catalog.to_tsvector(c.cfg, word)) AS v
        LOOP
            alternatives := alternatives OPERATOR(pg_catalog.||)
                            pg_catalog.to_tsquery('pg_catalog.simple',
                                                  pg_catalog.quote_literal(stem));
        END LOOP;
        whole := CASE WHEN whole IS NULL THEN alternatives
                      ELSE whole OPERATOR(pg_catalog.&&) alternatives END;
    END LOOP;
    RETURN whole;
END
$function$;

-- Up to n present products for a query, best first: a barcode or the start of one finds its
-- products; words find products by name, brands and generic name (full text, stemmed), and,
-- for a word mistyped, by the trigrams of name, brands and generic name. The rank adds the
-- text rank (divided by the log of the document's length), the word similarity of the query
-- to the product's words, and the similarity of the query to the product's name: of two
-- products that match every word, the one whose name is closest comes first ("Nutella"
-- before "Nutella biscuits"), and a product with a name before one without.
CREATE FUNCTION {schema}.search_products(query text, n integer DEFAULT 20)
    RETURNS TABLE (code text, rank real)
    LANGUAGE plpgsql STABLE
    SET pg_trgm.word_similarity_threshold = 0.5
AS $function$
DECLARE
    trigram_schema text;
    typed text := pg_catalog.btrim(query);
    number text;
    words tsquery;
    matched bigint;
    candidates constant integer := 2000;
    -- Matches ($1: the query's words, $2: its text) ranked, the best $3 of at most $4.
    ranked constant text := $query$
        SELECT m.code,
               (COALESCE(pg_catalog.ts_rank(m.search_document, $1, 1), 0)
                + %1$s.word_similarity($2, m.search_words)
                + %1$s.similarity($2, pg_catalog.lower(COALESCE(m.product_name, ''))))::real
               AS rank
          FROM (SELECT p.code, p.search_document, p.search_words, p.product_name
                  FROM {schema}.products p
                 WHERE p.removed_at IS NULL AND %2$s
                 LIMIT $4) m
         ORDER BY rank DESC, m.code
         LIMIT $3 $query$;
BEGIN
    SELECT pg_catalog.quote_ident(ns.nspname) INTO trigram_schema
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace ns ON ns.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    IF trigram_schema IS NULL OR NOT EXISTS (
        SELECT 1 FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = '{schema}.products'::pg_catalog.regclass
           AND a.attname = 'search_document' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'product search is off in this catalogue'
            USING HINT = 'set import.search = true in offimport''s configuration, then run an import';
    END IF;
    IF typed IS NULL OR typed = '' OR n IS NULL OR n < 1 THEN
        RETURN;
    END IF;
    IF typed ~ '^[0-9]+$' THEN
        number := pg_catalog.ltrim(typed, '0');
        RETURN QUERY
        SELECT p.code, 1::real
          FROM {schema}.products p
         WHERE p.removed_at IS NULL
           AND (p.code = ANY (ARRAY[typed, number, pg_catalog.lpad(number, 8, '0'),
                                    pg_catalog.lpad(number, 13, '0')])
                OR p.code LIKE typed || '%')
         ORDER BY p.code = ANY (ARRAY[typed, number, pg_catalog.lpad(number, 8, '0'),
                                      pg_catalog.lpad(number, 13, '0')]) DESC, p.code
         LIMIT n;
        IF FOUND THEN
            RETURN;
        END IF;
    END IF;
    -- The query's words and text are parameters of the statements, so that the planner uses
    -- the GIN indexes rather than comparing every product. Words first: the text search index
    -- finds them at once. Only when they find fewer than n (a word mistyped) do trigrams look
    -- for what is close. Each ranks at most `candidates` matches: a word that half the
    -- catalogue has costs no more than a rare one.
    words := {schema}.search_query(typed);
    typed := {schema}.search_text(typed);
    RETURN QUERY EXECUTE pg_catalog.format(ranked, trigram_schema,
        'p.search_document OPERATOR(pg_catalog.@@) $1')
        USING words, typed, n, candidates;
    GET DIAGNOSTICS matched = ROW_COUNT;
    IF matched < n THEN
        RETURN QUERY EXECUTE pg_catalog.format(ranked, trigram_schema,
            pg_catalog.format('$2 OPERATOR(%s.<%%) p.search_words AND NOT COALESCE('
                              'p.search_document OPERATOR(pg_catalog.@@) $1, false)',
                              trigram_schema))
            USING words, typed, n - matched::integer, candidates;
    END IF;
END
$function$;
