#!/usr/bin/python3
"""off.substitutes against a judged set of real products (judged.tsv): imports the shared
sample into a database of its own, asks for 5 substitutes of each judged product, and counts
those of a kind the judge accepts, and the products that get at least one.
Targets: at least 95 % of substitutes of the same kind, at least 94 % of products served.
--before measures the rule it replaced (the most specific category listed, by position).
Exit 0: targets met; 1: not met, or no sample under CI; 77: no sample."""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = ('[import]\nlanguages = ["fr", "en"]\n'
          'extra_columns = ["compared_to_category", "unique_scans_n"]\n')

# The rule before off.substitutes: the category of highest position with a language prefix,
# not en:undefined, holding two other graded products; the better-graded products in it.
BEFORE = """
WITH target AS (
    SELECT p.code, p.nutriscore_grade,
           (SELECT pc.category_id FROM off.product_categories pc
              JOIN off.categories c ON c.id = pc.category_id
             WHERE pc.product_code = p.code AND c.tag LIKE '%%:%%' AND c.tag <> 'en:undefined'
               AND (SELECT count(*) FROM off.product_categories o
                      JOIN off.products s ON s.code = o.product_code
                     WHERE o.category_id = pc.category_id AND s.code <> p.code
                       AND s.nutriscore_grade IS NOT NULL) >= 2
             ORDER BY pc.position DESC LIMIT 1) AS category_id
      FROM off.products p WHERE p.code = '{code}')
SELECT s.code FROM target t
  JOIN off.product_categories pc ON pc.category_id = t.category_id
  JOIN off.products s ON s.code = pc.product_code
 WHERE s.nutriscore_grade < t.nutriscore_grade AND s.removed_at IS NULL
 ORDER BY s.nutriscore_grade, s.product_name, s.code LIMIT 5"""
AFTER = "SELECT code FROM off.substitutes('{code}', 5)"


def psql(database, sql):
    return subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, "-c",
                           sql], capture_output=True, text=True, check=True).stdout.split()


def judged():
    with open(os.path.join(HERE, "judged.tsv"), encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                code, kind, accepted = line.rstrip("\n").split("\t")
                yield code, kind, set(accepted.split())


def measure(database, statement):
    served = same_kind = returned = 0
    products = list(judged())
    for code, kind, accepted in products:
        found = psql(database, statement.format(code=code))
        served += 1 if found else 0
        for substitute in found:
            tags = set(psql(database, "SELECT unnest(categories_tags) FROM off.products "
                                      f"WHERE code = '{substitute}'"))
            returned += 1
            if tags & accepted:
                same_kind += 1
            else:
                name = psql(database, f"SELECT product_name FROM off.products "
                                      f"WHERE code = '{substitute}'")
                print(f"  {code} ({kind}): {substitute} {' '.join(name)} is another kind")
        if not found:
            print(f"  {code} ({kind}): no substitute")
    return served, len(products), same_kind, returned


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offimport", required=True)
    parser.add_argument("--before", action="store_true")
    args = parser.parse_args()
    shared = os.environ.get("OFFIMPORT_SHARED_DATA",
                            os.path.join(HERE, "..", "..", "..", "shared", "data"))
    sample = os.path.join(shared, "off-products-sample.jsonl.gz")
    if not os.path.exists(sample):
        print(f"no shared sample at {sample}: the judged set is not measured")
        forbidden = os.environ.get("CI") == "true" or os.environ.get("OFFIMPORT_NO_SKIP") == "1"
        return 1 if forbidden else 77
    database = f"offimport_judged_{os.getpid()}"
    subprocess.run(["createdb", database], check=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = os.path.join(tmp, "judged.toml")
            with open(config, "w", encoding="utf-8") as out:
                out.write(CONFIG)
            subprocess.run([args.offimport, "--full", "--source", sample, "--database",
                            f"dbname={database}", "--config", config, "--no-progress", "-q"],
                           check=True)
        served, total, same_kind, returned = measure(database, BEFORE if args.before else AFTER)
    finally:
        subprocess.run(["dropdb", "--if-exists", database], check=True)
    kind_share = same_kind / returned if returned else 0.0
    served_share = served / total
    print(f"{'before' if args.before else 'off.substitutes'}: {same_kind} of {returned} "
          f"substitutes of the same kind ({kind_share:.1%}), {served} of {total} products "
          f"with at least one ({served_share:.1%})")
    if args.before:
        return 0
    return 0 if kind_share >= 0.95 and served_share >= 0.94 else 1


if __name__ == "__main__":
    sys.exit(main())
