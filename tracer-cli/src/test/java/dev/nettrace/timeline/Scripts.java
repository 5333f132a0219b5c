package dev.nettrace.timeline;

/** Python programs the timeline tests trace or inspect. Every one talks only to loopback. */
final class Scripts {
    private Scripts() {}

    /**
     * Holds a listener, a connected pair that moved 1000 bytes one way and 300 the other, a UDP
     * socket and an abstract unix listener; prints "ready LISTEN_PORT CLIENT_PORT" and waits for stdin to close.
     */
    static final String HOLDER = """
            import socket, sys
            l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()
            c = socket.create_connection(l.getsockname()); a, _ = l.accept()
            c.sendall(b'x' * 1000); a.recv(4096); a.sendall(b'y' * 300); c.recv(4096)
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))
            x = socket.socket(socket.AF_UNIX); x.bind('\\0nettrace-holder-%d' % l.getsockname()[1]); x.listen()
            print('ready', l.getsockname()[1], c.getsockname()[1], flush=True)
            sys.stdin.read()
            """;

    /**
     * A loopback server in one of several manners (argv[1]): http (HTTP/1.1 keep-alive, 5000-byte
     * bodies after a 0.3 s think, waits for the client to close; the think keeps quick clients
     * like curl alive long enough for the fold to read /proc while their socket exists), echo (until the client shuts down), reset (reads the
     * request, then closes with SO_LINGER 0), close-first (closes at once). Prints "ready PORT",
     * then per connection "conn PEER_PORT sent N received M" when it is done with it.
     */
    static final String SERVER = """
            import socket, struct, sys, threading, time
            mode = sys.argv[1]
            l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            l.bind(('127.0.0.1', 0)); l.listen(16)
            print('ready', l.getsockname()[1], flush=True)
            def serve(c, peer):
                sent = received = 0
                if mode == 'http':
                    buf = b''
                    while True:
                        d = c.recv(65536)
                        if not d: break
                        received += len(d); buf += d
                        while b'\\r\\n\\r\\n' in buf:
                            head, buf = buf.split(b'\\r\\n\\r\\n', 1)
                            body = b'z' * 5000
                            time.sleep(0.3)
                            reply = b'HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: %d\\r\\n\\r\\n' % len(body) + body
                            c.sendall(reply); sent += len(reply)
                elif mode == 'echo':
                    while True:
                        d = c.recv(65536)
                        if not d: break
                        received += len(d); c.sendall(d); sent += len(d)
                elif mode == 'reset':
                    received += len(c.recv(65536))
                    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                c.close()
                print('conn', peer[1], 'sent', sent, 'received', received, flush=True)
            while True:
                c, peer = l.accept()
                threading.Thread(target=serve, args=(c, peer)).start()
            """;

    /** http.client GET of / from 127.0.0.1:argv[1], then close; prints the body length. */
    static final String HTTP_CLIENT = """
            import http.client, sys
            c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]))
            c.request('GET', '/')
            print(len(c.getresponse().read()))
            c.close()
            """;

    /** A blocking connect to argv[1]:argv[2]; prints the errno name it failed with, or "connected". */
    static final String CONNECT = """
            import errno, socket, sys
            s = socket.socket()
            try:
                s.connect((sys.argv[1], int(sys.argv[2]))); print('connected')
            except OSError as e:
                print(errno.errorcode[e.errno])
            s.close()
            """;

    /** Sends a request to 127.0.0.1:argv[1] and reads until the peer's reset; prints the errno name. */
    static final String READ_UNTIL_RESET = """
            import errno, socket, sys, time
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.sendall(b'please reset me')
            try:
                while s.recv(100): pass
                print('eof')
            except OSError as e:
                print(errno.errorcode[e.errno])
            s.close()
            """;

    /** Connects to 127.0.0.1:argv[1], makes no call for a second (the peer closes meanwhile), then closes. */
    static final String IDLE_THEN_CLOSE = """
            import socket, sys, time
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            time.sleep(1.2)
            s.close()
            print('closed')
            """;

    /** Connects to the echo server at argv[1]; a forked child sends 10 bytes, the parent 7 more, then reads the echo. */
    static final String FORK_SHARES_SOCKET = """
            import os, socket, sys
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            pid = os.fork()
            if pid == 0:
                s.sendall(b'from child')
                os._exit(0)
            os.waitpid(pid, 0)
            s.sendall(b'+parent')
            s.shutdown(socket.SHUT_WR)
            got = b''
            while True:
                d = s.recv(100)
                if not d: break
                got += d
            s.close()
            print(pid, len(got))
            """;

    /**
     * A DNS server for one name on 127.0.0.1:53 (run it inside a test's network namespace):
     * argv[1] resolves to 127.0.0.1 (A); every other question gets an empty NOERROR answer.
     * Prints "ready" once bound.
     */
    static final String DNS_SERVER = """
            import socket, struct, sys
            name = sys.argv[1].encode()
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 53))
            print('ready', flush=True)
            while True:
                q, peer = s.recvfrom(512)
                qid, = struct.unpack('!H', q[:2])
                pos = 12; labels = []
                while q[pos]:
                    labels.append(q[pos + 1:pos + 1 + q[pos]]); pos += 1 + q[pos]
                qtype, = struct.unpack('!H', q[pos + 1:pos + 3])
                question = q[12:pos + 5]
                hit = b'.'.join(labels).lower() == name and qtype == 1
                answer = b'\\xc0\\x0c' + struct.pack('!HHIH', 1, 1, 30, 4) + socket.inet_aton('127.0.0.1') if hit else b''
                s.sendto(struct.pack('!HHHHHH', qid, 0x8180, 1, 1 if hit else 0, 0, 0) + question + answer, peer)
            """;

    /** A one-connection HTTP server on 127.0.0.1:argv[1] for namespaced tests: {@link #SERVER}'s http manner, fixed port. */
    static final String FIXED_PORT_HTTP = SERVER.replace("l.bind(('127.0.0.1', 0))", "l.bind(('127.0.0.1', int(sys.argv[2])))");

    /** Asks 127.0.0.1:53 for argv[1] (type argv[2]: 1 = A, 28 = AAAA) and prints the reply as hex. */
    static final String DNS_QUERY = """
            import socket, struct, sys
            q = struct.pack('!HHHHHH', 0x1234, 0x0100, 1, 0, 0, 0)
            q += b''.join(bytes([len(p)]) + p.encode() for p in sys.argv[1].split('.')) + b'\\0'
            q += struct.pack('!HH', int(sys.argv[2]), 1)
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(5)
            s.sendto(q, ('127.0.0.1', 53))
            print(s.recv(512).hex())
            """;

    /** Connects to 127.0.0.1:argv[1], closes it with close_range (not a traced call), then idles for a second. */
    static final String CLOSE_RANGE = """
            import os, socket, sys, time
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            os.closerange(s.fileno(), s.fileno() + 1)
            time.sleep(3)
            print('done')
            """;

    /** Tries 127.0.0.1:argv[2] (refused), then GETs / from 127.0.0.1:argv[1] over HTTP/1.1 and closes. */
    static final String REFUSED_THEN_GET = """
            import http.client, socket, sys
            s = socket.socket()
            try:
                s.connect(('127.0.0.1', int(sys.argv[2])))
            except ConnectionRefusedError:
                pass
            s.close()
            c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]))
            c.request('GET', '/')
            print(len(c.getresponse().read()))
            c.close()
            """;
}
