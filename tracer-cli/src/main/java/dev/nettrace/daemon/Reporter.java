package dev.nettrace.daemon;

import dev.nettrace.agent.AgentEvent;
import dev.nettrace.agent.FrameEvents;
import dev.nettrace.json.Json;
import dev.nettrace.store.Batch;
import dev.nettrace.store.ProcessKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection that delivers records: an agent (for its own JVM only) or a helper stream (for
 * any process its uid could ptrace). Turns what they send into store batches after checking
 * every record's pid against what the peer may report.
 */
final class Reporter {
    enum Role { AGENT, HELPER }

    private final Role role;
    private final String source;
    private final UnixSocket.Peer peer;
    /** The agent's pid as it sees it (differs from peer.pid() inside a container's pid namespace). */
    private final int ownPidAsSeen;
    private final Map<Integer, ProcessKey> processes = new HashMap<>();
    /** Reused for every agent event: the hot path should not grow a fresh buffer per call. */
    private final StringBuilder json = new StringBuilder(512);
    private final RecordScan scan = new RecordScan();

    private Reporter(Role role, String source, UnixSocket.Peer peer, int ownPidAsSeen) {
        this.role = role;
        this.source = source;
        this.peer = peer;
        this.ownPidAsSeen = ownPidAsSeen;
    }

    /** An agent that says it is pid claimed; the exception's message is what it is told. */
    static Reporter agent(long claimed, UnixSocket.Peer peer) {
        ProcessInfo self = ProcessInfo.read(peer.pid());
        // The agent names itself in its own pid namespace; the kernel told us its pid in ours.
        if (self == null || (claimed != peer.pid() && claimed != self.innermostPid())) {
            throw new ProtocolException("an agent may report only for its own process: its hello says pid " + claimed
                    + " but the connection comes from pid " + peer.pid());
        }
        return new Reporter(Role.AGENT, "agent", peer, (int) claimed);
    }

    /** A helper stream from its JSON hello. */
    static Reporter helper(Map<String, Object> hello, UnixSocket.Peer peer) {
        Object proto = hello.get("proto");
        if (!(proto instanceof Long p) || p != 1) throw new ProtocolException("unsupported protocol version " + proto + " (this daemon speaks 1)");
        return new Reporter(Role.HELPER, hello.get("source") instanceof String s ? s : "ptrace", peer, -1);
    }

    /** A reporter for a trace the daemon runs itself, on behalf of a client. */
    static Reporter held(UnixSocket.Peer onBehalfOf) {
        return new Reporter(Role.HELPER, "ptrace", onBehalfOf, -1);
    }

    Role role() {
        return role;
    }

    String describe() {
        return role.name().toLowerCase() + " pid " + peer.pid() + " uid " + peer.uid();
    }

    /** The batches of one RECORDS payload, one per process it mentions. */
    List<Batch> records(byte[] payload) {
        Map<ProcessKey, Batch> byProcess = new LinkedHashMap<>();
        String text = new String(payload, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) continue;
            try {
                scan.scan(line);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("malformed record on line " + lineNo + ": " + e.getMessage());
            }
            if (scan.pid == null) throw new ProtocolException("record on line " + lineNo + " has no numeric pid");
            long pidValue = scan.pid;
            int pid = allowedPid(pidValue);
            ProcessKey key = key(pid);
            Batch b = byProcess.computeIfAbsent(key, k -> new Batch(k, new ArrayList<>(), new ArrayList<>(), 0));
            boolean event = !"connection".equals(scan.type) && !"drops".equals(scan.type);
            if (event && pid == pidValue) {
                // The common case: stored verbatim, nothing but the scan needed.
                b.events().add(new Batch.EventLine(scan.ts != null ? scan.ts : nowNs(), line.getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            Map<String, Object> rec = Json.parseObject(line);
            if (pid != pidValue) line = Json.write(withPid(rec, pidValue, pid));
            if (event) {
                b.events().add(event(rec, line));
            } else if ("drops".equals(scan.type)) {
                if (!(rec.get("dropped") instanceof Long n) || n < 0) throw new ProtocolException("drops record on line " + lineNo + " needs a count \"dropped\"");
                byProcess.put(key, new Batch(key, b.events(), b.connections(), Math.max(b.droppedSoFar(), n)));
            } else {
                b.connections().add(connection(rec, line));
            }
        }
        return new ArrayList<>(byProcess.values());
    }

    /** One event of an agent: its frames carry no pid, the connection says whose they are. */
    Batch agentEvent(dev.nettrace.wire.Frame frame) {
        AgentEvent e = FrameEvents.toEvent(frame, peer.pid());
        json.setLength(0);
        Json.write(json, e.toMap());
        List<Batch.EventLine> events = new ArrayList<>();
        events.add(new Batch.EventLine(e.event().ts, json.toString().getBytes(StandardCharsets.UTF_8)));
        return new Batch(key(peer.pid()), events, new ArrayList<>(), 0);
    }

    /** An agent's count of events it has lost so far. */
    Batch agentDrops(long droppedSoFar) {
        return new Batch(key(peer.pid()), new ArrayList<>(), new ArrayList<>(), Math.max(0, droppedSoFar));
    }

    private static Map<String, Object> withPid(Map<String, Object> rec, long from, int to) {
        if (from == to) return rec;
        rec.put("pid", (long) to);
        if (rec.get("tid") instanceof Long t && t == from) rec.put("tid", (long) to);
        return rec;
    }

    private int allowedPid(long pid) {
        if (role == Role.AGENT) {
            if (pid != ownPidAsSeen && pid != peer.pid()) {
                throw new ProtocolException("an agent may report only for its own process (pid " + ownPidAsSeen + "), not pid " + pid);
            }
            return peer.pid();
        }
        if (pid <= 0 || pid > Integer.MAX_VALUE) throw new ProtocolException("invalid pid " + pid);
        return (int) pid;
    }

    private ProcessKey key(int pid) {
        ProcessKey k = processes.get(pid);
        if (k != null) return k;
        ProcessInfo p = ProcessInfo.read(pid);
        if (p != null && !p.traceableBy(peer.uid())) {
            throw new ProtocolException("permission denied: uid " + peer.uid() + " may not report for pid " + pid
                    + " (owned by uid " + p.realUid() + ")");
        }
        // A process that is already gone is attributed to the reporter, who alone (with root) may then read it.
        k = p == null ? new ProcessKey(pid, 0, peer.uid(), null, source)
                : new ProcessKey(pid, p.startTicks(), p.realUid(), p.comm(), source);
        processes.put(pid, k);
        return k;
    }

    private static Batch.EventLine event(Map<String, Object> rec, String line) {
        return new Batch.EventLine(rec.get("ts") instanceof Long ts ? ts : nowNs(), line.getBytes(StandardCharsets.UTF_8));
    }

    private static Batch.ConnectionLine connection(Map<String, Object> rec, String line) {
        Long opened = num(rec.get("openedNs"));
        Long closed = num(rec.get("closedNs"));
        Long connected = num(rec.get("connectedNs"));
        long ended = closed != null ? closed : connected != null ? connected : opened != null ? opened : nowNs();
        // Stable over the connection's life; remote too, because UDP flows of one socket share its inode.
        Object id = rec.get("inode") != null ? "i" + rec.get("inode") : "f" + rec.get("fd");
        String key = id + "@" + (opened != null ? opened : ended) + ">" + rec.get("remote");
        return new Batch.ConnectionLine(key, opened, ended, (String) rec.get("remote"), (String) rec.get("outcome"), line);
    }

    private static Long num(Object o) {
        return o instanceof Long l ? l : null;
    }

    static long nowNs() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
