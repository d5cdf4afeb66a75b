#!/usr/bin/env python3
"""offimport-gendump's synthetic products are coherent, as tools/demo shows them.

Each product copies one real kind of food: every product of one name has one category chain
(or that chain one level short), one Nutri-Score grade and nutrition close to its kind's; and
every most specific category holds products of more than one grade, so that a product has
healthier substitutes of its own kind. Usage: check_kinds.py GENDUMP
"""
import collections
import gzip
import json
import os
import subprocess
import sys
import tempfile

GRADES = {"a", "b", "c", "d", "e"}


def generated_products(gendump):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "dump.jsonl.gz")
        subprocess.run([gendump, "--count", "4000", "--seed", "11", "--quiet", "--output", path],
                       check=True)
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            return [json.loads(line) for line in lines]


def kind_of(product):
    """The name without the oddities the generator adds (spaces, a quoted edition, 50\\50)."""
    name = product.get("product_name") or ""
    return name.split(' "')[0].replace(" 50\\50", "").strip()


def main():
    products = generated_products(sys.argv[1])
    chains = collections.defaultdict(set)
    grades = collections.defaultdict(set)
    sugars = collections.defaultdict(list)
    for product in products:
        kind = kind_of(product)
        tags = product.get("categories_tags")
        if not isinstance(tags, list):
            continue
        tags = [tag for tag in tags if isinstance(tag, str)]  # the generator adds odd items
        if not kind or not tags:
            continue
        chains[kind].add(tuple(tags))
        grade = product.get("nutriscore_grade")
        if grade in GRADES:
            grades[kind].add(grade)
        value = (product.get("nutriments") or {}).get("sugars_100g")
        if isinstance(value, (int, float)):
            sugars[kind].append(value)
    failures = []
    if len(chains) < 30:
        failures.append(f"only {len(chains)} kinds of food named")
    for kind, seen in chains.items():
        longest = max(seen, key=len)
        if any(chain != longest[:len(chain)] or len(chain) < len(longest) - 1 for chain in seen):
            failures.append(f"{kind!r} has unrelated category chains: {sorted(seen)}")
        if len(grades[kind]) > 1:
            failures.append(f"{kind!r} has several grades: {sorted(grades[kind])}")
        values = sorted(sugars[kind])
        if values and values[-1] > values[0] * 1.25 + 0.5:
            failures.append(f"{kind!r} has sugars from {values[0]} to {values[-1]} g")
    by_category = collections.defaultdict(set)
    for kind, seen in chains.items():
        by_category[max(seen, key=len)[-1]] |= grades[kind]
    for category, category_grades in by_category.items():
        if len(category_grades) < 2:
            failures.append(f"{category} holds one grade only: no substitute of its kind")
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    print(f"{len(products)} products, {len(chains)} kinds, {len(by_category)} categories")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
