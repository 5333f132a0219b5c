package dev.nettrace.timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small Python program run for a test (system python, not a version-manager shim, so that the
 * pid we hold is the interpreter's). It prints lines on stdout; {@link #awaitLine} waits for one.
 */
final class PythonProgram implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";

    final Process process;
    private final BufferedReader out;

    private PythonProgram(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Runs {@code script} with its arguments, optionally prefixed (e.g. by `ip netns exec NAME`). */
    static PythonProgram start(List<String> prefix, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(PYTHON);
        cmd.add("-c");
        cmd.add(script);
        cmd.addAll(List.of(args));
        return new PythonProgram(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    int pid() {
        return (int) process.pid();
    }

    /** The next stdout line (the program's "ready" signals and results). */
    String awaitLine() throws IOException {
        String line = out.readLine();
        if (line == null) throw new AssertionError("program ended without the expected line (exit " + waitExit() + ")");
        return line;
    }

    int waitExit() {
        try {
            return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitExit();
    }
}
