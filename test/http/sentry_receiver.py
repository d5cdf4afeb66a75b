#!/usr/bin/env python3
"""Stands in for Sentry's ingestion endpoint in offimport's tests.

Accepts POST /api/<project>/envelope/ (or /store/, as older SDKs send) on 127.0.0.1:PORT and
appends each request to --log as one JSON line: the path, the X-Sentry-Auth and Content-Type
headers, and the body (uncompressed). Answers 200 with an event id, as Sentry does. Stops by
itself after --lifetime seconds. With --port 0 the kernel picks a free port, which is written
to --port-file once the receiver listens.
"""
import argparse
import gzip
import http.server
import json
import os
import threading


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=300)
    parser.add_argument("--port-file", help="where to write the port listened on")
    args = parser.parse_args()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            # Python's SDK compresses what it sends.
            if self.headers.get("Content-Encoding", "") == "gzip":
                body = gzip.decompress(body)
            body = body.decode("utf-8", "replace")
            record = {"path": self.path, "auth": self.headers.get("X-Sentry-Auth", ""),
                      "content_type": self.headers.get("Content-Type", ""), "body": body}
            with lock, open(args.log, "a", encoding="utf-8") as log:
                log.write(json.dumps(record) + "\n")
            answer = b'{"id":"accepted"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    if args.port_file:
        with open(args.port_file + ".tmp", "w", encoding="ascii") as out:
            out.write(str(server.server_address[1]))
        os.replace(args.port_file + ".tmp", args.port_file)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
