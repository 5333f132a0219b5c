package dev.nettrace.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The NDJSON of one `nettrace run|attach --format json -o FILE` invocation, split by record type. */
final class TraceRecords {
    final List<Map<String, Object>> events = new ArrayList<>();
    final List<Map<String, Object>> connections = new ArrayList<>();
    final List<Map<String, Object>> processes = new ArrayList<>();
    final Cli.Result result;

    private TraceRecords(Cli.Result result, String ndjson) {
        this.result = result;
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) continue;
            Map<String, Object> m = Json.parseObject(line);
            switch (String.valueOf(m.get("type"))) {
                case "event" -> events.add(m);
                case "connection" -> connections.add(m);
                case "process" -> processes.add(m);
                default -> { }
            }
        }
    }

    /** Runs nettrace with {@code args} (before "--"/PIDs) writing NDJSON to a temp file, and reads it back. */
    static TraceRecords run(Path dir, List<String> nettraceArgs) throws Exception {
        Path out = Files.createTempFile(dir, "trace", ".ndjson");
        List<String> args = new ArrayList<>(List.of(nettraceArgs.get(0), "--format", "json", "-o", out.toString()));
        args.addAll(nettraceArgs.subList(1, nettraceArgs.size()));
        Cli.Result r = Cli.run(120, args.toArray(String[]::new));
        return new TraceRecords(r, Files.readString(out));
    }

    List<Map<String, Object>> connections(Predicate<Map<String, Object>> p) {
        return connections.stream().filter(p).toList();
    }

    /** The one connection matching {@code p}; fails with the whole trace otherwise. */
    Map<String, Object> only(Predicate<Map<String, Object>> p) {
        List<Map<String, Object>> found = connections(p);
        assertEquals(1, found.size(), "connections matching: " + found + "\nall: " + connections + "\n" + events.size() + " events; stdout: " + result.stdout() + "\nstderr: " + result.stderr());
        return found.get(0);
    }

    Map<String, Object> event(Predicate<Map<String, Object>> p) {
        return events.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no such event in " + events));
    }

    static Predicate<Map<String, Object>> remote(String remote) {
        return m -> remote.equals(m.get("remote"));
    }

    static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) throw new AssertionError(key + " is " + v + " in " + m);
        return n.longValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kernel(Map<String, Object> conn) {
        Object k = conn.get("kernel");
        if (!(k instanceof Map)) throw new AssertionError("no kernel view in " + conn);
        return (Map<String, Object>) k;
    }
}
