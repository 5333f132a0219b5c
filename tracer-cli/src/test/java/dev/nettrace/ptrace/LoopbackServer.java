package dev.nettrace.ptrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-echo server running in its own process (the C example or a Python one): it prints
 * "listening on 127.0.0.1:PORT", then answers each connection's line with "echo: LINE".
 */
final class LoopbackServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /** Python's threading server: a thread per connection, the main thread in poll and accept4. */
    static final String PYTHON = String.join("\n",
            "import socketserver",
            "class Echo(socketserver.StreamRequestHandler):",
            "    def handle(self):",
            "        self.wfile.write(b'echo: ' + self.rfile.readline())",
            "class Server(socketserver.ThreadingTCPServer):",
            "    daemon_threads = True",
            "    allow_reuse_address = True",
            "server = Server(('127.0.0.1', 0), Echo)",
            "print('listening on 127.0.0.1:%d' % server.server_address[1], flush=True)",
            "server.serve_forever()");

    private final Process process;
    private final int port;

    private LoopbackServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LoopbackServer start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Matcher m = READY.matcher(first == null ? "" : first);
        if (!m.matches()) {
            p.destroyForcibly();
            throw new AssertionError("server did not start: " + command + " said " + first);
        }
        return new LoopbackServer(p, Integer.parseInt(m.group(1)));
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** One request on a fresh connection; the reply's bytes up to the server's close. */
    byte[] request(String line) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            return s.getInputStream().readAllBytes();
        }
    }

    /** The same requests every time, so that runs can be compared byte for byte. */
    List<byte[]> requests() throws IOException {
        List<byte[]> replies = new ArrayList<>();
        for (String line : List.of("first request", "second\trequest with \u00e9 and \\ and \"quotes\"", "x".repeat(300))) {
            replies.add(request(line));
        }
        return replies;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
