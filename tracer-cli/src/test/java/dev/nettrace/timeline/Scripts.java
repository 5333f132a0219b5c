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
}
