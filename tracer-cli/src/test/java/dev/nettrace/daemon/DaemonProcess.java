package dev.nettrace.daemon;

import dev.nettrace.testkit.Cli;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** `nettrace daemon` in a child JVM, as users run it, on a socket and store of the test's own. */
final class DaemonProcess implements AutoCloseable {
    final Path socket, db;
    private final Process process;
    private final File log;

    private DaemonProcess(Path socket, Path db, Process process, File log) {
        this.socket = socket;
        this.db = db;
        this.process = process;
        this.log = log;
    }

    static DaemonProcess start(Path dir, String... extra) throws IOException, InterruptedException {
        Path socket = dir.resolve("nettrace.sock"), db = dir.resolve("nettrace.db");
        List<String> args = new ArrayList<>(List.of("daemon", "--socket", socket.toString(), "--db", db.toString()));
        args.addAll(List.of(extra));
        File log = File.createTempFile("nettrace-daemon", ".log");
        Process p = Cli.builder(args.toArray(String[]::new)).redirectErrorStream(true).redirectOutput(log).start();
        DaemonProcess d = new DaemonProcess(socket, db, p, log);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!DaemonClient.answers(socket)) {
            if (!p.isAlive()) throw new AssertionError("the daemon exited with " + p.exitValue() + ":\n" + d.log());
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the daemon did not listen within 30 s:\n" + d.log());
            Thread.sleep(50);
        }
        return d;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.readString(log.toPath());
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd stops it; returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the daemon did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) killHard();
        log.delete();
    }
}
