package dev.nettrace.ptrace;

import dev.nettrace.testkit.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a command under strace or under `nettrace run` with the same strace-style options, in a
 * given working directory, and returns the trace with the command's exit status and output.
 */
final class Tracers {
    static final long TIMEOUT_SECONDS = 60;

    private Tracers() {}

    /** trace: the -o file's content, or stderr when toFile is false (then stderr is ""). */
    record Traced(int exitCode, String trace, String stdout, String stderr) {}

    static Traced strace(Path workDir, List<String> options, boolean toFile, List<String> command)
            throws IOException, InterruptedException {
        return traced(args -> {
            List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq", "-e", "trace=network"));
            cmd.addAll(args);
            return new ProcessBuilder(cmd);
        }, workDir, options, toFile, command);
    }

    static Traced nettrace(Path workDir, List<String> options, boolean toFile, List<String> command)
            throws IOException, InterruptedException {
        return traced(args -> {
            List<String> cmd = new ArrayList<>(List.of("run", "--format", "strace", "-f", "-qq"));
            cmd.addAll(args);
            return Cli.builder(cmd.toArray(String[]::new));
        }, workDir, options, toFile, command);
    }

    private static Traced traced(Function<List<String>, ProcessBuilder> tracer, Path workDir, List<String> options,
            boolean toFile, List<String> command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(options);
        Path out = Files.createTempFile(workDir, "trace", ".txt");
        try {
            if (toFile) {
                args.add("-o");
                args.add(out.toString());
            }
            args.add("--");
            args.addAll(command);
            Cli.Result r = Cli.run(tracer.apply(args).directory(workDir.toFile()), TIMEOUT_SECONDS);
            String trace = toFile ? Files.readString(out, StandardCharsets.UTF_8) : r.stderr();
            return new Traced(r.exitCode(), trace, r.stdout(), toFile ? r.stderr() : "");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
