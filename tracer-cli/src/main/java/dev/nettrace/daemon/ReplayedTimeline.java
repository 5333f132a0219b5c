package dev.nettrace.daemon;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.procfs.ProcessFacts;
import dev.nettrace.timeline.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stored timeline read back: its events folded again, offline, by the correlator (the process
 * may be long gone, so /proc and netlink are not asked), which yields the connections. Connection
 * records a reporter stored itself are better (they carry the kernel's view) and win when present.
 */
final class ReplayedTimeline {
    private final Correlator correlator = new Correlator(new KernelAccess(false));
    private final List<String> storedConnections = new ArrayList<>();
    private long firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE;

    /** One NDJSON line of a dump; returns it parsed. */
    Map<String, Object> accept(String line) {
        Map<String, Object> m = Json.parseObject(line);
        Object type = m.get("type");
        if ("connection".equals(type)) {
            storedConnections.add(line);
            return m;
        }
        if (m.get("ts") instanceof Long ts) {
            firstTs = Math.min(firstTs, ts);
            lastTs = Math.max(lastTs, ts);
        }
        if ("event".equals(type)) {
            correlator.accept(Event.fromMap(m));
        } else if ("exit".equals(type) && m.get("pid") instanceof Long pid && (m.get("tid") == null || pid.equals(m.get("tid")))) {
            // only the leader's exit closes the process's descriptors
            correlator.exited(pid.intValue(), m.get("ts") instanceof Long ts ? ts : lastTs);
        }
        return m;
    }

    Correlator correlator() {
        return correlator;
    }

    long firstTs() {
        return firstTs == Long.MAX_VALUE ? 0 : firstTs;
    }

    long lastTs() {
        return lastTs == Long.MIN_VALUE ? 0 : lastTs;
    }

    /**
     * The process records, then the connection records, as `run --format json` ends. The store
     * knows the name of the dumped process even when no event carried it.
     */
    List<String> closingRecords(int pid, String comm) {
        List<String> out = new ArrayList<>();
        for (ProcessFacts p : correlator.processes()) {
            if (p.pid() == pid && p.name() == null) p = new ProcessFacts(pid, comm, p.commandLine(), p.user(), p.startMs(), p.parent());
            out.add(Json.write(p.toMap()));
        }
        if (!storedConnections.isEmpty()) {
            out.addAll(storedConnections);
        } else {
            for (Connection c : correlator.connections()) {
                if (c.pid == pid && c.comm == null) c.comm = comm;
                out.add(Json.write(c.toMap()));
            }
        }
        return out;
    }
}
