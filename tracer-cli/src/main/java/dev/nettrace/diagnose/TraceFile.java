package dev.nettrace.diagnose;

import dev.nettrace.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An NDJSON trace as `nettrace run --format json` writes it: connection records to examine, and
 * the events diagnosis consults (dns answers, setsockopt calls that enable keepalive).
 */
record TraceFile(List<ConnectionRecord> connections, List<Map<String, Object>> events) {
    static TraceFile read(Path file) throws IOException {
        List<ConnectionRecord> conns = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank()) continue;
            Map<String, Object> m;
            try {
                m = Json.parseObject(line);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + lineNo + ": " + e.getMessage());
            }
            if ("connection".equals(m.get("type"))) {
                ConnectionRecord c = ConnectionRecord.of(m);
                if (c != null) conns.add(c);
            } else if ("event".equals(m.get("type"))) {
                events.add(m);
            }
        }
        return new TraceFile(conns, events);
    }

    /** The events of one process (and descriptor, when fd >= 0) whose op is op. */
    List<Map<String, Object>> eventsOf(long pid, int fd, String op) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if (!op.equals(e.get("op")) || !(e.get("pid") instanceof Number p) || p.longValue() != pid) continue;
            if (fd >= 0 && e.get("fd") instanceof Number f && f.intValue() != fd) continue;
            out.add(e);
        }
        return out;
    }
}
