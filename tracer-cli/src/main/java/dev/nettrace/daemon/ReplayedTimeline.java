package dev.nettrace.daemon;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.procfs.ProcessFacts;
import dev.nettrace.timeline.Connection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored timeline read back: its events folded again, offline, by the correlator (the process
 * may be long gone, so /proc and netlink are not asked), merged with the connection records
 * stored while it ran. A stored record (the daemon's live correlator, or the reporter's own)
 * carries the kernel's view and wins over the replay's fold of the same connection, unless it
 * went stale (its correlator gave up while the replay saw the connection go on); connections with
 * no stored record come from the replay.
 */
final class ReplayedTimeline {
    /** One record of the dump as read; event is set for event records. */
    record Replayed(Map<String, Object> record, Event event) {}

    private final Correlator correlator = new Correlator(new KernelAccess(false));
    /** The stored connection records by key, each with the line it came as (written out as it was). */
    private final Map<String, Connection> stored = new LinkedHashMap<>();
    private final Map<Connection, String> lineOf = new IdentityHashMap<>();
    private long firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE;
    private List<Connection> merged;

    /** One NDJSON line of a dump. */
    Replayed accept(String line) {
        Map<String, Object> m = Json.parseObject(line);
        Object type = m.get("type");
        if ("connection".equals(type)) {
            Connection c = Connection.fromMap(m);
            lineOf.put(c, line);
            stored.put(ConnectionRecords.key(m), c);
            return new Replayed(m, null);
        }
        if ("process".equals(type) && m.get("pid") instanceof Long pid && m.get("comm") instanceof String comm) {
            correlator.name(pid.intValue(), comm); // the store knows the name even when no event carried it
            return new Replayed(m, null);
        }
        if (m.get("ts") instanceof Long ts) {
            firstTs = Math.min(firstTs, ts);
            lastTs = Math.max(lastTs, ts);
        }
        if ("event".equals(type)) {
            Event e = Event.fromMap(m);
            correlator.accept(e);
            return new Replayed(m, e);
        }
        correlator.exitRecord(m, lastTs);
        return new Replayed(m, null);
    }

    /** The correlator, holding the merged connections once {@link #merge()} ran. */
    Correlator correlator() {
        return correlator;
    }

    long firstTs() {
        return firstTs == Long.MAX_VALUE ? 0 : firstTs;
    }

    long lastTs() {
        return lastTs == Long.MIN_VALUE ? 0 : lastTs;
    }

    /** The process records, then the connection records, as `run --format json` ends. */
    List<String> closingRecords() {
        List<String> out = new ArrayList<>();
        for (ProcessFacts p : correlator.processes()) out.add(Json.write(p.toMap()));
        for (Connection c : merge()) out.add(lineOf.getOrDefault(c, Json.write(c.toMap())));
        return out;
    }

    /**
     * Every connection once: the stored record of each connection the replay folded (by key, see
     * ConnectionRecords) or the replay's own, then stored records the replay has no counterpart
     * for (it skipped them, or the window of the dump holds none of their calls). Done once, after
     * the last line; the correlator holds the result, so text and HTML render it too.
     */
    List<Connection> merge() {
        if (merged != null) return merged;
        List<Connection> out = new ArrayList<>();
        List<Connection> openedBefore = new ArrayList<>();
        for (Connection c : correlator.connections()) {
            Connection s = stored.remove(ConnectionRecords.key(c));
            if (s != null) out.add(stale(s, c) ? c : s);
            else if (c.openedNs == null) openedBefore.add(c);
            else out.add(c);
        }
        for (Connection c : openedBefore) {
            Connection s = openAtStart(stored, c);
            out.add(s != null && !stale(s, c) ? s : c);
        }
        out.addAll(stored.values());
        correlator.replaceConnections(out); // the correlator gives them back in the order they opened
        merged = correlator.connections();
        return merged;
    }

    /**
     * A replay that starts inside a connection's life (dump --since, or a trace attached to a
     * running process) cannot know when its socket was opened: it stands for the latest stored
     * record of the same descriptor opened before the replay's first call.
     */
    private Connection openAtStart(Map<String, Connection> stored, Connection replayed) {
        Map.Entry<String, Connection> best = null;
        for (Map.Entry<String, Connection> e : stored.entrySet()) {
            Connection s = e.getValue();
            if (s.pid != replayed.pid || s.fd != replayed.fd || s.fd < 0) continue;
            if (s.openedNs != null && s.openedNs > firstTs) continue;
            if (best == null || (s.openedNs != null && (best.getValue().openedNs == null || s.openedNs > best.getValue().openedNs))) best = e;
        }
        if (best == null) return null;
        stored.remove(best.getKey());
        return best.getValue();
    }

    /** The replay saw more of the connection than the stored record tells: its correlator stopped updating it. */
    private static boolean stale(Connection stored, Connection replayed) {
        return (stored.closedNs == null && replayed.closedNs != null) || replayed.bytesOut + replayed.bytesIn > stored.bytesOut + stored.bytesIn;
    }
}
