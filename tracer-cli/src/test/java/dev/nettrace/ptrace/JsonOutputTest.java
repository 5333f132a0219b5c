package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `--format json`: the C example client talks to a server in this JVM whose port we know, so
 * every field of the events can be predicted: ops, syscalls, descriptors, addresses, byte counts.
 */
class JsonOutputTest {
    @TempDir Path work;

    @Test
    void connectSendRecvAsNdjson() throws Exception {
        Path client = Examples.build(work.resolve("bin")).resolve("echo_client");
        Path out = work.resolve("events.ndjson");
        String reply = "echo: json please\n";
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> serveOnce(server, reply));
            Cli.Result r = Cli.run(60, "run", "--format", "json", "-qq", "-o", out.toString(), "--",
                    client.toString(), Integer.toString(port), "json please");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(reply, r.stdout());
            assertEquals("json please\n", served.get(10, TimeUnit.SECONDS));

            List<Map<String, Object>> events = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                Map<String, Object> rec = Json.parseObject(line);
                if ("event".equals(rec.get("type"))) events.add(rec);
            }
            String remote = "127.0.0.1:" + port;
            Map<String, Object> socket = only(events, "socket");
            assertEquals("socket", socket.get("syscall"));
            assertEquals("AF_INET", socket.get("family"));
            assertEquals("SOCK_STREAM", socket.get("sockType"));
            long fd = ((Number) socket.get("ret")).longValue();
            assertEquals(3L, fd);

            Map<String, Object> connect = only(events, "connect");
            assertEquals(fd, ((Number) connect.get("fd")).longValue());
            assertEquals(remote, connect.get("remote"));
            assertEquals(0L, ((Number) connect.get("ret")).longValue());

            Map<String, Object> send = only(events, "send");
            assertEquals("sendto", send.get("syscall"));
            assertEquals(fd, ((Number) send.get("fd")).longValue());
            assertEquals(12L, ((Number) send.get("bytes")).longValue());

            List<Map<String, Object>> recvs = events.stream().filter(e -> "recv".equals(e.get("op"))).toList();
            assertEquals(2, recvs.size(), events.toString());
            assertEquals("recvfrom", recvs.get(0).get("syscall"));
            assertEquals((long) reply.length(), ((Number) recvs.get(0).get("bytes")).longValue());
            assertEquals(0L, ((Number) recvs.get(1).get("bytes")).longValue());

            long pid = ((Number) socket.get("pid")).longValue();
            for (Map<String, Object> e : events) {
                assertEquals(pid, ((Number) e.get("pid")).longValue(), e.toString());
                assertEquals("ptrace", e.get("source"), e.toString());
                assertTrue(e.get("ts") instanceof Number, e.toString());
            }
        }
    }

    private static Map<String, Object> only(List<Map<String, Object>> events, String op) {
        List<Map<String, Object>> found = events.stream().filter(e -> op.equals(e.get("op"))).toList();
        assertEquals(1, found.size(), "one '" + op + "' event expected in " + events);
        return found.get(0);
    }

    /** Reads the client's line up to its shutdown, answers, and returns what it read. */
    private static String serveOnce(ServerSocket server, String reply) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            String got = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            OutputStream o = s.getOutputStream();
            o.write(reply.getBytes(StandardCharsets.UTF_8));
            return got;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
