package dev.nettrace.daemon;

import dev.nettrace.json.Json;
import dev.nettrace.store.Batch;
import dev.nettrace.store.ProcessKey;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

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

    /** Adds the records of one RECORDS payload to the batches of the processes they belong to. */
    void records(byte[] payload, int off, int len, Function<ProcessKey, Batch> batches) {
        int lineNo = 0;
        boolean first = true;
        for (int at = off, stop = off + len; at < stop; ) {
            int eol = at;
            while (eol < stop && payload[eol] != '\n') eol++;
            int lineStart = at;
            at = eol + 1;
            lineNo++;
            if (blank(payload, lineStart, eol)) continue;
            try {
                scan.scan(payload, lineStart, eol);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("malformed record on line " + lineNo + ": " + e.getMessage());
            }
            if (scan.pid == null) throw new ProtocolException("record on line " + lineNo + " has no numeric pid");
            long pidValue = scan.pid;
            int pid = allowedPid(pidValue);
            Batch b = batches.apply(key(pid));
            if (first) {
                // Room for the whole payload (and an entry header per line) in one step; only for the
                // first process, since one payload may name thousands (the others grow as needed).
                b.events().reserve((stop - lineStart) + (stop - lineStart) / 8);
                first = false;
            }
            boolean event = !"connection".equals(scan.type) && !"drops".equals(scan.type);
            if (event && pid == pidValue) {
                // The common case: stored verbatim, nothing but the scan needed.
                b.events().addLine(scan.ts != null ? scan.ts : nowNs(), payload, lineStart, eol - lineStart);
                continue;
            }
            String line = new String(payload, lineStart, eol - lineStart, StandardCharsets.UTF_8);
            Map<String, Object> rec = Json.parseObject(line);
            if (pid != pidValue) line = Json.write(withPid(rec, pidValue, pid));
            if (event) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                b.events().addLine(rec.get("ts") instanceof Long ts ? ts : nowNs(), bytes, 0, bytes.length);
            } else if ("drops".equals(scan.type)) {
                if (!(rec.get("dropped") instanceof Long n) || n < 0) throw new ProtocolException("drops record on line " + lineNo + " needs a count \"dropped\"");
                b.dropped(n);
            } else {
                b.connections().add(ConnectionRecords.line(rec, line));
            }
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) if (b[k] < 0 || !Character.isWhitespace(b[k])) return false;
        return true;
    }

    /**
     * One event of an agent, kept as the frame it came in (frame[start, start + length), header
     * included): its frames carry no pid, the connection says whose they are.
     */
    void agentEvent(byte[] frame, int start, int length, Function<ProcessKey, Batch> batches) {
        long ts = AgentEventLayout.timestamp(frame, start, length);
        batches.apply(key(peer.pid())).events().addAgentFrame(ts, frame, start, length);
    }

    /** An agent's count of events it has lost so far. */
    void agentDrops(long droppedSoFar, Function<ProcessKey, Batch> batches) {
        batches.apply(key(peer.pid())).dropped(Math.max(0, droppedSoFar));
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

    static long nowNs() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
