package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the daemon in the middle of a write burst: nothing acknowledged is lost, nothing is corrupt. */
class CrashTest {
    @TempDir Path dir;

    private static final int EVENTS_PER_FRAME = 500;

    @Test
    void sigkillDuringABurstLosesNothingAcknowledgedAndLeavesTheFileIntact() throws Exception {
        Process quiet = new ProcessBuilder("sleep", "120").start();
        Process busy = new ProcessBuilder("sleep", "120").start();
        try {
            List<String> before;
            long ackedFrames;
            long t0 = Reporter.nowNs() - 600_000_000_000L;
            try (DaemonProcess d = DaemonProcess.start(dir)) {
                try (HelperStream h = new HelperStream(d.socket)) {
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < 300; i++) lines.add(HelperStream.event((int) quiet.pid(), t0 + i, "send", 5, "127.0.0.1:9"));
                    h.awaitAck(h.send(lines));
                }
                before = dump(d.socket, quiet.pid());
                assertEquals(300, before.stream().filter(l -> l.startsWith("{\"type\":\"event\"")).count());

                HelperStream burst = new HelperStream(d.socket);
                Thread acks = burst.followAcks();
                Thread writer = new Thread(() -> {
                    try {
                        for (long frame = 0; ; frame++) {
                            List<String> lines = new ArrayList<>(EVENTS_PER_FRAME);
                            for (int i = 0; i < EVENTS_PER_FRAME; i++) {
                                lines.add(HelperStream.event((int) busy.pid(), t0 + frame * EVENTS_PER_FRAME + i, "recv", 6, "127.0.0.1:9"));
                            }
                            burst.send(lines);
                        }
                    } catch (IOException gone) {
                        // the daemon was killed
                    }
                });
                writer.start();
                long deadline = System.currentTimeMillis() + 30_000;
                while (burst.acked() < 40 && System.currentTimeMillis() < deadline) Thread.sleep(20);
                assertTrue(burst.acked() >= 40, "the burst is under way");
                d.killHard();
                writer.join(10_000);
                acks.join(10_000);
                burst.close();
                ackedFrames = burst.acked();
            }

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nettrace.db"));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertEquals("ok", rs.getString(1));
            }

            try (DaemonProcess again = DaemonProcess.start(dir)) {
                assertEquals(before, dump(again.socket, quiet.pid()), "a timeline stored before the crash reads the same after it");
                Set<Long> stored = new HashSet<>();
                for (String line : dump(again.socket, busy.pid())) {
                    Map<String, Object> m = Json.parseObject(line);
                    if ("event".equals(m.get("type"))) stored.add((Long) m.get("ts"));
                }
                long missing = 0;
                for (long k = 0; k < ackedFrames * EVENTS_PER_FRAME; k++) if (!stored.contains(t0 + k)) missing++;
                assertEquals(0, missing, "acknowledged events missing after kill -9 (" + ackedFrames + " frames acknowledged, "
                        + stored.size() + " events stored)");
                assertTrue(stored.size() % EVENTS_PER_FRAME == 0, "frames are stored whole or not at all");
            }
        } finally {
            quiet.destroyForcibly();
            busy.destroyForcibly();
        }
    }

    private static List<String> dump(Path socket, long pid) throws Exception {
        Cli.Result r = Cli.run(60, "dump", "--socket", socket.toString(), "--format", "json", Long.toString(pid));
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().lines().toList();
    }
}
