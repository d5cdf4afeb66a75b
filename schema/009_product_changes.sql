-- The change feed: one row per product an import wrote, in the import's own transaction, so a
-- reader sees a run's changes exactly when it sees its catalogue. An import that changed
-- nothing writes none. The import keeps the rows of its last import.keep_changes_runs
-- successful runs and deletes older ones. A first import (into an empty catalogue) writes no
-- rows: every product is new (its run in {schema}.runs says so, inserted = the catalogue).
-- A delta run that applies several files writes one row per product: the first change's kind
-- and "before", the last one's "after".
--
-- change: inserted (new code), updated (content differs), removed (gone from the dump:
-- deleted, or marked under import.removed_products = "mark"), returned (marked removed before,
-- in the dump again). The grades are NULL where the product had none, before it existed and
-- after it went.
--
-- No foreign key to runs: checking one per row would cost more than the row, and only the
-- import writes here. (run_id, code) is the row's key, and its only index: "the last run's
-- changes of these products" is a lookup in it, and the history of one product spans at most
-- keep_changes_runs run ids. `id`, unique by construction, is for Django, whose models need a
-- one-column key; it has no index of its own (a third of a change row's WAL).
CREATE TABLE {schema}.product_changes (
    id                bigint GENERATED ALWAYS AS IDENTITY,
    run_id            bigint NOT NULL,
    code              text COLLATE "C" NOT NULL,
    change            text NOT NULL CHECK (change IN ('inserted', 'updated', 'removed', 'returned')),
    nutriscore_before text,
    nutriscore_after  text,
    nova_before       smallint,
    nova_after        smallint,
    PRIMARY KEY (run_id, code)
);
