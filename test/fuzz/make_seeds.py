#!/usr/bin/python3
"""Writes the seed inputs of each fuzz target into test/fuzz/corpus/<target>/seed-*: a few lines
of the shared sample, the project's configuration files, zone files, hand-made cases. Run it
once to start a corpus; what the fuzzer adds is kept by `tools/fuzz --keep`.

Targets that read numbers with FuzzedDataProvider take them from the END of the input (and
strings from the front, a lone backslash ending each): the seeds are laid out that way.

    test/fuzz/make_seeds.py [--sample ../shared/data/off-products-sample.jsonl.gz]
"""
import argparse
import gzip
import hashlib
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def text_field(text):
    """A string FuzzedDataProvider's ConsumeRandomLengthString reads back whole."""
    return text.replace("\\", "\\\\").encode() + b"\\x"


def product_lines(sample):
    with gzip.open(sample, "rb") as lines:
        every = [line.rstrip(b"\n") for line in lines]
    every.sort(key=len)
    # The shortest products, and a few of every size up to 40 kB.
    chosen = every[:40] + every[len(every) // 4:len(every) * 3 // 4:len(every) // 30]
    for line in chosen:
        if len(line) <= 40000:
            write("product_line", line)
    for line in [
        '{"code":"3017620422003","product_name":"Nutella","nutriscore_grade":"e"}',
        '{"code":3017620422003,"nova_group":"4","nutriments":{"energy-kcal_100g":"539"}}',
        '{"code":"0000000000017","product_name":"a\\u0000b","categories_tags":["en:x","en:x"]}',
        '{"code":"12","code":"13","lang":"fr","product_name_fr":"Pain","lc":"fr"}',
        '{"code":" 0 ","last_modified_t":-1,"created_t":1e300,"nutriscore_score":"NaN"}',
        '{"code":"\\ud800","product_name":"\\udc00\\ud83d\\ude00"}',
        '{"code":"1","brands":"\\t\\n\\\\","image_front_url":"http://x/\\n"}',
        '[1,2,3]', '"text"', '{"code":null}', '{', '', '   ',
    ]:
        write("product_line", line)


def line_blocks():
    texts = [b'{"code":"1"}\n{"code":"2"}\n', b"a" * 300 + b"\nb\n" + b"c" * 70,
             b"\r\n\n\nx\r\n", b"no newline at the end"]
    for text in texts:
        for stream in (text, gzip.compress(text), gzip.compress(text) + gzip.compress(b"y\n"),
                       gzip.compress(text)[:-5]):
            for cuts in ([], [1, 2], [len(stream) // 2], [3, 10, 11, 20]):
                tail = b"".join(struct.pack("<H", cut) for cut in cuts)
                write("line_blocks", stream + tail + bytes([len(cuts)]))


def config_text():
    for name in ("offimport.toml", "production.toml"):
        with open(os.path.join(ROOT, "conf", name), "rb") as conf:
            write("config_text", conf.read())
    for text in ['[import]\nlanguages = ["fr", "en"]\nextra_columns = ["origins"]\n',
                 "[daemon]\nfull_schedule = \"0 3 * * 0\"\ntime_zone = \"Europe/Paris\"\n",
                 "[database]\nschema = 7\n", "[[x]]\n", "a = \"\\u0000\"\n", "= 1"]:
        write("config_text", text)


def instant(seconds):
    return struct.pack(">q", seconds)


def cron_next():
    zones = ["UTC0", "CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT,M3.2.0,M11.1.0",
             "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "NZST-12NZDT,M9.5.0,M4.1.0/3", "bad"]
    expressions = ["0 3 * * 0", "*/15 * * * *", "30 2 * * *", "0 0 29 2 *", "0 0 31 * 1",
                   "@hourly", "@yearly", "5-55/10 1-3 1,15 */2 MON-FRI", "0 0 30 2 *", "61 * * * *"]
    for zone in zones:
        for expression in expressions:
            write("cron_next", text_field(zone) + expression.encode() + instant(1711846800))


def time_zone():
    instants = b"".join(instant(t) for t in (0, 1711846800, 1729987200, 4102444800))
    for name in ("UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe",
                 "Pacific/Chatham", "Asia/Kolkata", "America/Sao_Paulo", "Africa/Casablanca"):
        path = os.path.join("/usr/share/zoneinfo", name)
        if os.path.exists(path):
            with open(path, "rb") as zone:
                write("time_zone", zone.read() + instants + b"\x01")
    for rule in ("CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT,M3.2.0,M11.1.0", "<-03>3",
                 "AAA-14BBB,J60/25,J365/-2", "XXX3YYY,0/0,365/25", "IST-5:30"):
        write("time_zone", rule.encode() + instants + b"\x00")


def http_headers():
    first = ["HTTP/1.1 200 OK\r\n", 'ETag: "v1"\r\n', "Last-Modified: Sun, 06 Dec 2026 03:00:00 GMT\r\n",
             "Content-Length: 1000\r\n"]
    resumed = ["HTTP/1.1 206 Partial Content\r\n", 'ETag: "v1"\r\n',
               "Last-Modified: Sun, 06 Dec 2026 03:00:00 GMT\r\n", "Content-Range: bytes 500-999/1000\r\n"]
    other = ["HTTP/1.1 302 Found\r\n", "Location: https://mirror/x\r\n", "HTTP/1.1 206 Partial\r\n",
             'etag: "v2"\r\n', "content-range: bytes 500-1999/2000\r\n"]
    for second in (resumed, other):
        lines = b"".join(text_field(line) for line in first + second)
        # first_lines (1 byte), then delivered (3 bytes), both from the end.
        write("http_headers", lines + bytes([3]) + (499).to_bytes(3, "big"))


def delta_index():
    index = "".join(f"openfoodfacts_products_{t}_{t + 86400}.json.gz\n"
                    for t in range(1700000000, 1700000000 + 86400 * 5, 86400))
    for text in (index, index + "index.txt\r\n../etc/passwd\n", "openfoodfacts_products_5_3.json.gz\n"):
        write("delta_index", text.encode() + instant(1700100000))


def sentry_dsn():
    for dsn in ("https://abcdef0123456789@o1.ingest.sentry.io/42",
                "http://key@127.0.0.1:9000/sentry/7", "https://@host/1", "https://key@host/",
                "ftp://key@host/1", "https://key:secret@host/1", "https://key@[::1]:80/2"):
        write("sentry_dsn", dsn)


def secret_masking():
    for text in ("postgresql://app:s3cret-pass@db.example/off?sslmode=require",
                 "host=db user=app password='pa ss\\'word' dbname=off",
                 "https://user:p%40ss%2Fword@mirror.example/dump.jsonl.gz",
                 "https://user:@mirror/x", "password=abcd host=abcd"):
        write("secret_masking", text_field(text) + b" in a log line ")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", default=os.path.join(ROOT, "../shared/data/off-products-sample.jsonl.gz"))
    args = parser.parse_args()
    product_lines(args.sample)
    line_blocks()
    config_text()
    cron_next()
    time_zone()
    http_headers()
    delta_index()
    sentry_dsn()
    secret_masking()


if __name__ == "__main__":
    main()
