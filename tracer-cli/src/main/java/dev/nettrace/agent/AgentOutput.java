package dev.nettrace.agent;

import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.render.CorrelatedTrace;
import dev.nettrace.render.Decimal;
import dev.nettrace.render.TimeStyle;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes agent events in the chosen format, in the order the calls finished (as strace prints
 * them). Agents of several threads and JVMs report independently, so events are held for a
 * moment and sorted. One correction: a call the JDK makes inside another one (the close inside
 * a failed Socket.connect) finishes first but belongs after the outer call, whose syscall it
 * follows; such an outer call is moved in front of the calls it encloses. For text, json and
 * --html each event is also folded, in the order written, into the same correlator as ptrace
 * events, which renders the connections after the calls.
 */
public final class AgentOutput implements AutoCloseable {
    public enum Format { strace, json, text }

    private static final long HOLD_NS = 100_000_000;

    private static final class Pending {
        final AgentEvent event;
        final long order, arrived, seq;
        boolean written;

        Pending(AgentEvent event, long order, long arrived, long seq) {
            this.event = event;
            this.order = order;
            this.arrived = arrived;
            this.seq = seq;
        }
    }

    /** Recently held events of one thread, to find the ones a late-arriving outer call encloses. */
    private record ThreadKey(int pid, int tid, String thread) {}

    /** What one read of one agent's socket delivered: handed over together, stamped once. */
    private record Arrival(List<AgentEvent> events, long arrived) {}

    private final ConcurrentLinkedQueue<Arrival> incoming = new ConcurrentLinkedQueue<>();

    private static final int RECENT_PER_THREAD = 8;

    private final Format format;
    private final boolean discardEvents;
    private final PrintStream out;
    private final boolean closeOut;
    private final boolean showTimes;
    /** The time column: -t's, or the time of day with microseconds for text; null for none. */
    private final TimeStyle stamps;
    private final PriorityQueue<Pending> held = new PriorityQueue<>((a, b) -> a.order != b.order
            ? Long.compare(a.order, b.order) : Long.compare(a.seq, b.seq));
    private final Map<ThreadKey, ArrayDeque<Pending>> recent = new HashMap<>();
    private final Thread flusher;
    private final CorrelatedTrace connections;
    /**
     * Every event received so far has been written and folded. Read by the correlator's refresh
     * without our lock (it holds its own, which writing takes after ours).
     */
    private volatile boolean drained = true;
    private long seq;
    private boolean closed;

    /**
     * @param file where to write, or null for stderr (strace's habit)
     * @param showTimes -T: time spent in each call
     * @param timestamps -t count: 1 time of day, 2 with microseconds, 3 epoch seconds
     * @param connections where the events are folded into connections, rendered after the calls
     *     (text, json, --html); null for strace's format
     */
    public AgentOutput(Format format, Path file, boolean showTimes, int timestamps, CorrelatedTrace connections) throws IOException {
        this.format = format;
        this.connections = connections;
        this.showTimes = showTimes;
        this.stamps = timestamps > 0 ? TimeStyle.of(false, timestamps) : format == Format.text ? TimeStyle.CLOCK_MICROS : null;
        this.discardEvents = connections == null && discarded(file);
        if (file != null) {
            OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            this.out = new PrintStream(os, false, StandardCharsets.UTF_8);
            this.closeOut = true;
        } else {
            this.out = System.err;
            this.closeOut = false;
        }
        if (connections != null) connections.foldFrom(out, () -> drained);
        this.flusher = new Thread(this::flushLoop, "nettrace-agent-output");
        flusher.setDaemon(true);
        flusher.start();
    }

    /**
     * Whether events would only be formatted to be thrown away (-o /dev/null and no --html): then
     * the collectors need not even decode them, which keeps a collector that shares the machine
     * with a busy JVM out of its way. Drop counts and the exit still count.
     */
    public boolean discardsEvents() {
        return discardEvents;
    }

    static boolean discarded(Path file) {
        try {
            return file != null && Files.isSameFile(file, Path.of("/dev/null"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Called by the collectors' reader threads: never waits for the writing. */
    public void events(List<AgentEvent> batch) {
        if (discardEvents || batch.isEmpty()) return;
        drained = false;
        incoming.add(new Arrival(batch, System.nanoTime()));
    }

    /** Moves what the readers delivered into the ordering queue (under the lock). */
    private void admit() {
        ThreadKey key = null;
        ArrayDeque<Pending> mine = null;
        for (Arrival a; (a = incoming.poll()) != null; ) {
            for (AgentEvent ae : a.events) {
                Event e = ae.event();
                long order = e.ts + (e.durNs == null ? 0 : e.durNs);
                // runs of events of one thread are the rule: look its history up once per run
                if (key == null || key.pid != e.pid || key.tid != e.tid || !Objects.equals(key.thread, e.thread)) {
                    key = new ThreadKey(e.pid, e.tid, e.thread);
                    mine = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
                }
                for (Pending inner : mine) {
                    if (inner.event.event().ts >= e.ts && inner.order <= order && !inner.written) order = inner.order - 1;
                }
                Pending p = new Pending(ae, order, a.arrived, seq++);
                held.add(p);
                mine.addLast(p);
                if (mine.size() > RECENT_PER_THREAD) mine.removeFirst();
            }
        }
    }

    /** The agent lost events (ring full: the collector or this output was too slow). */
    public synchronized void dropped(int pid, long count) {
        flushHeld(Long.MAX_VALUE);
        if (format == Format.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "drops");
            m.put("pid", pid);
            m.put("source", "agent");
            m.put("dropped", count);
            out.println(Json.write(m));
        } else {
            out.println("+++ pid " + pid + ": the agent dropped " + count + " events +++");
        }
        out.flush();
    }

    /** A launched command ended: its connections close; {@code print}: strace's exit line (json: an "exit" record). */
    public synchronized void exited(long pid, int status, boolean print) {
        flushHeld(Long.MAX_VALUE);
        if (connections != null) connections.exited((int) pid, System.currentTimeMillis() * 1_000_000L);
        if (!print) return;
        if (format == Format.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "exit");
            m.put("pid", pid);
            if (status >= 128) m.put("signal", status - 128);
            else m.put("code", status);
            out.println(Json.write(m));
        } else {
            out.println(status >= 128 ? "+++ killed by signal " + (status - 128) + " +++" : "+++ exited with " + status + " +++");
        }
        out.flush();
    }

    private void flushLoop() {
        while (true) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closed) return;
                flushHeld(System.nanoTime() - HOLD_NS);
            }
        }
    }

    private void flushHeld(long arrivedBefore) {
        admit();
        boolean any = false;
        while (!held.isEmpty() && held.peek().arrived <= arrivedBefore) {
            Pending p = held.poll();
            p.written = true;
            write(p.event);
            if (connections != null) connections.accept(p.event.event());
            any = true;
        }
        if (held.isEmpty()) recent.clear();
        if (any) out.flush();
        drained = held.isEmpty() && incoming.isEmpty();
    }

    private void write(AgentEvent ae) {
        Event e = ae.event();
        switch (format) {
            case json -> out.println(Json.write(ae.toMap()));
            case strace -> {
                out.println(stamp(e) + prefix(e) + StraceLine.call(ae) + (showTimes ? Decimal.fixed(new StringBuilder(" <"), Decimal.rounded(e.durNs, 1_000), 6).append('>') : ""));
                if (e.stack != null) e.stack.forEach(f -> out.println(" > " + f));
            }
            case text -> {
                out.println(stamp(e) + prefix(e) + TextLine.of(ae));
                if (e.stack != null) e.stack.forEach(f -> out.println("    at " + f));
            }
        }
    }

    /** Who made the call: kernel thread id (the pid for a virtual thread, which has none) and Java name. */
    private static String prefix(Event e) {
        return "[pid " + (e.tid > 0 ? e.tid : e.pid) + " \"" + e.thread + "\"" + (e.virtual ? " virtual" : "") + "] ";
    }

    private String stamp(Event e) {
        return stamps == null ? "" : stamps.format(e.ts, 0, 0) + " ";
    }

    /** Writes everything held, so that a message that follows comes after the events before it. */
    public synchronized void flush() {
        flushHeld(Long.MAX_VALUE);
        out.flush();
    }

    private void endConnections() {
        try {
            connections.end();
        } catch (IOException e) {
            System.err.println("nettrace: writing the connections: " + e.getMessage());
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            flushHeld(Long.MAX_VALUE);
            if (connections != null) endConnections();
            out.flush();
        }
        flusher.interrupt();
        if (closeOut) out.close();
    }
}
