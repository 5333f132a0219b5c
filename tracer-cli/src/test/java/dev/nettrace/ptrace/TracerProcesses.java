package dev.nettrace.ptrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finding the helper under the CLI JVM, and what the kernel says about who traces whom. */
final class TracerProcesses {
    static final String HELPER = "nettrace-ptrace";

    private TracerProcesses() {}

    /** The nettrace-ptrace process started by the CLI JVM (waits for it to appear). */
    static ProcessHandle helperOf(Process cli) throws InterruptedException {
        waitFor(() -> findHelper(cli).isPresent() || !cli.isAlive(), 20, "the CLI to start " + HELPER);
        return findHelper(cli).orElseThrow(() -> new AssertionError("the CLI exited without starting " + HELPER));
    }

    private static Optional<ProcessHandle> findHelper(Process cli) {
        return cli.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/" + HELPER)).orElse(false)).findFirst();
    }

    /** Thread ids of a live process. */
    static List<Long> tasks(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return s.map(p -> Long.parseLong(p.getFileName().toString())).sorted().toList();
        }
    }

    /** TracerPid of every thread of the process (0: not traced). */
    static List<Long> tracerPids(long pid) throws IOException {
        List<Long> out = new ArrayList<>();
        for (long tid : tasks(pid)) {
            Path status = Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "status");
            try {
                for (String l : Files.readAllLines(status)) {
                    if (l.startsWith("TracerPid:")) out.add(Long.parseLong(l.substring(10).trim()));
                }
            } catch (IOException threadExited) {
                // a thread that ended while we looked has no tracer to report
            }
        }
        return out;
    }

    /** For failure messages: each thread's tracer, with the tracer's name and state. */
    static String describeTracers(long pid) {
        StringBuilder sb = new StringBuilder("tracers of " + pid + ":");
        try {
            List<Long> tids = tasks(pid);
            List<Long> tracers = tracerPids(pid);
            for (int i = 0; i < tids.size() && i < tracers.size(); i++) {
                sb.append(" tid ").append(tids.get(i)).append(" <- ").append(tracers.get(i));
                if (tracers.get(i) != 0) sb.append(" (").append(stat(tracers.get(i))).append(')');
            }
        } catch (IOException e) {
            sb.append(' ').append(e);
        }
        return sb.toString();
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat")).strip();
        } catch (IOException gone) {
            return "gone";
        }
    }

    static boolean allTraced(long pid) throws IOException {
        List<Long> t = tracerPids(pid);
        return !t.isEmpty() && t.stream().allMatch(x -> x != 0);
    }

    static boolean noneTraced(long pid) throws IOException {
        return tracerPids(pid).stream().allMatch(x -> x == 0);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until the condition holds; fails with the description after the timeout. */
    static void waitFor(Check condition, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                if (condition.holds()) return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) throw new AssertionError("waiting for " + what + ": " + e, e);
            }
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    /** Sends a signal by name (INT, TERM, ...) to one process we started. */
    static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -s " + name + " " + pid + " failed");
    }
}
