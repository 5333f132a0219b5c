package dev.nettrace.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs `nettrace` as users do, in its own JVM, from the classes under test (so tests need no
 * packaged jar). The native helper comes from native/build, the same binary the jar embeds.
 */
public final class Cli {
    private Cli() {}

    public record Result(int exitCode, String stdout, String stderr) {}

    public static Path root() {
        String env = System.getenv("NETTRACE_ROOT");
        Path p = env != null ? Path.of(env) : Path.of("").toAbsolutePath().getParent();
        return p.toAbsolutePath().normalize();
    }

    public static Path helperBinary() {
        return root().resolve("native/build/nettrace-ptrace");
    }

    /** The command line that starts the CLI; callers add nettrace's arguments. */
    public static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.nettrace.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static ProcessBuilder builder(String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().put("NETTRACE_PTRACE", helperBinary().toString());
        return pb;
    }

    /** Runs to completion (bounded by timeoutSeconds) and captures both streams. */
    public static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(builder(args), timeoutSeconds);
    }

    public static Result run(ProcessBuilder pb, long timeoutSeconds) throws IOException, InterruptedException {
        File out = File.createTempFile("nettrace-out", ".txt");
        File err = File.createTempFile("nettrace-err", ".txt");
        try {
            Process p = pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + "s: " + pb.command()
                        + "\nstderr so far:\n" + Files.readString(err.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }
}
