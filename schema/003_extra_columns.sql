-- The extra columns (import.extra_columns) that offimport added to products: added when a
-- configuration first chooses one, filled_at set by each full import that filled it, chosen
-- cleared when the configuration no longer lists it (the column stays until dropped by hand).
CREATE TABLE {schema}.extra_columns (
    name      text PRIMARY KEY,
    sql_type  text NOT NULL,
    added_at  timestamptz NOT NULL DEFAULT now(),
    filled_at timestamptz,
    chosen    boolean NOT NULL DEFAULT true
);
