-- Search at world size (2.76 million products, docs/benchmarks.md): a short word is no longer
-- a prefix, each phase ranks at most 200 matches instead of 2,000, no plan is compiled, and a
-- mistyped word is corrected against the catalogue's vocabulary (a table the import keeps
-- while import.search is on) before trigrams compare the query with every product. The
-- definitions of search_query and search_products below replace those that 005_search.sql
-- made in catalogues migrated before this file.

-- What a query asks: each of its words, accents and case aside, as the same stem in one of the
-- languages most of the catalogue is written in, and with `prefix`, as the start of a word of
-- the product (a word of 3 letters or more: "de" or "x" as a prefix would match most of the
-- catalogue).
DROP FUNCTION IF EXISTS {schema}.search_query(text);
CREATE FUNCTION {schema}.search_query(query text, prefix boolean DEFAULT true) RETURNS tsquery
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
            pg_catalog.quote_literal(word) ||
            CASE WHEN prefix AND pg_catalog.length(word) >= 3 THEN ':*' ELSE '' END);
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

-- What a query asks of this catalogue, word by word, with its vocabulary
-- ({schema}.search_vocabulary):
-- - a word the catalogue has whole is that word (and its stems): "sin" or "bio" as the start
--   of every word they begin made a common pair of words 10 times slower, since the text search
--   index cannot skip through a prefix. The last word of the query, of 4 letters or more, is
--   also the start of words, as a person may not have finished typing it ("choco");
-- - a word that only begins words of the catalogue is their start ("coca col");
-- - any other word is mistyped: with `correct`, the (up to 3) words of the vocabulary most
--   like it ("nutela": nutella; "kitkat": kit or kat); without, itself.
-- With `correct`, NULL when no word is mistyped (nothing to correct) or a mistyped word is like
-- none.
CREATE FUNCTION {schema}.catalogue_query(query text, trigram_schema text, correct boolean)
    RETURNS tsquery
    LANGUAGE plpgsql STABLE
    SET pg_trgm.similarity_threshold = 0.3
AS $function$
DECLARE
    asked text; -- a word of the query
    last_word bigint;
    step bigint;
    whole boolean;
    begins boolean;
    alike text;
    part tsquery;
    wanted tsquery;
    corrected boolean := false;
BEGIN
    SELECT pg_catalog.count(*) INTO last_word
      FROM pg_catalog.regexp_split_to_table({schema}.search_text(query), '[^[:alnum:]]+') AS w
     WHERE w <> '';
    step := 0;
    FOR asked IN
        SELECT w FROM pg_catalog.regexp_split_to_table({schema}.search_text(query),
                                                       '[^[:alnum:]]+') AS w
         WHERE w <> ''
    LOOP
        step := step + 1;
        whole := EXISTS (SELECT 1 FROM {schema}.search_vocabulary v WHERE v.word = asked);
        -- Words are letters and digits only: nothing in them is special to LIKE.
        begins := whole OR EXISTS (SELECT 1 FROM {schema}.search_vocabulary v
                                    WHERE v.word LIKE asked OPERATOR(pg_catalog.||) '%');
        IF begins OR NOT correct THEN
            part := {schema}.search_query(asked, NOT whole OR
                                          (step = last_word AND pg_catalog.length(asked) >= 4));
        ELSE
            EXECUTE pg_catalog.format($query$
                SELECT pg_catalog.string_agg(pg_catalog.quote_literal(a.word), ' | ')
                  FROM (SELECT v.word FROM {schema}.search_vocabulary v
                         WHERE v.word OPERATOR(%1$s.%%) $1
                         ORDER BY %1$s.similarity(v.word, $1) DESC, v.word
                         LIMIT 3) a $query$, trigram_schema)
               INTO alike USING asked;
            IF alike IS NULL THEN
                RETURN NULL;
            END IF;
            part := pg_catalog.to_tsquery('pg_catalog.simple', alike);
            corrected := true;
        END IF;
        wanted := CASE WHEN wanted IS NULL THEN part
                       ELSE wanted OPERATOR(pg_catalog.&&) part END;
    END LOOP;
    RETURN CASE WHEN corrected OR NOT correct THEN wanted END;
END
$function$;

-- Up to n present products for a query, best first: a barcode or the start of one finds its
-- products; words find products by name, brands and generic name (full text, stemmed), and,
-- for a word mistyped, by the trigrams of name, brands and generic name. The rank adds the
-- text rank (divided by the log of the document's length), the word similarity of the query
-- to the product's words, and the similarity of the query to the product's name: of two
-- products that match every word, the one whose name is closest comes first ("Nutella"
-- before "Nutella biscuits"), and a product with a name before one without.
CREATE OR REPLACE FUNCTION {schema}.search_products(query text, n integer DEFAULT 20)
    RETURNS TABLE (code text, rank real)
    LANGUAGE plpgsql STABLE
    SET pg_trgm.word_similarity_threshold = 0.5
    -- Compiling a plan costs more than these statements take (they read a few hundred rows),
    -- yet their estimates over millions of products would trigger it.
    SET jit = off
AS $function$
DECLARE
    trigram_schema text;
    typed text := pg_catalog.btrim(query);
    number text;
    words tsquery;
    corrected tsquery;
    has_vocabulary boolean;
    matched bigint;
    more bigint;
    candidates constant integer := 200;
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
    -- finds them at once. When they find fewer than n, a mistyped word is corrected against
    -- the vocabulary, and the corrected words are looked for the same way. Only when neither
    -- finds anything do trigrams compare the query with every product (the slowest: a few
    -- hundred milliseconds at world size). Each ranks at most `candidates` matches: a word
    -- that half the catalogue has costs no more than a rare one (2,000 candidates: p95 206 ms
    -- at world size; 200: 88 ms).
    has_vocabulary := pg_catalog.to_regclass('{schema}.search_vocabulary') IS NOT NULL;
    words := CASE WHEN has_vocabulary
                  THEN {schema}.catalogue_query(typed, trigram_schema, false)
                  ELSE {schema}.search_query(typed) END;
    RETURN QUERY EXECUTE pg_catalog.format(ranked, trigram_schema,
        'p.search_document OPERATOR(pg_catalog.@@) $1')
        USING words, {schema}.search_text(typed), n, candidates;
    GET DIAGNOSTICS matched = ROW_COUNT;
    IF matched < n AND has_vocabulary THEN
        corrected := {schema}.catalogue_query(typed, trigram_schema, true);
        IF corrected IS NOT NULL THEN
            RETURN QUERY EXECUTE pg_catalog.format(ranked, trigram_schema,
                'p.search_document OPERATOR(pg_catalog.@@) $1 AND NOT COALESCE('
                'p.search_document OPERATOR(pg_catalog.@@) $5, false)')
                USING corrected, {schema}.search_text(typed), n - matched::integer, candidates,
                      words;
            GET DIAGNOSTICS more = ROW_COUNT;
            matched := matched + more;
        END IF;
    END IF;
    IF matched = 0 THEN
        typed := {schema}.search_text(typed);
        RETURN QUERY EXECUTE pg_catalog.format(ranked, trigram_schema,
            pg_catalog.format('$2 OPERATOR(%s.<%%) p.search_words', trigram_schema))
            USING words, typed, n, candidates;
    END IF;
END
$function$;
