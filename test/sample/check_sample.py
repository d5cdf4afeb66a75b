#!/usr/bin/env python3
"""Independent oracle for offimport: imports the shared Open Food Facts sample into a fresh
database, recomputes every column of every product from the raw sample (its own gzip + JSON
reading, no importer code) and compares. Exit 0: all equal; 1: mismatch (or no sample under CI); 77: no sample."""

import argparse
import datetime
import gzip
import json
import math
import os
import re
import subprocess
import sys
import tempfile

LANGUAGES = ["fr", "en"]
EXTRA_COLUMNS = ["compared_to_category", "product_type", "ingredients_text", "allergens_tags",
                 "traces_tags", "additives_tags", "food_groups_tags", "brands_tags",
                 "nutrient_levels", "nutriscore_score", "serving_size", "unique_scans_n",
                 "popularity_key", "last_updated_at"]
CONFIG = ('[import]\nlanguages = ["fr", "en"]\nmax_reject_ratio = 0.01\nmin_products = 7000\n'
          f'extra_columns = {json.dumps(EXTRA_COLUMNS)}\n')
WS = " \t\n\r\f\v"
LANG_RE = re.compile(r"[a-z]{2,3}")
DIGITS_RE = re.compile(r"[0-9]+")
DECIMAL_RE = re.compile(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
NUTRISCORES = {"a", "b", "c", "d", "e"}
ECOSCORES = {"a-plus", "a", "b", "c", "d", "e", "f"}
T_MIN, T_MAX = -62135596800, 253402300799
NUTRIENTS = ["fat", "saturated-fat", "carbohydrates", "sugars", "fiber", "proteins", "salt",
             "sodium"]
FLOAT_COLUMNS = ["energy_kcal_100g"] + [n.replace("-", "_") + "_100g" for n in NUTRIENTS]
TIME_COLUMNS = ["created_at", "last_modified_at", "last_updated_at"]
PRODUCT_TYPES = {"food", "beauty", "petfood", "product"}
NUTRIENT_LEVEL_KEYS = ["fat", "saturated-fat", "sugars", "salt"]
NUTRIENT_LEVELS = {"low", "moderate", "high"}
COLUMNS = (["code", "product_name", "generic_name", "brands", "quantity", "lang",
            "nutriscore_grade", "nova_group", "ecoscore_grade"] + FLOAT_COLUMNS +
           ["categories_tags", "countries_tags", "labels_tags", "stores", "image_url",
            "image_small_url", "url", "created_at", "last_modified_at"] + EXTRA_COLUMNS)


# --- JSON reading.

class JsonNumber(str):
    """A JSON number kept as its literal text (a numeric code is "its literal digits")."""


def reject_constant(name):
    raise ValueError(f"not JSON: {name}")


def parse_line(text):
    """The JSON value of a line, or None when the line is not JSON (NaN/Infinity included)."""
    try:
        return json.loads(text, parse_int=JsonNumber, parse_float=JsonNumber,
                          parse_constant=reject_constant)
    except ValueError:
        return None


# --- Value rules.

def field(value, *path):
    """value[path[0]][path[1]]..., or None when a step is not an object."""
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def trimmed(value):
    """The text of a JSON string (ASCII whitespace trimmed) or number (literal), else ""."""
    return value.strip(WS) if isinstance(value, str) else ""


def clean(value):
    return (value.replace("\0", "").strip(WS) or None) if type(value) is str else None


def number(value):
    """A finite float from a JSON number or a decimal string, else None."""
    text = trimmed(value)
    result = float(text) if DECIMAL_RE.fullmatch(text) else math.nan
    return result if math.isfinite(result) else None


def normalise_code(value):
    """Digits only, leading zeros stripped; <= 7 digits padded to 8, 9-12 to 13; else None."""
    text = trimmed(value).lstrip("0") if DIGITS_RE.fullmatch(trimmed(value)) else ""
    return text.zfill(8 if len(text) <= 8 else 13) if text else None


def timestamp(value):
    seconds = number(value)
    return math.floor(seconds) if seconds is not None and T_MIN <= seconds <= T_MAX else None


def grade(value, allowed):
    text = "".join(c.lower() if "A" <= c <= "Z" else c for c in clean(value) or "")
    return text if text in allowed else None


def nova(value):
    group = number(value)
    return int(group) if group is not None and group.is_integer() and 1 <= group <= 4 else None


def localized(doc, base, lc):
    keys = [f"{base}_{lang}" for lang in LANGUAGES] + [base]
    keys += [f"{base}_{lc}"] if lc and LANG_RE.fullmatch(lc) else []
    return next(filter(None, (clean(doc.get(key)) for key in keys)), None)


def integer_within(value, low, high):
    result = number(value)
    return int(result) if result is not None and result.is_integer() and low <= result <= high \
        else None


def category(value):
    text = clean(value)
    return None if text == "en:null" else text


def one_of(value, allowed):
    text = clean(value)
    return text if text in allowed else None


def nutrient_levels(value):
    levels = {key: one_of(field(value, key), NUTRIENT_LEVELS) for key in NUTRIENT_LEVEL_KEYS}
    return {key: level for key, level in levels.items() if level} or None


def tags(value):
    return [t for t in map(clean, value) if t] or None if isinstance(value, list) else None


def nutrient_getter(doc):
    """Nutrient id -> value: the new `nutrition` object if present, else `nutriments`."""
    nutrients = field(doc, "nutrition", "aggregated_set", "nutrients")
    if isinstance(nutrients, dict):
        return lambda i: number(field(nutrients, i, "value"))
    return lambda i: number(field(doc, "nutriments", f"{i}_100g"))


def nutrition_columns(doc):
    get = nutrient_getter(doc)
    kcal = get("energy-kcal")
    if kcal is None:
        kj = get("energy-kj")
        kj = get("energy") if kj is None else kj
        kcal = kj / 4.184 if kj is not None else None
    columns = {n.replace("-", "_") + "_100g": get(n) for n in NUTRIENTS}
    return {"energy_kcal_100g": kcal, **columns}


# --- Front image rebuilt from `images` (old layout front_<L>, new layout selected.front.<L>).

def front_images(images):
    """(language, rev) of every front image with a rev, in document order, both layouts."""
    candidates = []
    for key, value in (images.items() if isinstance(images, dict) else []):
        if key.startswith("front_"):
            candidates.append((key[6:], value))
        front = field(value, "front") if key == "selected" else None
        candidates += front.items() if isinstance(front, dict) else []
    return [(lang, field(image, "rev")) for lang, image in candidates
            if LANG_RE.fullmatch(lang) and isinstance(field(image, "rev"), str)]


def choose_front(found, lc):
    for wanted in ([lc] if lc else []) + LANGUAGES:
        for lang, rev in found:
            if lang == wanted:
                return lang, rev
    return found[0] if found else (None, None)


def image_urls(doc, code, lc):
    lang, rev = choose_front(front_images(doc.get("images")), lc)
    rev = trimmed(rev)
    if not DIGITS_RE.fullmatch(rev):
        return None, None
    padded = code.zfill(13)
    folder = "/".join([padded[0:3], padded[3:6], padded[6:9], padded[9:]])
    base = f"https://images.openfoodfacts.org/images/products/{folder}/front_{lang}.{rev}"
    return base + ".400.jpg", base + ".200.jpg"


def expected_row(doc, code):
    lc = clean(doc.get("lc"))
    rebuilt = image_urls(doc, code, lc)
    ecoscores = (grade(doc.get(k), ECOSCORES) for k in ("environmental_score_grade",
                                                        "ecoscore_grade"))
    return {
        "code": code,
        "product_name": localized(doc, "product_name", lc),
        "generic_name": localized(doc, "generic_name", lc),
        "brands": clean(doc.get("brands")),
        "quantity": clean(doc.get("quantity")),
        "lang": lc or clean(doc.get("lang")),
        "nutriscore_grade": grade(doc.get("nutriscore_grade"), NUTRISCORES),
        "nova_group": nova(doc.get("nova_group")),
        "ecoscore_grade": next(filter(None, ecoscores), None),
        **nutrition_columns(doc),
        "categories_tags": tags(doc.get("categories_tags")),
        "countries_tags": tags(doc.get("countries_tags")),
        "labels_tags": tags(doc.get("labels_tags")),
        "stores": clean(doc.get("stores")),
        "image_url": clean(doc.get("image_front_url")) or rebuilt[0],
        "image_small_url": clean(doc.get("image_front_small_url")) or rebuilt[1],
        "url": f"https://world.openfoodfacts.org/product/{code}",
        "created_at": timestamp(doc.get("created_t")),
        "last_modified_at": timestamp(doc.get("last_modified_t")),
        **extra_columns(doc, lc),
    }


def extra_columns(doc, lc):
    """docs/catalogue.md's rules for the extra columns (import.extra_columns)."""
    return {
        "compared_to_category": category(doc.get("compared_to_category")),
        "product_type": one_of(doc.get("product_type"), PRODUCT_TYPES),
        "ingredients_text": localized(doc, "ingredients_text", lc),
        **{k: tags(doc.get(k)) for k in ("allergens_tags", "traces_tags", "additives_tags",
                                         "food_groups_tags", "brands_tags")},
        "nutrient_levels": nutrient_levels(doc.get("nutrient_levels")),
        "nutriscore_score": integer_within(doc.get("nutriscore_score"), -20, 60),
        "serving_size": clean(doc.get("serving_size")),
        "unique_scans_n": integer_within(doc.get("unique_scans_n"), 0, 2**31 - 1),
        "popularity_key": integer_within(doc.get("popularity_key"), -2**53, 2**53),
        "last_updated_at": timestamp(doc.get("last_updated_t")),
    }


def read_sample(path):
    """Expected rows by code (greatest last_modified_t wins, then the later line) and counts."""
    rows, ranks = {}, {}
    counts = {"lines": 0, "valid": 0, "reject_lines": []}
    with gzip.open(path, "rb") as sample:
        for line_no, raw in enumerate(sample, 1):
            if not raw.strip(WS.encode()):
                continue
            counts["lines"] += 1
            doc = parse_line(raw.decode("utf-8", errors="replace"))
            code = normalise_code(doc.get("code")) if isinstance(doc, dict) else None
            if code is None:
                counts["reject_lines"].append(line_no)
                continue
            counts["valid"] += 1
            modified = timestamp(doc.get("last_modified_t"))
            rank = (-math.inf if modified is None else modified, line_no)
            if code not in ranks or rank > ranks[code]:
                ranks[code], rows[code] = rank, expected_row(doc, code)
    return rows, counts


# --- Database side.

def psql(database, *args):
    command = ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", database, *args]
    result = subprocess.run(command, capture_output=True, text=True,
                            env={**os.environ, "PGTZ": "UTC"})
    if result.returncode != 0:
        sys.exit(f"FAIL: psql {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def query_json(database, sql):
    return [json.loads(line) for line in psql(database, "-At", "-c", sql).splitlines() if line]


def run_import(binary, sample, database):
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "offimport.toml")
        with open(config, "w", encoding="utf-8") as out:
            out.write(CONFIG)
        command = [binary, "--full", "0", "--source", sample, "--database",
                   f"dbname={database}", "--config", config, "--no-progress"]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"FAIL: offimport exited {result.returncode}\n{result.stderr[-3000:]}")


def read_database(database):
    products = query_json(database, "SELECT row_to_json(p) FROM off.products p")
    run = query_json(database, "SELECT row_to_json(r) FROM off.runs r ORDER BY id DESC LIMIT 1")
    rejects = query_json(database, f"SELECT line_no FROM off.rejects WHERE run_id = "
                                   f"{run[0]['id']} ORDER BY line_no")
    links = query_json(database, "SELECT json_build_array(pc.product_code, c.tag, pc.position) "
                                 "FROM off.product_categories pc JOIN off.categories c "
                                 "ON c.id = pc.category_id")
    return {p["code"]: p for p in products}, run[0], rejects, {tuple(link) for link in links}


# --- Comparison.

def equal(column, expected, actual):
    if column in TIME_COLUMNS and isinstance(actual, str):
        actual = datetime.datetime.fromisoformat(actual).timestamp()
    if column in FLOAT_COLUMNS and isinstance(expected, float) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=1e-9)
    return expected == actual


def compare(expected, actual):
    """Mismatches by column: [(code, expected, actual)]."""
    mismatches = {}
    for code in sorted(expected.keys() | actual.keys()):
        if code not in actual or code not in expected:
            presence = ["absent", "present"]
            mismatches.setdefault("code", []).append(
                (code, presence[code in expected], presence[code in actual]))
            continue
        for column in COLUMNS:
            value = actual[code].get(column, "<column missing>")
            if not equal(column, expected[code][column], value):
                mismatches.setdefault(column, []).append((code, expected[code][column], value))
    return mismatches


def expected_links(expected):
    """(code, tag, position) of every category link: a repeated tag at its first position."""
    links = set()
    for code, row in expected.items():
        seen = set()
        for position, tag in enumerate(row["categories_tags"] or [], 1):
            if tag not in seen:
                seen.add(tag)
                links.add((code, tag, position))
    return links


def link_problems(expected, actual):
    missing, extra = sorted(expected - actual), sorted(actual - expected)
    problems = [f"product_categories: {len(missing)} links missing, e.g. {missing[:3]}"] \
        if missing else []
    if extra:
        problems.append(f"product_categories: {len(extra)} links too many, e.g. {extra[:3]}")
    return problems


def count_problems(counts, distinct, run, rejects):
    rejected = counts["reject_lines"]
    wanted = {"status": "succeeded", "lines": counts["lines"], "inserted": distinct,
              "rejected": len(rejected), "duplicates": counts["valid"] - distinct}
    problems = [f"runs.{k}: expected {v!r}, actual {run.get(k)!r}"
                for k, v in wanted.items() if run.get(k) != v]
    if rejects != rejected[:1000]:
        problems.append(f"rejects.line_no: expected {rejected[:1000]}, actual {rejects}")
    return problems


def empty_column_problems(expected):
    """A column NULL in every product would match whatever its rule: each must have values."""
    filled = {column: sum(row[column] is not None for row in expected.values())
              for column in COLUMNS}
    print("extra columns filled: " + ", ".join(f"{c} {filled[c]}" for c in EXTRA_COLUMNS))
    return [f"{column}: NULL in every product" for column, n in filled.items() if n == 0]


def report(counts, expected, mismatches, problems):
    print(f"sample: {counts['lines']} lines, {len(counts['reject_lines'])} rejected, "
          f"{counts['valid'] - len(expected)} duplicates, {len(expected)} distinct codes")
    print(f"products compared: {len(expected)}, columns compared: {len(expected) * len(COLUMNS)}")
    for column, items in mismatches.items():
        print(f"MISMATCH {column}: {len(items)}")
        for code, want, got in items[:3]:
            print(f"  code={code} column={column} expected={want!r} actual={got!r}")
    for problem in problems:
        print(f"COUNT {problem}")
    print("FAIL" if mismatches or problems else "OK: every column of every product matches")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    binary = os.environ.get("OFFIMPORT_BINARY")
    parser.add_argument("--offimport", default=binary, required=binary is None)
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get("OFFIMPORT_SHARED_DATA",
                            os.path.join(here, "..", "..", "..", "shared", "data"))
    parser.add_argument("--sample", default=os.path.join(shared, "off-products-sample.jsonl.gz"))
    return parser.parse_args()


def main():
    args = parse_args()
    if not os.path.isfile(args.sample):
        missing = f"{args.sample} not found; this check needs the shared sample"
        # Under CI (or OFFIMPORT_NO_SKIP=1) a missing sample is a failure, not a skip.
        if os.environ.get("CI") == "true" or os.environ.get("OFFIMPORT_NO_SKIP") == "1":
            print(f"FAIL: {missing}")
            return 1
        print(f"SKIP: {missing}")
        return 77
    database = f"offimport_sample_{os.getpid()}_{os.urandom(4).hex()}"
    psql("postgres", "-q", "-c", f'CREATE DATABASE "{database}"')
    try:
        run_import(args.offimport, args.sample, database)
        products, run, rejects, links = read_database(database)
    finally:
        if os.environ.get("OFFIMPORT_KEEP_TEST_DB") == "1":
            print(f"kept database {database}")
        else:
            psql("postgres", "-q", "-c", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    expected, counts = read_sample(args.sample)
    mismatches = compare(expected, products)
    problems = count_problems(counts, len(expected), run, rejects)
    wanted_links = expected_links(expected)
    problems += link_problems(wanted_links, links)
    problems += empty_column_problems(expected)
    print(f"category links compared: {len(wanted_links)}")
    report(counts, expected, mismatches, problems)
    return 1 if mismatches or problems else 0


if __name__ == "__main__":
    sys.exit(main())
