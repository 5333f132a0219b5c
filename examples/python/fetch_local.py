#!/usr/bin/env python3
"""Starts a tiny HTTP server on loopback, fetches from it a few times, then exits.

One self-contained process with both ends of a TCP connection, for trying nettrace:
    ./nettrace run -- python3 examples/python/fetch_local.py
"""
import http.server
import sys
import threading
import urllib.request


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from nettrace's example server\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/" % server.server_address[1]
    for _ in range(count):
        with urllib.request.urlopen(url, timeout=5) as reply:
            sys.stdout.write(reply.read().decode())
    server.shutdown()


if __name__ == "__main__":
    main()
