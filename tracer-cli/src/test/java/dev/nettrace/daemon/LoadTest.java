package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several reporting processes together deliver 10,000 connections per second (60,000 records)
 * for ten seconds; afterwards every connection is either stored or counted as dropped.
 */
class LoadTest {
    @TempDir Path dir;

    private static final int CLIENTS = 4;
    private static final int CONNECTIONS_PER_SECOND_EACH = 2_500;
    private static final double SECONDS = 10;

    @Test
    void everyConnectionIsStoredOrCountedAsDropped() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            List<Process> clients = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < CLIENTS; i++) {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-cp", System.getProperty("java.class.path"), LoadClient.class.getName(),
                        d.socket.toString(), Double.toString(SECONDS), Integer.toString(CONNECTIONS_PER_SECOND_EACH)));
                clients.add(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            Map<Long, Map<String, Long>> reported = new HashMap<>();
            long sentConnections = 0;
            for (Process p : clients) {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "load client finished");
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertEquals(0, p.exitValue(), out);
                Map<String, Long> counts = new HashMap<>();
                for (String kv : out.split(" ")) counts.put(kv.split("=")[0], Long.parseLong(kv.split("=")[1]));
                reported.put(p.pid(), counts);
                sentConnections += counts.get("connections");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            assertTrue(sentConnections >= 10_000 * SECONDS, "sent " + sentConnections + " connections");
            System.out.printf("load: %d connections (%d records) from %d processes in %.1f s%n", sentConnections, sentConnections * 6, CLIENTS, elapsed);

            Cli.Result ps = Cli.run(60, "ps", "--socket", d.socket.toString(), "--format", "json");
            assertEquals(0, ps.exitCode(), ps.stderr());
            Map<Long, Map<String, Object>> rows = new HashMap<>();
            for (String line : ps.stdout().lines().toList()) {
                Map<String, Object> row = Json.parseObject(line);
                rows.put((Long) row.get("pid"), row);
            }
            long dropped = 0;
            for (Map.Entry<Long, Map<String, Long>> e : reported.entrySet()) {
                Map<String, Object> row = rows.get(e.getKey());
                Map<String, Long> sent = e.getValue();
                assertEquals(sent.get("sent"), (Long) row.get("events") + (Long) row.get("dropped"), "stored + dropped events = sent, pid " + e.getKey());
                assertEquals(sent.get("dropped"), row.get("dropped"));
                assertEquals(sent.get("connections") - sent.get("droppedConnections"), row.get("connections"), "connections stored, pid " + e.getKey());
                dropped += sent.get("droppedConnections");
            }
            System.out.printf("load: %d connections dropped by the reporters (%.2f%%)%n", dropped, 100.0 * dropped / sentConnections);
        }
    }
}
