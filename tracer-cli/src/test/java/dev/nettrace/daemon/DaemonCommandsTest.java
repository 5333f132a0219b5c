package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon and the commands that talk to it, end to end: child JVMs, a real socket, a real store. */
class DaemonCommandsTest {
    @TempDir Path dir;

    @Test
    void storesWhatAReporterSendsAndServesItBackThroughPsDumpAndStatus() throws Exception {
        Process target = new ProcessBuilder("sleep", "60").start();
        int pid = (int) target.pid();
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.socket)));
            List<String> lines = new ArrayList<>();
            long t0 = Reporter.nowNs() - 60_000_000_000L; // a minute ago: well inside the default retention
            lines.add(HelperStream.event(pid, t0, "socket", 3, null));
            lines.add(HelperStream.event(pid, t0 + 1_000, "connect", 3, "127.0.0.1:8080"));
            lines.add(HelperStream.event(pid, t0 + 2_000, "close", 3, null));
            String conn = HelperStream.connection(pid, 3, 4711, t0, t0 + 2_000, "127.0.0.1:8080");
            try (HelperStream h = new HelperStream(d.socket)) {
                h.awaitAck(h.send(lines));
                h.awaitAck(h.send(List.of(conn)));
            }

            Cli.Result ps = Cli.run(60, "ps", "--socket", d.socket.toString(), "--format", "json");
            assertEquals(0, ps.exitCode(), ps.stderr());
            Map<String, Object> row = Json.parseObject(ps.stdout().lines().filter(l -> l.contains("\"pid\":" + pid)).findFirst().orElseThrow());
            assertEquals("sleep", row.get("comm"));
            assertEquals(3L, row.get("events"));
            assertEquals(1L, row.get("connections"));
            assertEquals(0L, row.get("dropped"));
            assertEquals("ptrace", row.get("source"));

            Cli.Result json = Cli.run(60, "dump", "--socket", d.socket.toString(), "--format", "json", Integer.toString(pid));
            assertEquals(0, json.exitCode(), json.stderr());
            List<String> expected = new ArrayList<>(lines);
            String process = "{\"type\":\"process\",\"pid\":" + pid + ",\"comm\":\"sleep\"}";
            expected.add(process);
            expected.add(conn);
            assertEquals(expected, json.stdout().lines().toList(), "dump gives back exactly the records of the run");

            Cli.Result window = Cli.run(60, "dump", "--socket", d.socket.toString(), "--format", "json",
                    "--since", seconds(t0 + 500), "--until", seconds(t0 + 1_500), Integer.toString(pid));
            assertEquals(List.of(lines.get(1), process, conn), window.stdout().lines().toList(), window.stderr());

            Cli.Result text = Cli.run(60, "dump", "--socket", d.socket.toString(), Integer.toString(pid));
            assertEquals(0, text.exitCode(), text.stderr());
            // As `run` prints it: the calls, then the connections summary, from the stored record.
            assertTrue(text.stdout().lines().anyMatch(l -> l.matches(" +0\\.000001 sleep\\[" + pid + "\\] +connect +fd 3 -> 127\\.0\\.0\\.1:8080  = 0")), text.stdout());
            assertTrue(text.stdout().contains("connections (1)"), text.stdout());
            assertTrue(text.stdout().lines().anyMatch(l -> l.matches(" +\\+0\\.000000 +sleep\\[" + pid + "\\] +3 +tcp +- +127\\.0\\.0\\.1:8080( \\(localhost\\))? +- +10B +20B +- +- +closed")),
                    text.stdout());

            Cli.Result status = Cli.run(60, "daemon", "--status", "--socket", d.socket.toString());
            assertEquals(0, status.exitCode(), status.stderr());
            assertTrue(status.stdout().contains("socket:   " + d.socket), status.stdout());

            Cli.Result unknown = Cli.run(60, "dump", "--socket", d.socket.toString(), "999999999");
            assertEquals(1, unknown.exitCode());
            assertEquals("nettrace: no trace of pid 999999999 in the daemon's store", unknown.stderr().strip());

            Cli.Result detach = Cli.run(60, "detach", "--socket", d.socket.toString(), Integer.toString(pid));
            assertEquals(1, detach.exitCode());
            assertTrue(detach.stderr().strip().matches("nettrace: process " + pid + " \\(sleep\\) is not being traced now"), detach.stderr());

            assertEquals(0, d.stop(), d.log());
            assertFalse(Files.exists(d.socket), "a stopped daemon removes its socket");
        } finally {
            target.destroyForcibly();
        }
    }

    @Test
    void eventsAloneAreFoldedIntoConnectionsWhenDumped() throws Exception {
        Process target = new ProcessBuilder("sleep", "60").start();
        int pid = (int) target.pid();
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            long t0 = Reporter.nowNs() - 60_000_000_000L;
            String common = ",\"pid\":" + pid + ",\"tid\":" + pid + ",\"source\":\"ptrace\",\"fd\":5";
            List<String> lines = List.of(
                    "{\"type\":\"event\",\"ts\":" + t0 + common + ",\"op\":\"socket\",\"syscall\":\"socket\",\"family\":\"AF_INET\",\"sockType\":\"SOCK_STREAM\",\"protocol\":\"IPPROTO_TCP\",\"ret\":5}",
                    "{\"type\":\"event\",\"ts\":" + (t0 + 1_000) + common + ",\"op\":\"connect\",\"syscall\":\"connect\",\"family\":\"AF_INET\",\"remote\":\"127.0.0.1:8080\",\"ret\":0,\"durNs\":900}",
                    "{\"type\":\"event\",\"ts\":" + (t0 + 2_000) + common + ",\"op\":\"send\",\"syscall\":\"sendto\",\"bytes\":77,\"ret\":77}",
                    "{\"type\":\"event\",\"ts\":" + (t0 + 3_000) + common + ",\"op\":\"recv\",\"syscall\":\"recvfrom\",\"bytes\":300,\"ret\":300}",
                    "{\"type\":\"event\",\"ts\":" + (t0 + 4_000) + common + ",\"op\":\"close\",\"syscall\":\"close\",\"ret\":0}");
            try (HelperStream h = new HelperStream(d.socket)) {
                h.awaitAck(h.send(lines));
            }
            Cli.Result json = Cli.run(60, "dump", "--socket", d.socket.toString(), "--format", "json", Integer.toString(pid));
            assertEquals(0, json.exitCode(), json.stderr());
            List<String> out = json.stdout().lines().toList();
            assertEquals(lines, out.subList(0, 5));
            Map<String, Object> conn = Json.parseObject(out.get(out.size() - 1));
            assertEquals("connection", conn.get("type"), out.toString());
            assertEquals("127.0.0.1:8080", conn.get("remote"));
            assertEquals(77L, conn.get("bytesOut"));
            assertEquals(300L, conn.get("bytesIn"));
            assertEquals(t0, conn.get("openedNs"));
            assertEquals(t0 + 4_000, conn.get("closedNs"));

            Path page = dir.resolve("t.html");
            Cli.Result html = Cli.run(60, "dump", "--socket", d.socket.toString(), "--format", "html", "-o", page.toString(), Integer.toString(pid));
            assertEquals(0, html.exitCode(), html.stderr());
            String doc = Files.readString(page);
            assertTrue(doc.startsWith("<!DOCTYPE html>") || doc.startsWith("<!doctype html>"), doc.substring(0, 40));
            assertTrue(doc.contains("127.0.0.1:8080"), "the connection is in the page");
        } finally {
            target.destroyForcibly();
        }
    }

    private static String seconds(long ns) {
        return String.format("%d.%09d", ns / 1_000_000_000L, ns % 1_000_000_000L);
    }

    @Test
    void withoutADaemonCommandsSayWhichSocketTheyTried() throws Exception {
        Path missing = dir.resolve("none.sock");
        Cli.Result ps = Cli.run(60, "ps", "--socket", missing.toString());
        assertEquals(1, ps.exitCode());
        assertTrue(ps.stderr().startsWith("nettrace: no nettrace daemon on " + missing), ps.stderr());
        assertEquals(1, ps.stderr().lines().count(), ps.stderr());
        Cli.Result status = Cli.run(60, "daemon", "--status", "--socket", missing.toString());
        assertEquals(1, status.exitCode());
        assertTrue(status.stderr().startsWith("nettrace: no nettrace daemon on " + missing), status.stderr());
    }

    @Test
    void aSecondDaemonOnTheSameSocketIsRefusedAndAStaleSocketIsReplaced() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            Cli.Result second = Cli.run(60, "daemon", "--socket", d.socket.toString(), "--db", dir.resolve("other.db").toString());
            assertEquals(1, second.exitCode());
            assertEquals("nettrace: a daemon is already listening on " + d.socket, second.stderr().strip());
            d.killHard();
            assertTrue(Files.exists(d.socket), "SIGKILL leaves the socket file behind");
        }
        try (DaemonProcess again = DaemonProcess.start(dir)) {
            assertTrue(again.alive());
        }
    }

    @Test
    void badOptionsAreOneLineErrors() throws Exception {
        Cli.Result r = Cli.run(60, "daemon", "--socket", dir.resolve("s").toString(), "--retention", "forever");
        assertEquals(2, r.exitCode());
        assertEquals("nettrace: 'forever' is not a duration (e.g. 90s, 15m, 12h, 7d)", r.stderr().strip());
        Cli.Result t = Cli.run(60, "dump", "--socket", dir.resolve("s").toString(), "--since", "yesterday-ish", "1");
        assertEquals(2, t.exitCode());
        assertNotEquals(-1, t.stderr().indexOf("is not a time"), t.stderr());
    }
}
