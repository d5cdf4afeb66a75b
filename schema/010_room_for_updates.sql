-- Room on each page for the weekly run's new row versions: an updated product whose indexed
-- columns (code, grade, categories, removed_at, search words) did not change then stays on its
-- page as a heap-only tuple (HOT), with no index entry to add and no second page to write.
-- At 1 GB (47,000 products, 5 % changed), this halves the WAL of a weekly run, which is what
-- each replica receives and replays (docs/benchmarks.md, "What a run costs downstream").
-- Pages written before this keep their fill until rewritten; a first import writes new ones.
ALTER TABLE {schema}.products SET (fillfactor = 90);
ALTER TABLE {schema}.line_fingerprints SET (fillfactor = 90);
