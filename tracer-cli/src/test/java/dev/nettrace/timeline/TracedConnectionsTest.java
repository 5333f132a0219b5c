package dev.nettrace.timeline;

import static dev.nettrace.timeline.TraceRecords.kernel;
import static dev.nettrace.timeline.TraceRecords.num;
import static dev.nettrace.timeline.TraceRecords.remote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.os.Netns;
import dev.nettrace.testkit.Privileges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection records of real programs traced by `nettrace run` (the ptrace helper), checked field
 * by field against what the other end saw and what the kernel said.
 */
class TracedConnectionsTest {
    @TempDir Path tmp;

    @BeforeEach
    void privileges() {
        Privileges.requireRoot("ptrace, sock_diag destroy notifications and pidfd_getfd");
        RealHelper.require();
    }

    static List<String> run(String... cmd) {
        List<String> a = new ArrayList<>(List.of("run", "--"));
        a.addAll(List.of(cmd));
        return a;
    }

    /** What every completed client TCP connection must show, given what the server saw. */
    static void assertCompletedClient(Map<String, Object> c, TraceRecords t, LoopbackServer.Served served, String comm, boolean outlivesFold) {
        Map<String, Object> connect = t.event(e -> "connect".equals(e.get("op")) && c.get("remote").equals(e.get("remote")));
        assertEquals(num(connect, "pid"), num(c, "pid"));
        assertEquals(comm, c.get("comm"));
        assertEquals(num(connect, "fd"), num(c, "fd"));
        Map<String, Object> socket = t.event(e -> "socket".equals(e.get("op")) && num(e, "newFd") == num(c, "fd") && num(e, "ts") <= num(c, "openedNs"));
        if (socket.get("inode") != null) assertEquals(num(socket, "inode"), num(c, "inode"), "the inode the helper read");
        // otherwise it comes from /proc/PID/fd, read when the fold reaches the socket() call: on a
        // loaded machine curl can be gone by then (hence the helper should report it)
        else if (outlivesFold) assertTrue(num(c, "inode") > 0, "from /proc/PID/fd while the program waited for the reply");
        assertEquals(Netns.self(), num(c, "netns"));
        assertEquals("tcp", c.get("proto"));
        assertEquals("127.0.0.1:" + served.peerPort(), c.get("local"), "the server saw our local port");
        assertEquals("client", c.get("role"));
        long opened = num(c, "openedNs"), connected = num(c, "connectedNs"), closed = num(c, "closedNs");
        assertTrue(opened <= num(connect, "ts") && num(connect, "ts") < connected && connected <= closed, c.toString());
        assertTrue(num(c, "connectNs") > 0);
        assertEquals(connected - num(connect, "ts"), num(c, "connectNs"), "latency from the connect call to its outcome");
        assertEquals(served.sent(), num(c, "bytesIn"), "bytes in = what the server sent");
        assertEquals(served.received(), num(c, "bytesOut"), "bytes out = what the server received");
        assertEquals("closed", c.get("outcome"));
        assertNull(c.get("errno"));
        Map<String, Object> k = kernel(c);
        long acked = num(k, "bytesAcked"), received = num(k, "bytesReceived");
        // the kernel counts the SYN and FIN as one byte of sequence space each
        assertTrue(acked >= served.received() && acked <= served.received() + 2, "bytes_acked " + acked);
        assertTrue(received >= served.sent() && received <= served.sent() + 1, "bytes_received " + received);
        assertTrue(num(k, "rttUs") > 0);
        assertEquals(0, num(k, "retrans"));
        assertNotNull(c.get("cookie"));
    }

    @Test
    void curlAgainstALocalHttpServer() throws Exception {
        Privileges.requireCommand("curl");
        try (LoopbackServer server = new LoopbackServer("http")) {
            String target = "127.0.0.1:" + server.port;
            TraceRecords t = TraceRecords.run(tmp, run("curl", "-s", "-o", "/dev/null", "http://" + target + "/"));
            assertEquals(0, t.result.exitCode(), t.result.stderr());
            assertCompletedClient(t.only(remote(target)), t, server.nextConnection(), "curl", false);
            assertTrue(t.processes.stream().anyMatch(p -> "curl".equals(p.get("comm")) && String.valueOf(p.get("cmdline")).contains(target)),
                    "process facts: " + t.processes);
        }
    }

    @Test
    void pythonHttpClientAgainstALocalHttpServer() throws Exception {
        try (LoopbackServer server = new LoopbackServer("http")) {
            String target = "127.0.0.1:" + server.port;
            TraceRecords t = TraceRecords.run(tmp, run(PythonProgram.PYTHON, "-c", Scripts.HTTP_CLIENT, Integer.toString(server.port)));
            assertEquals(0, t.result.exitCode(), t.result.stderr());
            assertCompletedClient(t.only(remote(target)), t, server.nextConnection(), "python3", true);
        }
    }

    @Test
    void refusedPortBlockingAndNonBlocking() throws Exception {
        Privileges.requireCommand("curl");
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        String target = "127.0.0.1:" + closed;
        TraceRecords py = TraceRecords.run(tmp, run(PythonProgram.PYTHON, "-c", Scripts.CONNECT, "127.0.0.1", Integer.toString(closed)));
        Map<String, Object> c = py.only(remote(target));
        assertEquals("refused", c.get("outcome"));
        assertEquals("ECONNREFUSED", c.get("errno"));
        assertEquals("client", c.get("role"));
        assertTrue(num(c, "connectNs") > 0);
        assertNull(c.get("connectedNs"));
        assertEquals(0, num(c, "bytesOut"));

        // curl connects non-blocking: EINPROGRESS, then the refusal arrives through SO_ERROR
        TraceRecords curl = TraceRecords.run(tmp, run("curl", "-s", "-o", "/dev/null", "http://" + target + "/"));
        assertEquals(7, curl.result.exitCode(), "curl: couldn't connect");
        Map<String, Object> cc = curl.only(remote(target));
        assertEquals("EINPROGRESS", curl.event(e -> "connect".equals(e.get("op")) && target.equals(e.get("remote"))).get("errno"));
        assertEquals("refused", cc.get("outcome"));
        assertEquals("ECONNREFUSED", cc.get("errno"));
        assertTrue(num(cc, "connectNs") > 0);
    }

    @Test
    void peerThatResets() throws Exception {
        try (LoopbackServer server = new LoopbackServer("reset")) {
            String target = "127.0.0.1:" + server.port;
            TraceRecords t = TraceRecords.run(tmp, run(PythonProgram.PYTHON, "-c", Scripts.READ_UNTIL_RESET, Integer.toString(server.port)));
            LoopbackServer.Served served = server.nextConnection();
            Map<String, Object> c = t.only(remote(target));
            assertEquals("reset", c.get("outcome"));
            assertEquals("ECONNRESET", c.get("errno"));
            assertEquals(served.received(), num(c, "bytesOut"));
            assertEquals(0, num(c, "bytesIn"));
            assertNotNull(c.get("connectedNs"));
            assertNotNull(c.get("closedNs"));
        }
    }

    @Test
    void peerThatClosesFirstIsSeenInCloseWait() throws Exception {
        try (LoopbackServer server = new LoopbackServer("close-first")) {
            String target = "127.0.0.1:" + server.port;
            TraceRecords t = TraceRecords.run(tmp, run(PythonProgram.PYTHON, "-c", Scripts.IDLE_THEN_CLOSE, Integer.toString(server.port)));
            server.nextConnection();
            Map<String, Object> c = t.only(remote(target));
            assertEquals("closed-by-peer", c.get("outcome"));
            long peerClosed = num(c, "peerClosedNs");
            assertTrue(num(c, "connectedNs") < peerClosed && peerClosed < num(c, "closedNs"), c.toString());
            assertEquals(0, num(c, "bytesIn"), "the process made no call: CLOSE_WAIT came from the kernel");
        }
    }

    @Test
    void forkedChildInheritsTheSocket() throws Exception {
        try (LoopbackServer server = new LoopbackServer("echo")) {
            String target = "127.0.0.1:" + server.port;
            TraceRecords t = TraceRecords.run(tmp, run(PythonProgram.PYTHON, "-c", Scripts.FORK_SHARES_SOCKET, Integer.toString(server.port)));
            assertEquals(0, t.result.exitCode(), t.result.stderr());
            LoopbackServer.Served served = server.nextConnection();
            Map<String, Object> c = t.only(remote(target));
            long child = num(t.event(e -> "send".equals(e.get("op")) && num(e, "bytes") == 10), "pid");
            assertTrue(child != num(c, "pid"), "the child's send came from another process");
            assertEquals(List.of(child), ((List<?>) c.get("sharedWith")).stream().map(x -> ((Number) x).longValue()).toList());
            assertEquals(17, num(c, "bytesOut"));
            assertEquals(17, num(c, "bytesIn"));
            assertEquals(served.received(), num(c, "bytesOut"));
            assertEquals("closed", c.get("outcome"), "the client shut down first; the peer's close answered it");
        }
    }

    @Test
    void socketClosedByAnUntracedCallIsSeenToVanish() throws Exception {
        try (LoopbackServer server = new LoopbackServer("echo")) {
            String target = "127.0.0.1:" + server.port;
            TraceRecords t = TraceRecords.run(tmp, run(PythonProgram.PYTHON, "-c", Scripts.CLOSE_RANGE, Integer.toString(server.port)));
            assertEquals(0, t.result.exitCode(), t.result.stderr());
            server.nextConnection();
            Map<String, Object> c = t.only(remote(target));
            assertEquals("vanished", c.get("endedBy"), "close_range is not traced: the descriptor just disappeared");
            assertEquals("closed", c.get("outcome"));
            // seen during the program's idle second, before Python's own close at exit fails with EBADF
            assertTrue(num(c, "closedNs") < num(t.event(e -> "EBADF".equals(e.get("errno"))), "ts"), c.toString());
        }
    }
}
