package dev.nettrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The nettrace-ptrace binary, and how the CLI runs it in the foreground. */
public final class NativeHelper {
    private final Path binary;

    private NativeHelper(Path binary) {
        this.binary = binary;
    }

    public Path path() {
        return binary;
    }

    /** NETTRACE_PTRACE, else a copy next to the jar, else the one embedded in the jar. */
    public static NativeHelper locate() {
        if (System.getenv(EmbeddedFile.PTRACE.envOverride()) == null) {
            Path besideJar = besideJar();
            if (besideJar != null && Files.isExecutable(besideJar)) return new NativeHelper(besideJar);
        }
        return new NativeHelper(EmbeddedFile.locate(EmbeddedFile.PTRACE));
    }

    private static Path besideJar() {
        try {
            Path self = Path.of(NativeHelper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(self) ? null : self.resolveSibling(EmbeddedFile.PTRACE.name());
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Runs the helper with our stdio and returns its exit status. If this JVM is asked to stop
     * (SIGTERM, or SIGINT from the terminal, which the helper also receives), the helper is told
     * to finish (it detaches cleanly) and its status becomes ours. The hook is registered before
     * the helper starts, so a signal that arrives in between cannot leave the helper orphaned
     * and still tracing.
     */
    public int runInForeground(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(args);
        Object lock = new Object();
        Process[] started = new Process[1];
        boolean[] stopping = new boolean[1];
        Thread hook = new Thread(() -> {
            Process p;
            synchronized (lock) {
                stopping[0] = true;
                p = started[0];
            }
            if (p == null || !p.isAlive()) return;
            p.destroy();
            try {
                if (p.waitFor(30, TimeUnit.SECONDS)) Runtime.getRuntime().halt(p.exitValue());
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "nettrace-helper-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Process p;
        synchronized (lock) {
            if (stopping[0]) return 130;
            p = new ProcessBuilder(cmd).inheritIO().start();
            started[0] = p;
        }
        int rc = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running and will halt with the same status
        }
        return rc;
    }
}
