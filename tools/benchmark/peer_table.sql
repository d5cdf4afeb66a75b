-- The peer's target: the catalogue's product columns, loaded with \copy from DuckDB's CSV.
DROP TABLE IF EXISTS bench_peer;
CREATE TABLE bench_peer (
    code text, product_name text, generic_name text, brands text, quantity text, lang text,
    nutriscore_grade text, nova_group smallint, ecoscore_grade text,
    energy_kcal_100g double precision, fat_100g double precision,
    saturated_fat_100g double precision, carbohydrates_100g double precision,
    sugars_100g double precision, fiber_100g double precision, proteins_100g double precision,
    salt_100g double precision, sodium_100g double precision, categories_tags jsonb,
    countries_tags jsonb, labels_tags jsonb, stores text, image_url text, image_small_url text,
    url text, created_t bigint, last_modified_t bigint
);
