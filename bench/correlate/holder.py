#!/usr/bin/env python3
"""Holds N open loopback TCP sockets (N/2 connections: both ends in this process) plus a listener.

Prints "ready N" when all are established, then waits to be killed. Loopback only.
"""
import resource
import signal
import socket
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
resource.setrlimit(resource.RLIMIT_NOFILE, (n + 1024, n + 1024))
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(4096)
held = []
for _ in range(n // 2):
    c = socket.create_connection(listener.getsockname())
    a, _ = listener.accept()
    held += [c, a]
print("ready", len(held), flush=True)
signal.pause()
