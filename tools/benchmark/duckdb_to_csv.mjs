// The peer pipeline of tools/bench: DuckDB reads the gzip NDJSON dump and writes the catalogue's
// product columns to CSV (then tools/bench \copy-es the CSV into PostgreSQL).
// Usage: node duckdb_to_csv.mjs INPUT.jsonl.gz OUTPUT.csv
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const text = (name) => `${name}:'VARCHAR'`;
const columns = [
  'code', 'product_name', 'generic_name', 'brands', 'quantity', 'lc', 'nutriscore_grade',
  'nova_group', 'ecoscore_grade', 'environmental_score_grade', 'stores', 'image_front_url',
  'image_front_small_url', 'created_t', 'last_modified_t',
].map(text).concat(["nutriments:'JSON'", "categories_tags:'JSON'", "countries_tags:'JSON'",
  "labels_tags:'JSON'"]).join(', ');
const nutrient = (id) => `TRY_CAST(nutriments->>'${id}_100g' AS DOUBLE)`;
await connection.run(`
  COPY (
    SELECT trim(code) AS code, product_name, generic_name, brands, quantity, lc AS lang,
           nutriscore_grade, TRY_CAST(nova_group AS SMALLINT) AS nova_group,
           coalesce(environmental_score_grade, ecoscore_grade) AS ecoscore_grade,
           coalesce(${nutrient('energy-kcal')}, ${nutrient('energy-kj')} / 4.184) AS energy_kcal_100g,
           ${nutrient('fat')} AS fat_100g, ${nutrient('saturated-fat')} AS saturated_fat_100g,
           ${nutrient('carbohydrates')} AS carbohydrates_100g, ${nutrient('sugars')} AS sugars_100g,
           ${nutrient('fiber')} AS fiber_100g, ${nutrient('proteins')} AS proteins_100g,
           ${nutrient('salt')} AS salt_100g, ${nutrient('sodium')} AS sodium_100g,
           categories_tags, countries_tags, labels_tags, stores,
           image_front_url AS image_url, image_front_small_url AS image_small_url,
           'https://world.openfoodfacts.org/product/' || trim(code) AS url,
           TRY_CAST(created_t AS BIGINT) AS created_t,
           TRY_CAST(last_modified_t AS BIGINT) AS last_modified_t
      FROM read_ndjson('${input}', columns = {${columns}}, ignore_errors = true,
                       maximum_object_size = 67108864)
  ) TO '${output}' (FORMAT csv, HEADER false)`);
