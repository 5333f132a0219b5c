package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.agent.AgentTestKit;
import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon correlates while the process runs: a connection held open for a moment, then
 * closed, is stored with what only a live look at the kernel gives (tcp_info: state, RTT, the
 * kernel's byte counts; the socket's inode and namespace), for a JVM reporting through the agent
 * and for a native process under `run --daemon`; and `dump` prints text as `run` does, with that
 * RTT in its connections table.
 */
class LiveCorrelationTest {
    @TempDir Path dir;

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    /** Accepts connections and reads each to its end. */
    private static ServerSocket server() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (true) {
                try (Socket c = s.accept(); InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Test
    void aJvmsConnectionIsStoredWithTheKernelsViewOfIt() throws Exception {
        Privileges.requireRoot("reading another process's sockets (pidfd_getfd) and sock_diag");
        try (DaemonProcess d = DaemonProcess.start(dir); ServerSocket server = server()) {
            int port = server.getLocalPort();
            Process jvm = new ProcessBuilder(JAVA.toString(), "-javaagent:" + Cli.root().resolve("agent/target/nettrace-agent.jar") + "=daemon=" + d.socket,
                    "-cp", AgentTestKit.programClasses().toString(), HoldingClient.class.getName(), Integer.toString(port), "1000")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String first = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
                long pid = Long.parseLong(first.substring(4));
                StoredTrace.awaitLive(d.socket, pid, true);
                jvm.getOutputStream().write('\n');
                jvm.getOutputStream().flush();
                assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, jvm.exitValue());
                Map<String, Object> conn = awaitLiveRecord(d, pid, port);
                assertEquals("client", conn.get("role"));
                assertEquals(5L, conn.get("bytesOut"));
                assertNotNull(conn.get("inode"), "the socket's inode, from /proc/PID/fd: " + conn);
                assertNotNull(conn.get("netns"), conn.toString());
                assertSummaryWithRtt(d, pid, "java", port);
            } finally {
                jvm.destroyForcibly();
            }
        }
    }

    @Test
    void aNativeProcessUnderRunDaemonIsStoredWithTheKernelsViewOfIt() throws Exception {
        Privileges.requireRoot("ptrace of a child");
        Privileges.requireCommand("python3");
        try (DaemonProcess d = DaemonProcess.start(dir); ServerSocket server = server()) {
            int port = server.getLocalPort();
            String py = "import socket,os,time\ns=socket.create_connection(('127.0.0.1'," + port + "))\ns.sendall(b'hello')\ntime.sleep(1)\ns.close()\nprint(os.getpid())";
            Cli.Result r = Cli.run(120, "run", "--daemon", "--socket", d.socket.toString(), "--", "python3", "-c", py);
            assertEquals(0, r.exitCode(), r.stderr());
            long pid = Long.parseLong(r.stdout().strip());
            Map<String, Object> conn = awaitLiveRecord(d, pid, port);
            assertEquals(5L, conn.get("bytesOut"));
            assertSummaryWithRtt(d, pid, "python3", port);
        }
    }

    /**
     * Waits for pid's connection to 127.0.0.1:port to be stored closed with tcp_info as `run
     * --format json` prints it (KernelView's keys); a replay alone has no kernel view to give.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitLiveRecord(DaemonProcess d, long pid, int port) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            Cli.Result r = Cli.run(60, "dump", "--socket", d.socket.toString(), "--format", "json", Long.toString(pid));
            last = r.stdout() + r.stderr();
            for (String line : r.stdout().lines().toList()) {
                Map<String, Object> m = Json.parseObject(line);
                if (!"connection".equals(m.get("type")) || !("127.0.0.1:" + port).equals(m.get("remote"))) continue;
                if (!(m.get("kernel") instanceof Map<?, ?> k) || !"closed".equals(m.get("outcome"))) continue;
                Map<String, Object> kernel = (Map<String, Object>) k;
                assertTrue(kernel.keySet().containsAll(List.of("state", "rttUs", "rttvarUs", "retrans", "bytesAcked", "cwnd")), kernel.toString());
                assertTrue(((Number) kernel.get("rttUs")).longValue() > 0, kernel.toString());
                assertTrue(((Number) kernel.get("bytesAcked")).longValue() >= 5, "the kernel's count of what the peer acknowledged: " + kernel);
                return m;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no closed connection to port " + port + " with tcp_info stored for pid " + pid + ":\n" + last + "\n" + d.log());
    }

    /** dump's text is run's: the calls, then the connections table, here with the RTT only the live correlator knew. */
    private static void assertSummaryWithRtt(DaemonProcess d, long pid, String comm, int port) throws Exception {
        Cli.Result text = Cli.run(60, "dump", "--socket", d.socket.toString(), Long.toString(pid));
        assertEquals(0, text.exitCode(), text.stderr());
        String out = text.stdout();
        assertTrue(out.lines().anyMatch(l -> l.matches(".*\\[" + pid + "(/\\d+)?\\] +connect +fd \\d+ -> 127\\.0\\.0\\.1:" + port + "  = 0")),
                "the calls as run prints them:\n" + out);
        assertTrue(out.contains("connections ("), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("OPENED") && l.contains("RTT") && l.contains("OUTCOME")), out);
        String row = " +\\+\\d+\\.\\d{6} +" + comm + "\\[" + pid + "\\] +\\d+ +tcp +127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:" + port
                + "( \\(localhost\\))? client +\\S+ +5B +0B +\\d+(\\.\\d)?\\S*s +\\d+ +closed";
        assertTrue(out.lines().anyMatch(l -> l.matches(row)), "a connections row with its RTT:\n" + out);
    }
}
