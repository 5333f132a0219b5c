package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Privileges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that break the rules, each on its own connection to one daemon: every one gets a
 * one-line error, and the daemon keeps serving everyone else meanwhile.
 */
class BadClientsTest {
    private static final int FRAME_TIMEOUT_MS = 1500;
    @TempDir static Path dir;
    static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Group nogroup may connect, so a client running as nobody reaches the daemon at all.
        daemon = DaemonProcess.start(dir, "--frame-timeout", Integer.toString(FRAME_TIMEOUT_MS), "--group", "nogroup");
    }

    @AfterAll
    static void stop() throws Exception {
        assertTrue(daemon.alive(), "the daemon survived every bad client");
        daemon.close();
    }

    private static String errorFor(byte[] bytes) throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            c.write(bytes);
            return c.awaitError(FRAME_TIMEOUT_MS * 3L);
        }
    }

    private static byte[] frame(int type, String payload) {
        return new Frame((byte) type, payload.getBytes(StandardCharsets.UTF_8)).encode();
    }

    /** The daemon answers a status request promptly: it is up and not held by anyone. */
    private static void assertServing() throws IOException {
        long t = System.nanoTime();
        try (DaemonClient c = DaemonClient.connect(daemon.socket)) {
            Map<String, Object> s = c.request(Map.of("cmd", "status"), f -> { });
            assertEquals(daemon.pid(), s.get("pid"));
        }
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(ms < 1000, "status took " + ms + " ms");
    }

    @Test
    void malformedFramesGetAnErrorLine() throws IOException {
        assertEquals("malformed frame: unknown type 0x7f", errorFor(frame(0x7f, "x")));
        assertEquals("malformed frame: length 0", errorFor(RawClient.header(0, 0x12)));
        assertTrue(errorFor(frame(Frame.REQUEST, "{not json")).startsWith("malformed REQUEST frame: bad JSON"));
        assertEquals("unknown command 'reboot' (status, ps, dump, detach, attach)", errorFor(frame(Frame.REQUEST, "{\"cmd\":\"reboot\"}")));
        assertEquals("unsupported protocol version 7 (this daemon speaks 1)", errorFor(frame(Frame.HELLO, "{\"proto\":7}")));
        assertEquals("the first frame must be a hello or a REQUEST, not type 0x11", errorFor(frame(Frame.RECORDS, "{}")));
        byte[] hello = frame(Frame.HELLO, "{\"proto\":1}");
        byte[] bad = frame(Frame.RECORDS, "{\"type\":\"event\",\"pid\":1,\"ts\":1}\n{\"type\":\"event\",\"ts\":2");
        byte[] both = new byte[hello.length + bad.length];
        System.arraycopy(hello, 0, both, 0, hello.length);
        System.arraycopy(bad, 0, both, hello.length, bad.length);
        assertTrue(errorFor(both).startsWith("malformed record on line 2: bad JSON"));
        assertServing();
    }

    @Test
    void oversizedFramesAreRefusedFromTheirHeader() throws IOException {
        assertEquals("oversized frame: 2147483647 bytes, the limit is 1048576", errorFor(RawClient.header(Integer.MAX_VALUE, Frame.RECORDS)));
        assertEquals("oversized frame: 4294967295 bytes, the limit is 1048576", errorFor(RawClient.header(-1, Frame.RECORDS)));
        assertServing();
    }

    @Test
    void truncatedFrameIsNamedAsSuch() throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            c.write(RawClient.header(100, Frame.REQUEST));
            c.write("{\"cmd\":".getBytes(StandardCharsets.UTF_8));
            c.ch.shutdownOutput();
            assertEquals("truncated frame: the connection ended inside a frame", c.awaitError(FRAME_TIMEOUT_MS * 3L));
        }
        assertServing();
    }

    @Test
    void silentAndByteASecondClientsAreCutOffWhileOthersAreServed() throws Exception {
        List<RawClient> silent = new ArrayList<>();
        for (int i = 0; i < 50; i++) silent.add(new RawClient(daemon.socket));
        RawClient slow = new RawClient(daemon.socket);
        byte[] request = frame(Frame.REQUEST, "{\"cmd\":\"status\"}");
        Thread dribble = new Thread(() -> {
            try {
                for (byte b : request) {
                    slow.write(new byte[] {b});
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // the daemon hung up on us, as it should
            }
        });
        dribble.start();
        long start = System.currentTimeMillis();
        assertServing(); // while 51 clients hold connections and send (almost) nothing
        assertEquals("timed out: no request or hello within " + FRAME_TIMEOUT_MS + " ms", slow.awaitError(FRAME_TIMEOUT_MS * 3L));
        for (RawClient c : silent) {
            assertEquals("timed out: no request or hello within " + FRAME_TIMEOUT_MS + " ms", c.awaitError(FRAME_TIMEOUT_MS * 3L));
            c.close();
        }
        long took = System.currentTimeMillis() - start;
        assertTrue(took < FRAME_TIMEOUT_MS * 3L, "cut off after " + took + " ms");
        dribble.interrupt();
        slow.close();

        // A reporter that starts a frame and then stalls is cut off the same way, after its hello.
        try (RawClient stall = new RawClient(daemon.socket)) {
            stall.write(frame(Frame.HELLO, "{\"proto\":1}"));
            stall.write(RawClient.header(50, Frame.RECORDS));
            assertEquals("timed out: a frame must arrive whole within " + FRAME_TIMEOUT_MS + " ms", stall.awaitError(FRAME_TIMEOUT_MS * 3L));
        }
        assertServing();
    }

    /** Runs a small Python client (no JVM: the class path under /root is not readable by nobody) as uid 65534. */
    private static String asNobody(String... args) throws Exception {
        Privileges.requireRoot("to run a client as another uid");
        Privileges.requireCommand("setpriv");
        Privileges.require(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 (a python under /root is not executable by nobody)");
        Path script = dir.resolve("client.py");
        if (!Files.exists(script)) {
            Files.writeString(script, String.join("\n",
                    "import json, socket, struct, sys",
                    "s = socket.socket(socket.AF_UNIX)",
                    "s.connect(sys.argv[1])",
                    "def send(kind, obj):",
                    "    b = json.dumps(obj).encode()",
                    "    s.sendall(struct.pack('>IB', len(b) + 1, kind) + b)",
                    "if sys.argv[2] == 'report':",
                    "    send(0x10, {'proto': 1})",
                    "    send(0x11, {'type': 'event', 'pid': int(sys.argv[3]), 'ts': 1, 'op': 'connect'})",
                    "else:",
                    "    req = {'cmd': sys.argv[2]}",
                    "    if len(sys.argv) > 3: req['pid'] = int(sys.argv[3])",
                    "    send(0x12, req)",
                    "buf = b''",
                    "while True:",
                    "    d = s.recv(65536)",
                    "    if not d: break",
                    "    buf += d",
                    "while len(buf) >= 5:",
                    "    n, kind = struct.unpack('>IB', buf[:5])",
                    "    body = buf[5:4 + n].decode()",
                    "    buf = buf[4 + n:]",
                    "    print({0x82: 'ERROR ', 0x83: 'DATA ', 0x84: 'END ', 0x81: 'ACK'}.get(kind, hex(kind)) + (body if kind != 0x81 else ''))",
                    ""));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", script.toString(), daemon.socket.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the python client finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void anotherUidSeesAndTouchesOnlyItsOwnProcesses() throws Exception {
        Privileges.requireRoot("to own a process as root and ask as nobody");
        Process rootProcess = new ProcessBuilder("sleep", "60").start();
        int pid = (int) rootProcess.pid();
        try (HelperStream h = new HelperStream(daemon.socket)) {
            h.awaitAck(h.send(List.of(HelperStream.event(pid, Reporter.nowNs(), "connect", 3, "127.0.0.1:1"))));
            assertEquals("ERROR permission denied: pid " + pid + " belongs to uid 0, you are uid 65534", asNobody("dump", Integer.toString(pid)));
            assertEquals("ERROR permission denied: pid " + pid + " belongs to uid 0, you are uid 65534", asNobody("detach", Integer.toString(pid)));
            assertEquals("ERROR permission denied: uid 65534 may not trace pid " + pid + " (uid 0)", asNobody("attach", Integer.toString(pid)));
            assertEquals("ERROR permission denied: uid 65534 may not report for pid " + pid + " (owned by uid 0)", asNobody("report", Integer.toString(pid)));
            assertEquals("END {}", asNobody("ps"), "nobody's ps lists none of root's processes");
        } finally {
            rootProcess.destroyForcibly();
        }
        assertServing();
    }
}
