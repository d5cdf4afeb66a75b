#!/usr/bin/python3
"""Request latency of the reference site under a short loopback load through Nginx: wrk with
20 connections for 30 s on search pages, then on product pages (with their substitutes).
Start the site first (tools/demo --site); wrk comes from Debian's package of that name.

  tools/benchmark/site_load.py [--url http://127.0.0.1:8080/] [--seconds 30] [--clients 20]

Searches rotate over QUERIES; product pages over the products those searches find. Prints one
line a page kind: requests/s and latency percentiles, as wrk measured them. wrk shares the
machine with Nginx, Gunicorn and PostgreSQL: on 2 cores it takes part of one."""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

QUERIES = ["cola", "nutella", "yaourt nature", "chocolat noir", "pain de mie", "jus d'orange",
           "biscuits", "lait demi-écrémé", "céréales", "fromage", "chips", "eau gazeuse",
           "compote", "jambon", "pâtes", "riz", "muesli", "confiture", "beurre", "thé glacé"]
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def products(url):
    codes = []
    for query in QUERIES:
        page = urllib.request.urlopen(url + "search?q=" + urllib.parse.quote(query),
                                      timeout=30).read().decode()
        codes += re.findall(r'href="/product/(\d+)/"', page)[:5]
    return sorted(set(codes))


def run_wrk(url, paths, seconds, clients):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(f'"{path}"' for path in paths))
    try:
        output = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency",
                                 "-s", script.name, url], capture_output=True, text=True,
                                check=True).stdout
    finally:
        os.unlink(script.name)
    percentiles = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M))
    rate = re.search(r"Requests/sec:\s+(\S+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, percentiles, errors.group(1) if errors else "0"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080/")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    url = args.url.rstrip("/") + "/"
    codes = products(url)
    if not codes:
        print(f"site_load: no product found by searching {url}: is the site serving a catalogue?")
        return 1
    kinds = [("search", ["/search?q=" + urllib.parse.quote_plus(q) for q in QUERIES]),
             ("product", [f"/product/{code}/" for code in codes])]
    print(f"{args.clients} clients for {args.seconds} s a page kind, through {url}")
    print("| page | distinct pages | requests/s | p50 | p90 | p99 | errors |")
    print("|---|---|---|---|---|---|---|")
    for kind, paths in kinds:
        rate, percentiles, errors = run_wrk(url, paths, args.seconds, args.clients)
        print(f"| {kind} | {len(paths)} | {rate} | {percentiles.get('50')} | "
              f"{percentiles.get('90')} | {percentiles.get('99')} | {errors} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
