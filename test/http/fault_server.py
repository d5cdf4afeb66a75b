#!/usr/bin/env python3
"""A small HTTP server that misbehaves on purpose, for offimport's download tests.

Serves one file at any path, with an ETag, Range/If-Range and If-None-Match support, and
injects one fault into the first FAULTS responses:
  close-after:N   send N body bytes, then close the connection
  short:N         announce the full Content-Length, send N bytes, then close
  stall-after:N   send N body bytes, then stop sending (the client must time out)
  change-after:N  send N bytes and close; from then on serve the file from --changed-file
                  (another ETag), as if it was replaced on the server
  status:CODE     answer CODE with an empty body
  endless         answer 200 without a length and send blank lines until the client leaves
  redirect        answer 302 to --redirect-to
Options: --no-etag sends Last-Modified (the file's mtime) as the only validator;
--ignore-if-range honours Range even when If-Range names another version (a broken server);
--tls-cert/--tls-key serve HTTPS.
Every request is appended to --log as one JSON line (status, range start, body bytes sent).
Listens on 127.0.0.1:PORT only; stops by itself after --lifetime seconds.
"""
import argparse
import email.utils
import hashlib
import http.server
import json
import os
import ssl
import threading
import time


class State:
    def __init__(self, args):
        self.path = args.file
        self.changed_path = args.changed_file
        self.fault, _, amount = args.fault.partition(":")
        self.amount = int(amount or 0)
        self.faults_left = args.faults
        self.log_path = args.log
        self.no_etag = args.no_etag
        self.ignore_if_range = args.ignore_if_range
        self.redirect_to = args.redirect_to
        self.lock = threading.Lock()

    def current(self):
        """The body and its validators: {"ETag": ...} or {"Last-Modified": ...}."""
        with open(self.path, "rb") as f:
            body = f.read()
        if self.no_etag:
            modified = email.utils.formatdate(os.stat(self.path).st_mtime, usegmt=True)
            return body, {"Last-Modified": modified}
        return body, {"ETag": '"' + hashlib.md5(body).hexdigest() + '"'}

    def take_fault(self):
        with self.lock:
            if self.faults_left > 0 and self.fault != "none":
                self.faults_left -= 1
                return self.fault
            return None

    def log(self, entry):
        with self.lock, open(self.log_path, "a") as f:
            f.write(json.dumps(entry) + "\n")


def make_handler(state):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            body, validators = state.current()
            version = next(iter(validators.values()))
            fault = state.take_fault()
            if fault == "status":
                return self.finish_response(state.amount, {}, b"", 0)
            if fault == "redirect":
                return self.finish_response(302, {"Location": state.redirect_to}, b"", 0)
            if fault == "endless":
                return self.send_endless()
            if self.headers.get("If-None-Match", "-") == validators.get("ETag"):
                return self.finish_response(304, validators, b"", 0)
            start = self.range_start(version)
            status = 206 if start else 200
            headers = dict(validators, **{"Accept-Ranges": "bytes",
                                          "Content-Length": str(len(body) - start)})
            if start:
                headers["Content-Range"] = "bytes %d-%d/%d" % (start, len(body) - 1, len(body))
            self.finish_response(status, headers, body[start:], start, fault)

        def range_start(self, version):
            requested = self.headers.get("Range", "")
            if_range = self.headers.get("If-Range")
            if not requested.startswith("bytes="):
                return 0
            if if_range and if_range != version and not state.ignore_if_range:
                return 0
            return int(requested[len("bytes="):].split("-")[0])

        def send_endless(self):
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            sent = 0
            try:
                while True:
                    self.wfile.write(b"\n" * 65536)
                    sent += 65536
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            state.log({"status": 200, "range_start": 0, "sent": sent, "fault": "endless"})

        def finish_response(self, status, headers, payload, start, fault=None):
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", "0")
            self.end_headers()
            sent = self.send_body(payload, fault)
            state.log({"status": status, "range_start": start, "sent": sent, "fault": fault})

        def send_body(self, payload, fault):
            if fault in ("close-after", "short", "change-after", "stall-after"):
                payload = payload[:state.amount]
            try:
                self.wfile.write(payload)
                self.wfile.flush()
                if fault == "stall-after":
                    time.sleep(3600)
            except (BrokenPipeError, ConnectionResetError):
                return 0
            if fault == "change-after" and state.changed_path:
                state.path = state.changed_path
            if fault:
                self.close_connection = True
            return len(payload)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--changed-file")
    parser.add_argument("--fault", default="none")
    parser.add_argument("--faults", type=int, default=1)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=120)
    parser.add_argument("--no-etag", action="store_true")
    parser.add_argument("--ignore-if-range", action="store_true")
    parser.add_argument("--redirect-to")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(State(args)))
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
