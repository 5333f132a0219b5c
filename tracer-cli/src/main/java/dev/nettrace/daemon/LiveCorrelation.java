package dev.nettrace.daemon;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.store.Batch;
import dev.nettrace.store.EventChunk;
import dev.nettrace.store.ProcessKey;
import dev.nettrace.timeline.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Correlation while the process runs. A stored timeline replayed later cannot ask the kernel
 * anything, so while a reporter is connected (or the daemon holds a trace) its events are also
 * folded by a live correlator, as `nettrace run` folds them: /proc/PID/fd for socket identity,
 * sock_diag for tcp_info, destroy notifications for the final counters. The connection records it
 * makes are stored about every second (a record replaces the previous one of its connection) and
 * a last time when the process has exited or its reporter went away.
 *
 * <p>Storage never waits for this. One thread correlates for every reporter, within a quarter of
 * one CPU, fed by the sessions through a queue without blocking; a reporter whose events would
 * queue beyond its share has got ahead of the correlator, which then gives up on it for the rest
 * of its connection (its events are counted as skipped, its dump comes from the offline replay). Giving up rather than skipping
 * some events: a correlator that missed calls would store records that are wrong, not just late.
 */
final class LiveCorrelation implements Runnable {
    private static final long REFRESH_MS = 200, FLUSH_MS = 1000;
    /** Events one reporter may have waiting (5 to 12 MB), and all of them together: beyond, it has got ahead. */
    static final int QUEUED_EVENTS_PER_TIMELINE = 50_000, QUEUED_EVENTS = 200_000;
    /** How long a process may take to exit once its reporter has gone (an agent says BYE from a shutdown hook). */
    private static final long EXIT_GRACE_MS = 3000;
    /** Flushes that an ended connection stays unchanged before it is forgotten: its destroy notification may follow the close. */
    private static final int FLUSHES_BEFORE_FORGET = 2;

    /**
     * The share of one CPU that correlation may take (over each second), so that storage keeps the
     * rest of a small machine: a quarter folds about 200,000 agent events a second. Beyond it the
     * events wait, and a reporter that keeps up such a rate gets ahead and is given up.
     */
    private static final long BUDGET_WINDOW_MS = 1000, CPU_BUDGET_NS = 250_000_000L;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpuNs() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Some frames of one timeline, or (batches null) the news that its reporter has gone. */
    private record Work(Timeline timeline, List<Batch> batches, int events) {}

    private final CommitLoop commitLoop;
    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Set<Timeline> timelines = ConcurrentHashMap.newKeySet();
    private final AtomicLong correlated = new AtomicLong(), skipped = new AtomicLong(), givenUp = new AtomicLong(), queuedAll = new AtomicLong();
    private volatile boolean stopping;

    /** The records are stored by the writer, like any reporter's; nobody waits for their commit. */
    private static final CommitLoop.Sender RECORDS = new CommitLoop.Sender() {
        @Override
        public void committed(int frames) { }

        @Override
        public void failed(String why) {
            System.err.println("nettrace daemon: storing live connection records: " + why);
        }
    };

    LiveCorrelation(CommitLoop commitLoop) {
        this.commitLoop = commitLoop;
    }

    /** A timeline for one reporter; its events come through {@link Timeline#offer}. */
    Timeline open(String who) {
        Timeline t = new Timeline(who);
        timelines.add(t);
        return t;
    }

    long correlated() {
        return correlated.get();
    }

    long skipped() {
        return skipped.get();
    }

    long givenUp() {
        return givenUp.get();
    }

    int timelines() {
        return timelines.size();
    }

    /** Finishes every timeline (their last records go to the writer, which must still run) and ends the thread. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        long nextRefresh = 0, nextFlush = System.currentTimeMillis() + FLUSH_MS;
        long windowEnd = System.currentTimeMillis() + BUDGET_WINDOW_MS, windowStartCpu = cpuNs();
        while (!stopping) {
            try {
                if (cpuNs() - windowStartCpu < CPU_BUDGET_NS) {
                    Work w = queue.poll(REFRESH_MS, TimeUnit.MILLISECONDS);
                    if (w != null) w.timeline.guarded(() -> w.timeline.take(w));
                } else {
                    // Over its share: events wait, and a reporter that keeps this up is given up.
                    Thread.sleep(Math.max(1, Math.min(REFRESH_MS, windowEnd - System.currentTimeMillis())));
                }
            } catch (InterruptedException e) {
                break;
            }
            long now = System.currentTimeMillis();
            if (now >= windowEnd) {
                windowEnd = now + BUDGET_WINDOW_MS;
                windowStartCpu = cpuNs();
            }
            if (now >= nextRefresh) {
                for (Timeline t : timelines) t.guarded(() -> t.tick(now));
                nextRefresh = now + REFRESH_MS;
            }
            if (now >= nextFlush) {
                for (Timeline t : timelines) t.guarded(t::flush);
                nextFlush = now + FLUSH_MS;
            }
        }
        for (Work w; (w = queue.poll()) != null; ) {
            Work last = w;
            last.timeline.guarded(() -> last.timeline.take(last));
        }
        // The daemon is stopping: the last records, without waiting for the kernel's last words.
        for (Timeline t : timelines) t.guarded(t::flush);
    }

    /** What a reporter's events have been folded into so far. */
    final class Timeline {
        private final String who;
        private final AtomicInteger queued = new AtomicInteger();
        /** No longer correlated: it fell behind (fellBehind), or it sends records of its own. */
        private volatile boolean givingUp, fellBehind;
        private volatile Correlator correlator;
        private volatile KernelAccess kernel;
        /** The rest is the correlation thread's own. */
        private final Map<Integer, ProcessKey> processes = new HashMap<>();
        private final Map<Connection, Stored> stored = new HashMap<>();
        private long reporterGoneMs = -1, lastFlushAtMs = -1;

        private Timeline(String who) {
            this.who = who;
        }

        /** The record last stored for a connection, and for how many flushes it has not changed. */
        private static final class Stored {
            final String json;
            int unchanged;

            Stored(String json) {
                this.json = json;
            }
        }

        /** The sockets pid already has, as `attach` takes them: called before its trace starts. */
        void snapshot(int pid) {
            start().snapshot(pid);
        }

        /** Called by the reporter's thread after it queued batches for storage; never waits. */
        void offer(List<Batch> batches) {
            int n = 0;
            boolean ownRecords = false;
            for (Batch b : batches) {
                n += b.events().count();
                ownRecords |= !b.connections().isEmpty();
            }
            if (ownRecords && !givingUp) {
                // A reporter that sends connection records correlates itself; the daemon must not overwrite them.
                givingUp = true;
                return;
            }
            if (n == 0 || givingUp && !fellBehind) return;
            if (!givingUp && (queued.get() + n > QUEUED_EVENTS_PER_TIMELINE || queuedAll.get() + n > QUEUED_EVENTS)) {
                giveUp("fell behind");
            }
            if (givingUp) {
                skipped.addAndGet(n);
                return;
            }
            queued.addAndGet(n);
            queuedAll.addAndGet(n);
            queue.add(new Work(this, batches, n));
        }

        /** Stops correlating this reporter for good; its remaining events are counted as skipped. */
        private void giveUp(String why) {
            fellBehind = true;
            givingUp = true;
            givenUp.incrementAndGet();
            System.err.println("nettrace daemon: live correlation of " + who + " " + why + "; its dump is replayed from the stored events");
        }

        /** The reporter has gone: the timeline ends once its processes have. */
        void end() {
            queue.add(new Work(this, null, 0));
        }

        private synchronized Correlator start() {
            if (correlator == null) {
                kernel = new KernelAccess(true);
                Correlator c = new Correlator(kernel);
                c.prepare();
                c.caughtUp(() -> queued.get() == 0);
                correlator = c;
            }
            return correlator;
        }

        private void take(Work w) {
            if (w.batches == null) {
                reporterGoneMs = System.currentTimeMillis();
                return;
            }
            queued.addAndGet(-w.events);
            queuedAll.addAndGet(-w.events);
            if (givingUp) {
                if (fellBehind) skipped.addAndGet(w.events);
                return;
            }
            Correlator c = start();
            for (Batch b : w.batches) {
                int pid = b.process().pid();
                processes.putIfAbsent(pid, b.process());
                b.events().decode(pid, new EventChunk.Records() {
                    @Override
                    public void event(Event e) {
                        c.accept(e);
                    }

                    @Override
                    public void other(Map<String, Object> record) {
                        c.exitRecord(record, Reporter.nowNs());
                    }
                });
            }
            correlated.addAndGet(w.events);
        }

        private void tick(long nowMs) {
            if (givingUp) {
                // The records stored so far stay; a dump prefers its replay where they went stale.
                close();
                return;
            }
            Correlator c = correlator;
            if (c != null) c.refresh();
            if (reporterGoneMs < 0 || queued.get() > 0) return;
            if (lastFlushAtMs >= 0) {
                if (nowMs >= lastFlushAtMs) finish();
                return;
            }
            boolean allEnded = true;
            for (ProcessKey k : processes.values()) {
                if (!ProcessInfo.running(k.pid(), k.startTicks())) c.exited(k.pid(), Reporter.nowNs());
                else allEnded = false;
            }
            // One more refresh period for the destroy notifications of the sockets the exit closed.
            if (allEnded || nowMs - reporterGoneMs >= EXIT_GRACE_MS) lastFlushAtMs = nowMs + REFRESH_MS;
        }

        /** Stores the records that changed since the last flush; forgets connections that ended a while ago. */
        private void flush() {
            Correlator c = correlator;
            if (c == null || givingUp) return;
            Map<Integer, Batch> out = new HashMap<>();
            List<Connection> done = new ArrayList<>();
            for (Connection conn : c.connections()) {
                Map<String, Object> rec = conn.toMap();
                String json = Json.write(rec);
                Stored before = stored.get(conn);
                if (before != null && before.json.equals(json)) {
                    if (conn.closedNs != null && ++before.unchanged >= FLUSHES_BEFORE_FORGET) done.add(conn);
                    continue;
                }
                ProcessKey k = processes.get(conn.pid);
                if (k == null) continue; // a pre-existing socket of a process that has not reported yet
                out.computeIfAbsent(conn.pid, pid -> new Batch(k)).connections().add(ConnectionRecords.line(rec, json));
                stored.put(conn, new Stored(json));
            }
            if (!done.isEmpty()) {
                c.forget(done);
                done.forEach(stored::remove);
            }
            if (out.isEmpty()) return;
            try {
                commitLoop.submit(RECORDS, new ArrayList<>(out.values()), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The last word, once the kernel's final counters are in. */
        private void finish() {
            flush();
            close();
        }

        private void close() {
            timelines.remove(this);
            KernelAccess k = kernel;
            if (k == null) return;
            // Closing waits for the destroy subscriptions to drain: not on the thread that correlates everyone.
            Thread t = new Thread(k::close, "nettrace-correlate-close");
            t.setDaemon(true);
            t.start();
        }

        /** A fault in one timeline ends its live correlation, not the thread's. */
        private void guarded(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (!givingUp) giveUp("stops: " + e);
                close();
            }
        }
    }
}
