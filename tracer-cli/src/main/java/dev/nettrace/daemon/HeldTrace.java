package dev.nettrace.daemon;

import dev.nettrace.cli.NativeHelper;
import dev.nettrace.store.Batch;
import dev.nettrace.store.ProcessKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trace the daemon runs itself (`nettrace attach --daemon PID`): nettrace-ptrace attached to
 * the process, its NDJSON read line by line and stored like any reporter's records, so the trace
 * outlives the command that asked for it. Ends when the process exits or on `nettrace detach`.
 */
final class HeldTrace implements CommitLoop.Sender {
    private static final int LINES_PER_BATCH = 2000;

    private final Daemon daemon;
    private final int pid;
    private final Reporter reporter;
    private final Process helper;
    private final LiveCorrelation.Timeline live;

    private HeldTrace(Daemon daemon, int pid, Reporter reporter, Process helper, LiveCorrelation.Timeline live) {
        this.daemon = daemon;
        this.pid = pid;
        this.reporter = reporter;
        this.helper = helper;
        this.live = live;
    }

    /** How long a helper that cannot attach takes to say so. */
    private static final long ATTACH_GRACE_MS = 1000;

    /** Starts the helper; if it gives up at once, its complaint becomes the client's error. */
    static void start(Daemon daemon, int pid, Reporter reporter) throws IOException {
        List<String> cmd = List.of(NativeHelper.locate().path().toString(), "--format", "json", "-qq", "-o", "/dev/stdout", "-p", Integer.toString(pid));
        // The sockets it has before the helper attaches, as `nettrace attach` takes them.
        LiveCorrelation.Timeline live = daemon.live().open("the trace of pid " + pid);
        live.snapshot(pid);
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            live.end();
            throw e;
        }
        HeldTrace h = new HeldTrace(daemon, pid, reporter, p, live);
        daemon.held().put(pid, h);
        Thread t = new Thread(h::pump, "nettrace-held-" + pid);
        t.setDaemon(true);
        t.start();
        try {
            if (p.waitFor(ATTACH_GRACE_MS, TimeUnit.MILLISECONDS) && p.exitValue() != 0) {
                String why = new String(p.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8).strip().lines().findFirst().orElse("exit status " + p.exitValue());
                throw new ProtocolException("cannot trace pid " + pid + ": " + why);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // From here on its messages have no one to go to; they must not fill the pipe and block it.
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the helper is gone
            }
        }, "nettrace-held-stderr-" + pid);
        drain.setDaemon(true);
        drain.start();
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder batch = new StringBuilder();
            int lines = 0;
            String line;
            while ((line = in.readLine()) != null) {
                batch.append(line).append('\n');
                // Submit when the helper pauses or the batch is big: latency low when idle, commits large when busy.
                if (++lines >= LINES_PER_BATCH || !in.ready()) {
                    submit(batch.toString().getBytes(StandardCharsets.UTF_8));
                    batch.setLength(0);
                    lines = 0;
                }
            }
        } catch (IOException | ProtocolException e) {
            System.err.println("nettrace daemon: trace of pid " + pid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop();
            live.end();
            daemon.held().remove(pid, this);
        }
    }

    private void submit(byte[] ndjson) throws InterruptedException {
        Map<ProcessKey, Batch> byProcess = new LinkedHashMap<>();
        reporter.records(ndjson, 0, ndjson.length, k -> byProcess.computeIfAbsent(k, Batch::new));
        if (byProcess.isEmpty()) return;
        List<Batch> batches = new ArrayList<>(byProcess.values());
        daemon.commitLoop().submit(this, batches, 1);
        live.offer(batches);
    }

    /** Asks the helper to detach (it leaves the process running as before) and waits a little. */
    void stop() {
        if (!helper.isAlive()) return;
        helper.destroy();
        try {
            if (!helper.waitFor(10, TimeUnit.SECONDS)) helper.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void committed(int frames) {
        // The helper's pipe has no one to acknowledge to.
    }

    @Override
    public void failed(String why) {
        System.err.println("nettrace daemon: trace of pid " + pid + ": " + why);
    }
}
