#!/usr/bin/python3
"""The timing half of tools/benchmark/compare_builds, inside its cluster: each round imports
the dumps with every build in turn, each into a new database, so that both see the same
machine at nearly the same moment. Prints the medians and the ratio of the last build to the
first."""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

JOBS = ["first import", "unchanged dump", "5 % changed, 1 % removed"]


def run(binary, source, database, config):
    start = time.monotonic()
    result = subprocess.run([binary, "--full", "0", "--source", source, "--database",
                             f"dbname={database}", "--config", config, "--no-progress"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{binary}: {result.stderr[-1000:]}")
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", action="append", required=True, help="NAME=BINARY")
    parser.add_argument("input")
    parser.add_argument("changed")
    args = parser.parse_args()
    builds = [tuple(entry.split("=", 1)) for entry in args.build]
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as out:
        out.write("[import]\nmin_products = 1\n")
        config = out.name
    times = {(name, job): [] for name, _ in builds for job in JOBS}
    for round_number in range(args.runs):
        for name, binary in builds:
            database = f"compare_{round_number}"
            subprocess.run(["createdb", database], check=True)
            subprocess.run([binary, "--migrate", "--database", f"dbname={database}"], check=True,
                           capture_output=True)
            for job, source in zip(JOBS, [args.input, args.input, args.changed]):
                times[(name, job)].append(run(binary, source, database, config))
            subprocess.run(["dropdb", database], check=True)
            print(f"round {round_number + 1}, {name}: " + ", ".join(
                f"{times[(name, job)][-1]:.2f} s" for job in JOBS), flush=True)
    os.unlink(config)
    first, last = builds[0][0], builds[-1][0]
    print(f"\n| job | {first} | {last} | {last} / {first} |\n|---|---|---|---|")
    for job in JOBS:
        before = statistics.median(times[(first, job)])
        after = statistics.median(times[(last, job)])
        print(f"| {job} | {before:.2f} s | {after:.2f} s | {after / before:.3f} |")


if __name__ == "__main__":
    main()
