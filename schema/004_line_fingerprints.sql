-- Fingerprints of the dump lines the products came from (see importer/load/known_lines.hpp):
-- a full import counts a line whose fingerprint is here as its product unchanged, without
-- parsing, staging or comparing it. 0 is "no line known" (a product a delta wrote).
CREATE TABLE {schema}.line_fingerprints (
    code        text COLLATE "C" PRIMARY KEY,
    fingerprint bigint NOT NULL
);

-- When the fingerprints may be trusted: the mapping they were made under (program mapping
-- version, languages, extra columns) and the last full import that compared every product.
-- No row: the next full import compares every product.
CREATE TABLE {schema}.fingerprint_state (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    mapping     text NOT NULL,
    compared_at timestamptz NOT NULL
);

-- Products marked removed, found without reading the whole table.
CREATE INDEX products_removed_idx ON {schema}.products (code) WHERE removed_at IS NOT NULL;
