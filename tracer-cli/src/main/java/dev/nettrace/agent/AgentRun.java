package dev.nettrace.agent;

import dev.nettrace.cli.EmbeddedFile;
import dev.nettrace.cli.TraceOptions;
import dev.nettrace.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * `nettrace run -- java ...` through the agent: the agent is loaded at startup (-javaagent right
 * after the launcher, or JAVA_TOOL_OPTIONS for a command that is not the launcher itself) and
 * reports to a collector socket in a private temporary directory.
 */
public final class AgentRun {
    private AgentRun() {}

    /** How long to wait for the agents' last frames once the command has exited. */
    private static final long LAST_WORDS_MS = 5_000;

    public static int run(TraceOptions trace, List<String> command) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nettrace-");
        try (AgentOutput out = AgentSessions.output(trace); Collector collector = Collector.listen(dir.resolve("agent.sock"), out, 0)) {
            Process p = start(command, AgentSessions.agentArgs(collector.socket().toString(), trace.stack));
            // Ctrl-C reaches the command too (same process group): let it finish and report.
            Thread onSignal = new Thread(() -> finishAfter(p, collector, out, trace), "nettrace-run-stop");
            Runtime.getRuntime().addShutdownHook(onSignal);
            int status = p.waitFor();
            finishAfter(p, collector, out, trace);
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and does the same
            }
            return status;
        } finally {
            deleteTree(dir);
        }
    }

    /** Starts CMD with the agent loaded before its main method, given agentArgs (see AgentArguments). */
    public static Process start(List<String> command, String agentArgs) throws IOException {
        Path agentJar = EmbeddedFile.locate(EmbeddedFile.AGENT_JAR);
        // The agent's bootstrap classes go on -Xbootclasspath/a: appending them at run time
        // instead makes the JVM warn that class data sharing is now limited.
        List<String> agent = List.of("-Xbootclasspath/a:" + EmbeddedFile.nested(agentJar, EmbeddedFile.AGENT_BOOT_JAR),
                "-javaagent:" + agentJar + "=" + agentArgs);
        ProcessBuilder pb = new ProcessBuilder(withAgent(command, agent)).inheritIO();
        if (Jvms.javaLauncher(command.get(0)) == null) {
            String existing = System.getenv("JAVA_TOOL_OPTIONS");
            String ours = String.join(" ", agent);
            pb.environment().put("JAVA_TOOL_OPTIONS", existing == null || existing.isBlank() ? ours : existing + " " + ours);
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UserError("cannot run " + command.get(0) + ": " + e.getMessage());
        }
    }

    private static List<String> withAgent(List<String> command, List<String> agent) {
        if (Jvms.javaLauncher(command.get(0)) == null) return command;
        List<String> cmd = new ArrayList<>(command.size() + agent.size());
        cmd.add(command.get(0));
        cmd.addAll(agent);
        cmd.addAll(command.subList(1, command.size()));
        return cmd;
    }

    private static synchronized void finishAfter(Process p, Collector collector, AgentOutput out, TraceOptions trace) {
        try {
            if (!p.waitFor(LAST_WORDS_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) return;
            if (!collector.awaitEnded(LAST_WORDS_MS)) collector.detachAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (out.isClosed()) return;
        collector.reportDrops();
        out.exited(p.pid(), p.exitValue(), trace.quiet.length < 2);
        out.close();
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
