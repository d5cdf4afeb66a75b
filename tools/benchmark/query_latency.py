#!/usr/bin/env python3
"""The application's two questions, timed: off.search_products over 200 real-looking queries
(words of the catalogue's own product names, a quarter of them with a typo, a tenth barcode
prefixes) and off.substitutes over 200 graded products, each run once warm, on the database
the PG* variables name. Prints p50 and p95 in milliseconds. The queries are drawn with a fixed
seed from the catalogue, so two runs on the same catalogue ask the same questions.
Usage: query_latency.py DATABASE [--count N]"""
import argparse
import random
import time

import psycopg2


def sample_products(cursor, where, count, seed):
    cursor.execute("SELECT setseed(%s)", [seed])
    cursor.execute(f"SELECT code, product_name FROM off.products "
                   f"TABLESAMPLE SYSTEM (10) REPEATABLE (%s) "
                   f"WHERE removed_at IS NULL AND {where} ORDER BY random(), code LIMIT %s",
                   [int(seed * 1000), count])
    return cursor.fetchall()


def queries_from(products, rng):
    queries = []
    for index, (code, name) in enumerate(products):
        words = [w for w in (name or "").split() if w.isalpha()] or [code]
        query = " ".join(words[:rng.randint(1, 2)])
        if index % 10 == 0:
            query = code[:8]
        elif index % 4 == 0 and len(query) > 4:
            cut = rng.randrange(1, len(query) - 1)
            query = query[:cut] + query[cut + 1:]  # a letter left out
        queries.append(query)
    return queries


def timed(cursor, statement, values):
    cursor.execute(statement, values)  # warm: plans, pages in cache
    started = time.perf_counter()
    cursor.execute(statement, values)
    cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database")
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    connection = psycopg2.connect(dbname=args.database)
    connection.autocommit = True
    cursor = connection.cursor()
    rng = random.Random(7)
    named = sample_products(cursor, "product_name IS NOT NULL", args.count, 0.7)
    graded = sample_products(cursor, "nutriscore_grade IN ('c', 'd', 'e')", args.count, 0.3)
    search = [timed(cursor, "SELECT * FROM off.search_products(%s, 10)", [q])
              for q in queries_from(named, rng)]
    substitutes = [timed(cursor, "SELECT * FROM off.substitutes(%s, 10)", [code])
                   for code, _ in graded]
    cursor.execute("SELECT count(*) FROM off.products")
    products = cursor.fetchone()[0]
    for name, values in (("off.search_products", search), ("off.substitutes", substitutes)):
        print(f"{name}: p50 {percentile(values, 0.5):.1f} ms, p95 {percentile(values, 0.95):.1f}"
              f" ms over {len(values)} calls on {products:,} products")


if __name__ == "__main__":
    main()
