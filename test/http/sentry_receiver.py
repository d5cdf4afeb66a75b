#!/usr/bin/env python3
"""Stands in for Sentry's ingestion endpoint in offimport's tests.

Accepts POST /api/<project>/envelope/ on 127.0.0.1:PORT and appends each request to --log as
one JSON line: the path, the X-Sentry-Auth and Content-Type headers, and the body. Answers
200 with an event id, as Sentry does. Stops by itself after --lifetime seconds.
"""
import argparse
import http.server
import json
import threading


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
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
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
