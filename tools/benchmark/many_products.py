#!/usr/bin/env python3
"""Writes a dump of many small products (about 600 bytes of JSON each) to stdout, to measure
the database side of offimport at the catalogue's real size (3.7 million products, 24 million
category links) without 59 GB of JSON. Deterministic for a given seed.

Usage: many_products.py COUNT [--seed S] [--change-rate R] [--drop-rate R] | igzip > dump.gz
"""
import argparse
import itertools
import json
import random
import sys

GRADES = "abcde"


def tag_pool(size):
    """Category tags with a long tail, as in Open Food Facts (a few common, many rare)."""
    return [f"en:category-{i}" for i in range(size)], list(
        itertools.accumulate(1.0 / (i + 1) for i in range(size)))


def product(rng, index, tags, weights):
    code = f"{2000000000000 + index * 7919 % 10**12:013d}"
    categories = rng.choices(tags, cum_weights=weights, k=rng.randint(3, 9))
    return {
        "code": code,
        "product_name": f"Product {index}",
        "brands": f"Brand {index % 5000}",
        "quantity": f"{rng.randint(1, 20) * 50} g",
        "lang": "fr", "lc": "fr",
        "nutriscore_grade": GRADES[index % 5],
        "nova_group": rng.randint(1, 4),
        "categories_tags": categories,
        "countries_tags": ["en:france"] + (["en:belgium"] if index % 3 == 0 else []),
        "labels_tags": ["en:organic"] if index % 4 == 0 else [],
        "nutriments": {"energy-kcal_100g": rng.randint(20, 900), "fat_100g": rng.random() * 40,
                       "sugars_100g": rng.random() * 50, "salt_100g": rng.random() * 3},
        "created_t": 1500000000 + index,
        "last_modified_t": 1600000000 + index,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--change-rate", type=float, default=0.0)
    parser.add_argument("--drop-rate", type=float, default=0.0)
    parser.add_argument("--duplicate-rate", type=float, default=0.002)
    args = parser.parse_args()
    tags, weights = tag_pool(20000)
    # Content and events come from two streams drawn the same way whatever the options, so a
    # product has the same content in every variant unless it is changed or dropped.
    content, events = random.Random(args.seed), random.Random(args.seed + 1)
    out = sys.stdout
    for index in range(args.count):
        event, duplicate = events.random(), events.random()
        item = product(content, index, tags, weights)
        if event < args.drop_rate:
            continue
        if args.drop_rate <= event < args.drop_rate + args.change_rate:
            item["product_name"] += " (new recipe)"
            item["last_modified_t"] += 1000
        line = json.dumps(item, separators=(",", ":"))
        out.write(line + "\n")
        if duplicate < args.duplicate_rate:
            out.write(line + "\n")  # a duplicate code, same content


if __name__ == "__main__":
    main()
