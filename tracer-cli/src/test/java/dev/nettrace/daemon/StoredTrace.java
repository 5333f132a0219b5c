package dev.nettrace.daemon;

import dev.nettrace.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What a test daemon holds for a process, read through its socket as `dump` and `ps` do. */
final class StoredTrace {
    private StoredTrace() {}

    /** The stored event records of pid; none when the daemon has nothing for it yet. */
    static List<Map<String, Object>> events(Path socket, long pid) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (DaemonClient c = DaemonClient.connect(socket)) {
            c.request(Map.of("cmd", "dump", "pid", pid), f -> {
                for (String line : f.text().split("\n")) {
                    Map<String, Object> m = Json.parseObject(line);
                    if ("event".equals(m.get("type"))) out.add(m);
                }
            });
        } catch (DaemonException notYet) {
            // nothing stored for the pid yet
        }
        return out;
    }

    /** pid's row in `ps --format json`, or null. */
    static Map<String, Object> process(Path socket, long pid) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (DaemonClient c = DaemonClient.connect(socket)) {
            c.request(Map.of("cmd", "ps"), f -> {
                for (String line : f.text().split("\n")) {
                    if (!line.isEmpty()) rows.add(Json.parseObject(line));
                }
            });
        }
        return rows.stream().filter(r -> Long.valueOf(pid).equals(r.get("pid"))).findFirst().orElse(null);
    }

    static boolean live(Path socket, long pid) throws Exception {
        Map<String, Object> row = process(socket, pid);
        return row != null && Boolean.TRUE.equals(row.get("live"));
    }

    /** Waits up to 30 s for `count` events of pid that match. */
    static List<Map<String, Object>> await(Path socket, long pid, int count, Predicate<Map<String, Object>> match) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        List<Map<String, Object>> found;
        do {
            found = events(socket, pid).stream().filter(match).toList();
            if (found.size() >= count) return found;
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("expected " + count + " matching events of pid " + pid + ", the store has " + found.size() + ": " + events(socket, pid));
    }

    /** Waits up to 30 s for pid to be (or stop being) traced live. */
    static void awaitLive(Path socket, long pid, boolean live) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (live(socket, pid) != live) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("pid " + pid + (live ? " never became" : " stayed") + " live in ps: " + process(socket, pid));
            Thread.sleep(100);
        }
    }
}
