package dev.nettrace.daemon;

import dev.nettrace.json.Json;
import dev.nettrace.store.StoredProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands a client may send (one REQUEST per connection). Every answer is limited to what
 * the asking uid could ptrace: its own processes, or all of them for root.
 */
final class Requests {
    private Requests() {}

    /** Reply data goes out in frames of about this size. */
    private static final int CHUNK = 256 * 1024;

    static void serve(Daemon daemon, Session session, Map<String, Object> req) throws IOException {
        String cmd = String.valueOf(req.get("cmd"));
        int uid = session.peer().uid();
        switch (cmd) {
            case "status" -> session.reply(end(status(daemon)));
            case "ps" -> ps(daemon, session, uid);
            case "dump" -> dump(daemon, session, uid, req);
            case "detach" -> detach(daemon, session, uid, pid(req));
            case "attach" -> attach(daemon, session, pid(req));
            default -> throw new ProtocolException("unknown command '" + cmd + "' (status, ps, dump, detach, attach)");
        }
    }

    private static Map<String, Object> status(Daemon daemon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("socket", daemon.config().socket().toAbsolutePath().toString());
        m.put("db", daemon.store().file().toAbsolutePath().toString());
        m.put("uptimeMs", daemon.uptimeMs());
        m.put("clients", daemon.sessionCount() - 1);
        m.put("reporters", daemon.reporters().size());
        m.put("heldTraces", daemon.held().size());
        m.put("recordsStored", daemon.commitLoop().recordsStored());
        m.put("commits", daemon.commitLoop().commits());
        m.put("liveTimelines", daemon.live().timelines());
        m.put("liveCorrelated", daemon.live().correlated());
        m.put("liveSkipped", daemon.live().skipped());
        m.put("liveGivenUp", daemon.live().givenUp());
        m.put("dbBytes", daemon.store().usedBytes());
        return m;
    }

    private static void ps(Daemon daemon, Session session, int uid) throws IOException {
        ChunkedReply out = new ChunkedReply(session);
        for (StoredProcess p : daemon.store().processes()) {
            if (uid != 0 && p.uid() != uid) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "process");
            m.put("pid", p.pid());
            m.put("comm", p.comm());
            m.put("uid", p.uid());
            m.put("source", p.source());
            m.put("live", isLive(daemon, p));
            m.put("events", p.events());
            m.put("connections", p.connections());
            m.put("dropped", p.dropped());
            m.put("firstNs", p.firstNs());
            m.put("lastNs", p.lastNs());
            out.line(Json.write(m));
        }
        out.finish(Map.of());
    }

    /** Traced right now: an agent or helper is connected for it, or the daemon holds its trace. */
    private static boolean isLive(Daemon daemon, StoredProcess p) {
        if (daemon.held().containsKey(p.pid())) return true;
        ProcessInfo now = ProcessInfo.read(p.pid());
        if (now == null || (p.startTicks() != 0 && now.startTicks() != p.startTicks())) return false;
        return daemon.reporters().stream().anyMatch(s -> s.reportedPids().contains(p.pid()));
    }

    private static void dump(Daemon daemon, Session session, int uid, Map<String, Object> req) throws IOException {
        int pid = pid(req);
        StoredProcess p = visible(daemon, uid, pid);
        long since = req.get("since") instanceof Long l ? l : Long.MIN_VALUE;
        long until = req.get("until") instanceof Long l ? l : Long.MAX_VALUE;
        ChunkedReply out = new ChunkedReply(session);
        // First what no event may carry: the process's name (a replay needs it before the first call it prints).
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("type", "process");
        process.put("pid", p.pid());
        process.put("comm", p.comm());
        out.line(Json.write(process));
        long[] counts = new long[2];
        try {
            daemon.store().dump(p.id(), since, until, new dev.nettrace.store.Store.DumpSink() {
                @Override
                public void event(String line) {
                    counts[0]++;
                    out.lineUnchecked(line);
                }

                @Override
                public void connection(String line) {
                    counts[1]++;
                    out.lineUnchecked(line);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pid", p.pid());
        summary.put("comm", p.comm());
        summary.put("events", counts[0]);
        summary.put("connections", counts[1]);
        summary.put("dropped", p.dropped());
        out.finish(summary);
    }

    private static void detach(Daemon daemon, Session session, int uid, int pid) throws IOException {
        StoredProcess p = visible(daemon, uid, pid);
        List<String> how = new ArrayList<>();
        HeldTrace h = daemon.held().get(pid);
        if (h != null) {
            h.stop();
            how.add("stopped the daemon's ptrace helper");
        }
        for (Session s : daemon.reporters()) {
            if (s.reportedPids().contains(pid)) {
                s.detach();
                how.add("told the " + s.reporter().describe() + " to detach");
            }
        }
        if (how.isEmpty()) throw new ProtocolException("process " + pid + " (" + p.comm() + ") is not being traced now");
        session.reply(end(Map.of("pid", pid, "detached", how)));
    }

    private static void attach(Daemon daemon, Session session, int pid) throws IOException {
        ProcessInfo target = ProcessInfo.read(pid);
        if (target == null) throw new ProtocolException("no such process: " + pid);
        if (!target.traceableBy(session.peer().uid())) {
            throw new ProtocolException("permission denied: uid " + session.peer().uid() + " may not trace pid " + pid + " (uid " + target.realUid() + ")");
        }
        if (daemon.held().containsKey(pid)) throw new ProtocolException("the daemon already traces pid " + pid);
        HeldTrace.start(daemon, pid, Reporter.held(session.peer()));
        session.reply(end(Map.of("pid", pid, "attached", true)));
    }

    /** The latest stored process with this pid, if the asking uid may see it. */
    private static StoredProcess visible(Daemon daemon, int uid, int pid) {
        Optional<StoredProcess> p = daemon.store().latest(pid);
        if (p.isEmpty()) throw new ProtocolException("no trace of pid " + pid + " in the daemon's store");
        if (uid != 0 && p.get().uid() != uid) {
            throw new ProtocolException("permission denied: pid " + pid + " belongs to uid " + p.get().uid() + ", you are uid " + uid);
        }
        return p.get();
    }

    private static int pid(Map<String, Object> req) {
        if (req.get("pid") instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) return l.intValue();
        throw new ProtocolException("the request needs a positive \"pid\"");
    }

    private static Frame end(Map<String, Object> m) {
        return Frame.of(Frame.END, Json.write(m));
    }

    /** NDJSON lines batched into DATA frames, then END. */
    private static final class ChunkedReply {
        private final Session session;
        private final StringBuilder buf = new StringBuilder();

        ChunkedReply(Session session) {
            this.session = session;
        }

        void line(String line) throws IOException {
            // Flushing first keeps every frame under the limit: a single line came in a frame itself.
            if (buf.length() + line.length() >= CHUNK) flush();
            buf.append(line).append('\n');
        }

        void lineUnchecked(String line) {
            try {
                line(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish(Map<String, Object> summary) throws IOException {
            flush();
            session.reply(end(summary));
        }

        private void flush() throws IOException {
            if (buf.length() == 0) return;
            byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
            buf.setLength(0);
            session.reply(new Frame(Frame.DATA, bytes));
        }
    }
}
