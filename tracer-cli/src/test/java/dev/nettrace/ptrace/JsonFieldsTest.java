package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fields --format json adds for the correlator: option names and values, socket inodes,
 * DNS payloads and network namespaces. A Python program reports what it sees of itself (inode,
 * namespace, SO_ERROR) and exchanges datagrams with a DNS-like responder in this JVM on a
 * loopback port 53, so every value can be checked against the real thing.
 */
class JsonFieldsTest {
    /** A loopback address of its own, so a DNS server another test runs on 127.0.0.1 is no obstacle. */
    private static final String DNS_ADDRESS = "127.0.53.53";

    private static final String PROGRAM = String.join("\n",
            "import os, select, socket",
            "DNS = ('" + DNS_ADDRESS + "', 53)",
            "t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "print('inode', os.stat('/proc/self/fd/%d' % t.fileno()).st_ino)",
            "print('netns', os.stat('/proc/self/ns/net').st_ino)",
            "print('pid', os.getpid())",
            "t.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)",
            "t.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)",
            "closed = socket.socket()",
            "closed.bind(('127.0.0.1', 0))  # bound but not listening: a connect is refused",
            "t.setblocking(False)",
            "print('connect', t.connect_ex(closed.getsockname()))",
            "select.select([], [t], [], 5)",
            "print('soerror', t.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))",
            "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "u.sendto(b'\\x00\\x01query-a', DNS)",
            "u.recvfrom(512)  # the reply names its sender",
            "c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "c.connect(DNS)",
            "c.send(b'\\x00\\x02query-b')",
            "c.recvmsg(512)  # connected: no address, the earlier connect says it is DNS",
            "o = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "o.bind(('127.0.0.1', 0))",
            "o.sendto(b'not dns', o.getsockname())",
            "o.recvfrom(512)",
            "child = os.fork()",
            "if child == 0:",
            "    os._exit(0)",
            "os.waitpid(child, 0)",
            "");

    @TempDir Path work;

    @Test
    void optionsInodesDnsPayloadsAndNamespaces() throws Exception {
        Privileges.requireRoot("binding UDP port 53 for the DNS-like responder");
        Privileges.requireCommand("python3");
        Path script = work.resolve("fields.py");
        Files.writeString(script, PROGRAM);
        Path out = work.resolve("events.ndjson");

        List<byte[]> queries = new ArrayList<>(), replies = new ArrayList<>();
        Cli.Result r;
        try (DatagramSocket dns = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(DNS_ADDRESS), 53))) {
            dns.setSoTimeout(30_000);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> answerTwice(dns, queries, replies));
            r = Cli.run(60, "run", "--format", "json", "-qq", "-o", out.toString(), "--",
                    "python3", script.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            served.get(10, TimeUnit.SECONDS);
        }
        Map<String, Long> printed = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] kv = line.split(" ");
            printed.put(kv[0], Long.parseLong(kv[1]));
        }
        assertEquals(115L, printed.get("connect"), "EINPROGRESS: the outcome comes from SO_ERROR");
        assertEquals(111L, printed.get("soerror"), "ECONNREFUSED as the program saw it");
        long pid = printed.get("pid");

        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            Map<String, Object> rec = Json.parseObject(line);
            if ("event".equals(rec.get("type")) && ((Number) rec.get("pid")).longValue() == pid) events.add(rec);
        }

        Map<String, Object> socket = one(events, e -> "socket".equals(e.get("op")) && printed.get("inode").equals(num(e, "inode")));
        assertEquals("SOCK_STREAM", socket.get("sockType"));

        Map<String, Object> nodelay = one(events, e -> "TCP_NODELAY".equals(e.get("optname")));
        assertEquals("setsockopt", nodelay.get("op"));
        assertEquals("SOL_TCP", nodelay.get("level"));
        assertEquals(1L, num(nodelay, "optval"));
        Map<String, Object> keepalive = one(events, e -> "SO_KEEPALIVE".equals(e.get("optname")));
        assertEquals("SOL_SOCKET", keepalive.get("level"));
        assertEquals(1L, num(keepalive, "optval"));
        Map<String, Object> soError = one(events, e -> "SO_ERROR".equals(e.get("optname")));
        assertEquals("getsockopt", soError.get("op"));
        assertEquals("SOL_SOCKET", soError.get("level"));
        assertEquals("ECONNREFUSED", soError.get("optval"));
        assertEquals(socket.get("newFd"), soError.get("fd"));

        // exactly the four DNS datagrams carry their bytes; the other exchange never is copied
        List<Map<String, Object>> withData = events.stream().filter(e -> e.containsKey("data")).toList();
        assertEquals(List.of("sendto", "recvfrom", "sendto", "recvmsg"),
                withData.stream().map(e -> e.get("syscall")).toList(), withData.toString());
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 2; i++) {
            assertEquals(hex.formatHex(queries.get(i)), withData.get(2 * i).get("data"));
            assertEquals(hex.formatHex(replies.get(i)), withData.get(2 * i + 1).get("data"));
        }
        Map<String, Object> notDns = one(events, e -> "send".equals(e.get("op")) && num(e, "bytes") == 7L);
        assertFalse(notDns.containsKey("data"), notDns.toString());

        // a launcher script (pyenv's shim) may exec and fork before the program itself does
        long netns = printed.get("netns");
        List<Map<String, Object>> execs = events.stream().filter(e -> "exec".equals(e.get("op"))).toList();
        List<Map<String, Object>> forks = events.stream().filter(e -> "fork".equals(e.get("op"))).toList();
        assertFalse(execs.isEmpty(), events.toString());
        assertFalse(forks.isEmpty(), events.toString());
        for (Map<String, Object> e : execs) assertEquals(netns, num(e, "netns"), e.toString());
        for (Map<String, Object> e : forks) assertEquals(netns, num(e, "netns"), e.toString());
        assertEquals(netns, Event.fromMap(execs.get(execs.size() - 1)).netns);
    }

    /** Replies to two queries with their id and a body that differs from any query. */
    private static void answerTwice(DatagramSocket dns, List<byte[]> queries, List<byte[]> replies) {
        try {
            for (int i = 0; i < 2; i++) {
                DatagramPacket q = new DatagramPacket(new byte[512], 512);
                dns.receive(q);
                byte[] query = Arrays.copyOf(q.getData(), q.getLength());
                byte[] reply = Arrays.copyOf(query, query.length + 4);
                reply[2] = (byte) 0x81;
                reply[3] = (byte) 0x80;
                System.arraycopy(new byte[] {(byte) 0xc0, 0x0c, 0x7f, (byte) i}, 0, reply, query.length, 4);
                queries.add(query);
                replies.add(reply);
                dns.send(new DatagramPacket(reply, reply.length, q.getSocketAddress()));
            }
        } catch (Exception e) {
            throw new AssertionError("DNS-like responder: " + e, e);
        }
    }

    private static Map<String, Object> one(List<Map<String, Object>> events, Predicate<Map<String, Object>> p) {
        List<Map<String, Object>> found = events.stream().filter(p).toList();
        assertEquals(1, found.size(), events.toString());
        assertNotNull(found.get(0));
        return found.get(0);
    }

    private static Long num(Map<String, Object> e, String key) {
        return e.get(key) instanceof Number n ? n.longValue() : null;
    }
}
