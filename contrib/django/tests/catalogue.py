"""What the Django tests share: a throwaway database of their own, offimport importing the
shared sample into it, and that sample with products left out (a weekly dump without them)."""
import contextlib
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(os.environ.get("OFFIMPORT_SHARED_DATA",
                                     os.path.join(HERE, "../../../../shared/data")),
                      "off-products-sample.jsonl.gz")
# The sample holds 7,650 products: a limit close under it, as production keeps one.
CONFIG = ('[import]\nlanguages = ["fr", "en"]\nmin_products = 7000\nsearch = true\n'
          'removed_products = "{mode}"\n{extra}')


def skip(message):
    """Ends the test as skipped (77) for want of `message`, or failed (1) under CI or
    OFFIMPORT_NO_SKIP=1, where a skip is a failure."""
    if os.environ.get("CI") == "true" or os.environ.get("OFFIMPORT_NO_SKIP") == "1":
        print("FAIL: " + message)
        sys.exit(1)
    print("SKIP: " + message)
    sys.exit(77)


def sample_or_exit(sample=SAMPLE):
    """The sample's path; skip() without it."""
    if not os.path.isfile(sample):
        skip(f"{sample} not found; this test needs the shared sample")
    return sample


def psql(database, sql):
    return subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, "-c",
                           sql], capture_output=True, text=True, check=True).stdout.strip()


def offimport(binary, source, database, mode, tmp, extra=""):
    """A full import of `source` into `database` with import.removed_products = `mode`."""
    config = os.path.join(tmp, f"{mode}.toml")
    with open(config, "w", encoding="utf-8") as out:
        out.write(CONFIG.format(mode=mode, extra=extra))
    return subprocess.run([binary, "--full", "0", "--source", source, "--database",
                           f"dbname={database}", "--config", config, "--no-progress"],
                          capture_output=True, text=True)


def regraded(sample, code, grade, path):
    """The sample with product `code`'s Nutri-Score set to `grade`, as a new gzip dump at
    `path` (its other lines byte for byte)."""
    needle = f'"code":"{code}"'
    with gzip.open(sample, "rt", encoding="utf-8", errors="surrogateescape") as lines, \
            gzip.open(path, "wt", encoding="utf-8", errors="surrogateescape") as out:
        for line in lines:
            if needle in line.replace(" ", ""):
                product = json.loads(line)
                product["nutriscore_grade"] = grade
                line = json.dumps(product) + "\n"
            out.write(line)


def without(sample, codes, path):
    """The sample without the lines of the products `codes`, as a new gzip dump at `path`."""
    needles = [f'"code":"{code}"' for code in codes]
    with gzip.open(sample, "rt", encoding="utf-8", errors="surrogateescape") as lines, \
            gzip.open(path, "wt", encoding="utf-8", errors="surrogateescape") as out:
        for line in lines:
            packed = line.replace(" ", "")
            if not any(needle in packed for needle in needles):
                out.write(line)


@contextlib.contextmanager
def imported_catalogue(binary, prefix, extra=""):
    """(database, temporary directory): a database of this test's own with the sample imported
    in mark mode; dropped afterwards, whatever happened."""
    sample = sample_or_exit()
    database = f"{prefix}_{os.getpid()}_{os.urandom(4).hex()}"
    psql("postgres", f'CREATE DATABASE "{database}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            first = offimport(binary, sample, database, "mark", tmp, extra)
            if first.returncode != 0:
                raise RuntimeError("offimport: " + first.stderr[-2000:])
            yield database, tmp
    finally:
        if "django" in sys.modules:
            from django.db import connections
            connections.close_all()
        psql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


class Checks:
    """Named checks that go on after a failure, so one run shows every problem."""

    def __init__(self):
        self.failures = []

    def __call__(self, condition, what):
        print(("ok    " if condition else "FAIL  ") + what, flush=True)
        if not condition:
            self.failures.append(what)
        return condition

    def exit_code(self):
        print(f"{len(self.failures)} check(s) failed" if self.failures else "all checks passed")
        return 1 if self.failures else 0
