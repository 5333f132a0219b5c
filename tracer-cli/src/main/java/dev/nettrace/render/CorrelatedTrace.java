package dev.nettrace.render;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A trace whose output needs correlation (human text, NDJSON with connection records, HTML).
 * The helper writes NDJSON events into a FIFO, which one thread folds into the correlator and
 * renders as they come (the JVM agent hands its events in through {@link #foldFrom} instead); a
 * second thread refreshes kernel state periodically. At the end the connections are rendered.
 * The traced program keeps the terminal: only events go through us.
 */
public final class CorrelatedTrace {
    /** How often the kernel is asked about open sockets (CLOSE_WAIT, vanished sockets). */
    private static final long REFRESH_MS = 200;
    private static final String END_OF_EVENTS = "{\"type\":\"nettrace-end\"}";

    public record Settings(String format, Path output, Path html, TimeStyle time, boolean durations, List<Integer> attachPids) {}

    private final Settings settings;
    private final Correlator correlator;
    private final KernelAccess kernel = new KernelAccess(true);
    private final List<TraceOutput> outputs = new ArrayList<>();
    private final CountDownLatch rendered = new CountDownLatch(1);
    private Thread refresher;

    public CorrelatedTrace(Settings settings) {
        this.settings = settings;
        this.correlator = new Correlator(kernel);
    }

    /**
     * Runs the helper (its arguments must include {@code --format json -o} {@link #EVENTS}
     * placeholder replaced here) and returns its exit status once everything is rendered.
     */
    public int run(Path helper, List<String> helperArgs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nettrace-");
        Path fifo = dir.resolve("events");
        if (Posix.mkfifo(fifo.toString(), 0600) != 0) throw new IOException("cannot create a FIFO in " + dir);
        PrintStream out = settings.output() != null
                ? new PrintStream(new FileOutputStream(settings.output().toFile()), false, StandardCharsets.UTF_8)
                : new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), false, StandardCharsets.UTF_8);
        addOutputs(out, false);
        correlator.prepare();
        correlator.caughtUp(() -> waiting);
        warmUp();
        for (int pid : settings.attachPids()) correlator.snapshot(pid);

        // Opened read-write so that opening never blocks and a helper that dies early cannot
        // leave us waiting; the end of the events is a line we append after the helper exits.
        RandomAccessFile events = new RandomAccessFile(fifo.toFile(), "rw");
        List<String> cmd = new ArrayList<>();
        cmd.add(helper.toString());
        for (String a : helperArgs) cmd.add(a.equals(EVENTS) ? fifo.toString() : a);
        // the hook exists before the helper does: a signal in between must not orphan a tracer
        java.util.concurrent.atomic.AtomicReference<Process> helperProcess = new java.util.concurrent.atomic.AtomicReference<>();
        Thread hook = new Thread(() -> stopAndWait(helperProcess), "nettrace-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Process p;
        synchronized (helperProcess) {
            p = new ProcessBuilder(cmd).inheritIO().start();
            helperProcess.set(p);
        }
        Thread reader = new Thread(() -> fold(events), "nettrace-fold");
        reader.start();
        startRefresher();
        int rc = p.waitFor();
        try (FileOutputStream end = new FileOutputStream(fifo.toFile())) {
            end.write(("\n" + END_OF_EVENTS + "\n").getBytes(StandardCharsets.UTF_8));
        }
        reader.join();
        refresher.interrupt();
        finish(out);
        events.close();
        Files.deleteIfExists(fifo);
        Files.deleteIfExists(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is waiting for `rendered`, which is now counted down
        }
        return rc;
    }

    /**
     * For a source that writes its own per-call lines (the JVM agent): starts folding here the
     * events it then hands to {@link #accept} in the order it printed them, and {@link #exited}.
     * {@link #end} renders what needs the correlator (connection records, the summary, the HTML
     * timeline) to {@code out}, with the same outputs as the helper's events get.
     * @param caughtUp whether the source has handed over every event it received (see Correlator#caughtUp)
     */
    public void foldFrom(PrintStream out, java.util.function.BooleanSupplier caughtUp) {
        addOutputs(out, true);
        correlator.prepare();
        correlator.caughtUp(caughtUp);
        startRefresher();
    }

    public void accept(Event e) {
        correlator.accept(e);
        for (TraceOutput o : outputs) o.event(e, null);
    }

    public void exited(int pid, long ts) {
        correlator.exited(pid, ts);
        for (TraceOutput o : outputs) o.record(Map.of("type", "exit", "pid", pid, "ts", ts), null);
    }

    /** Ends a {@link #foldFrom} trace: renders the connections; the source still owns {@code out}. */
    public void end() throws IOException {
        refresher.interrupt();
        renderEnd();
    }

    /** The format's output and the HTML timeline; {@code endOnly} when the source prints the calls itself. */
    private void addOutputs(PrintStream out, boolean endOnly) {
        boolean colour = settings.output() == null && Posix.isTerminal(2);
        TraceOutput main = settings.format().equals("json") ? new JsonOutput(out) : new TextOutput(out, settings.time(), settings.durations(), colour, correlator::comm);
        outputs.add(endOnly ? new EndOnly(main) : main);
        if (settings.html() != null) outputs.add(new HtmlOutput(settings.html()));
    }

    /** An output whose per-call lines the source writes itself: only its end is rendered here. */
    private record EndOnly(TraceOutput inner) implements TraceOutput {
        @Override
        public void event(Event e, String line) { }

        @Override
        public void record(Map<String, Object> record, String line) { }

        @Override
        public void finish(Correlator correlator) throws IOException {
            inner.finish(correlator);
        }
    }

    private void startRefresher() {
        refresher = new Thread(this::refreshLoop, "nettrace-refresh");
        refresher.setDaemon(true);
        refresher.start();
    }

    /** The placeholder for the FIFO path in the helper's arguments. */
    public static final String EVENTS = "\0events";

    /** Set while the fold waits for input on an empty pipe: everything written so far is folded. */
    private volatile boolean waiting;

    /** Splits the FIFO into lines itself, so that it knows when it is about to wait on an empty pipe. */
    private void fold(RandomAccessFile events) {
        try (FileInputStream in = new FileInputStream(events.getFD())) {
            byte[] buf = new byte[1 << 16];
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
            while (true) {
                waiting = in.available() == 0;
                int n = in.read(buf);
                waiting = false;
                if (n < 0) return;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        line.write(buf[i]);
                        continue;
                    }
                    String l = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (l.equals(END_OF_EVENTS)) return;
                    if (!l.isEmpty()) handle(l);
                }
            }
        } catch (IOException e) {
            System.err.println("nettrace: reading the helper's events: " + e.getMessage());
        }
    }

    void handle(String line) {
        Map<String, Object> m;
        try {
            m = Json.parseObject(line);
        } catch (IllegalArgumentException e) {
            System.err.println(line); // not ours to understand: the helper's own message
            return;
        }
        if ("event".equals(m.get("type"))) {
            Event e = Event.fromMap(m);
            correlator.accept(e);
            for (TraceOutput o : outputs) o.event(e, line);
        } else {
            correlator.exitRecord(m, System.currentTimeMillis() * 1_000_000L);
            for (TraceOutput o : outputs) o.record(m, line);
        }
    }

    /**
     * Runs the fold-and-render path once on a made-up call before the helper starts: short-lived
     * programs can be gone before a cold JVM (class loading, interpretation) reaches their first
     * events, and then /proc has nothing left to say about their sockets.
     */
    private void warmUp() {
        Correlator scratch = new Correlator(new KernelAccess(false));
        String line = "{\"type\":\"event\",\"ts\":1,\"pid\":1,\"tid\":1,\"source\":\"ptrace\",\"op\":\"connect\",\"fd\":3,\"remote\":\"127.0.0.1:1\",\"ret\":0}";
        Event e = Event.fromMap(Json.parseObject(line));
        scratch.accept(e);
        scratch.connections();
        new TextOutput(new PrintStream(java.io.OutputStream.nullOutputStream()), settings.time(), true, false, scratch::comm).line(e);
    }

    private void refreshLoop() {
        try {
            while (true) {
                Thread.sleep(REFRESH_MS);
                correlator.refresh();
            }
        } catch (InterruptedException e) {
            // the trace is over
        }
    }

    private void finish(PrintStream out) throws IOException {
        try {
            renderEnd();
        } finally {
            out.flush();
            if (settings.output() != null) out.close();
            rendered.countDown();
        }
    }

    private void renderEnd() throws IOException {
        correlator.refresh();
        kernel.close(); // drains the destroy notifications of the last sockets first
        for (TraceOutput o : outputs) o.finish(correlator);
    }

    /** Ctrl-C or SIGTERM: the helper detaches (attach) or ends the program (run); we render, then exit. */
    private void stopAndWait(java.util.concurrent.atomic.AtomicReference<Process> helperProcess) {
        Process p;
        synchronized (helperProcess) {
            p = helperProcess.get();
        }
        if (p == null) return; // stopped before the helper was started: nothing to detach
        if (p.isAlive()) p.destroy();
        try {
            if (rendered.await(30, TimeUnit.SECONDS) && !p.isAlive()) Runtime.getRuntime().halt(p.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
