package dev.nettrace.agent;

import dev.nettrace.cli.EmbeddedFile;
import dev.nettrace.cli.TraceOptions;
import dev.nettrace.cli.UserError;
import dev.nettrace.wire.AgentArguments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * `nettrace attach PID` for JVMs. For each target: a directory in the target's own /tmp
 * (reached through /proc/PID/root, so containers work) holds a copy of the agent jar and the
 * collector's socket, owned by the target's user; nettrace-jattach loads the agent; on Ctrl-C,
 * SIGTERM or --duration every agent is asked to detach, restores the original classes and says
 * goodbye with its drop count.
 */
public final class AgentAttach {
    private static final long CONNECT_TIMEOUT_MS = 15_000, DETACH_TIMEOUT_MS = 30_000;

    private final TraceOptions trace;
    private final AgentOutput out;
    private final List<Attached> attached = new ArrayList<>();
    private boolean finished;

    private record Attached(TargetProcess target, Path stage, Collector collector, Collector.Session session) {}

    private AgentAttach(TraceOptions trace, AgentOutput out) {
        this.trace = trace;
        this.out = out;
    }

    public static int run(TraceOptions trace, Collection<Integer> pids, Double durationSeconds) throws IOException, InterruptedException {
        AgentAttach a = new AgentAttach(trace, AgentSessions.output(trace));
        Thread onSignal = new Thread(a::finish, "nettrace-detach");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            for (int pid : pids) a.attach(pid);
            a.waitForEnd(durationSeconds);
        } finally {
            a.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and does the same
            }
        }
        return 0;
    }

    /**
     * attach --daemon for a JVM: the agent is loaded in daemon mode, so it reports to the daemon
     * itself (and again after a daemon restart). False, with nothing done, when the target could
     * not reach the daemon's socket (another filesystem, or a user the socket does not admit);
     * the daemon then traces it with ptrace instead.
     */
    public static boolean attachToDaemon(int pid, Path daemonSocket, boolean stack) throws IOException, InterruptedException {
        TargetProcess target = TargetProcess.of(pid);
        Path socket = daemonSocket.toAbsolutePath();
        Path seenByTarget = target.root().resolve(socket.toString().substring(1));
        if (!Files.exists(seenByTarget) || !Files.isSameFile(seenByTarget, socket)) return false;
        int owner = (Integer) Files.getAttribute(socket, "unix:uid");
        if (target.euid() != 0 && target.euid() != owner) return false;
        Path stage = stage(target);
        try {
            loadAgent(target, stageInTarget(stage) + "/agent.jar", AgentArguments.daemon(socket.toString(), stack).format());
        } finally {
            // The JVM holds the jar open and has unpacked what it needs from it.
            AgentRun.deleteTree(stage);
        }
        return true;
    }

    /** A directory in the target's /tmp with a copy of the agent jar, both owned by the target's user. */
    private static Path stage(TargetProcess target) throws IOException {
        String name = "nettrace-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        Path stage = target.root().resolve("tmp").resolve(name);
        Files.createDirectory(stage);
        try {
            Files.copy(EmbeddedFile.locate(EmbeddedFile.AGENT_JAR), stage.resolve("agent.jar"), StandardCopyOption.REPLACE_EXISTING);
            giveTo(target, stage, stage.resolve("agent.jar"));
        } catch (IOException | RuntimeException e) {
            AgentRun.deleteTree(stage);
            throw e;
        }
        return stage;
    }

    private static String stageInTarget(Path stage) {
        return "/tmp/" + stage.getFileName();
    }

    private void attach(int pid) throws IOException, InterruptedException {
        TargetProcess target = TargetProcess.of(pid);
        Path stage = null;
        Collector collector = null;
        try {
            stage = stage(target);
            String stageInTarget = stageInTarget(stage);
            collector = Collector.listen(stage.resolve("agent.sock"), out, pid);
            giveTo(target, stage.resolve("agent.sock"));
            loadAgent(target, stageInTarget + "/agent.jar", AgentSessions.agentArgs(stageInTarget + "/agent.sock", trace.stack));
            Collector.Session s = collector.awaitFirst(CONNECT_TIMEOUT_MS);
            if (s == null) throw new UserError("the agent in JVM " + pid + " did not connect back within " + CONNECT_TIMEOUT_MS / 1000 + " s; see that JVM's stderr");
            s.started.await(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (!s.helloSeen()) throw new UserError("JVM " + pid + ": " + s.endReason());
            attached.add(new Attached(target, stage, collector, s));
            if (trace.quiet.length == 0) {
                System.err.println("nettrace: Process " + pid + " attached (agent, Java " + s.jvm() + ")");
                if (Jvms.feature(s.jvm()) >= 21 && !Jvms.cmdline(pid).contains("-XX:+EnableDynamicAgentLoading")) {
                    System.err.println("nettrace: note: JDK 21+ warns on its stderr about a dynamically loaded agent; start the JVM with "
                            + "-XX:+EnableDynamicAgentLoading to silence that");
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (collector != null) collector.close();
            if (stage != null) AgentRun.deleteTree(stage);
            if (e instanceof IOException io) throw new UserError("cannot prepare the attach to " + pid + ": " + io.getMessage());
            throw e;
        }
    }

    /** The target's user must be able to read the jar and connect to the socket (root attaching to another user's JVM). */
    private static void giveTo(TargetProcess target, Path... files) throws IOException {
        if (target.euid() < 0) return;
        for (Path f : files) {
            Files.setAttribute(f, "unix:uid", target.euid());
            Files.setAttribute(f, "unix:gid", target.egid());
        }
    }

    private static void loadAgent(TargetProcess target, String jarInTarget, String args) throws IOException, InterruptedException {
        Path helper = EmbeddedFile.locate(EmbeddedFile.JATTACH);
        Process p = new ProcessBuilder(helper.toString(), Long.toString(target.pid()), jarInTarget, args)
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int rc = p.waitFor();
        if (rc != 0) {
            String line = said.lines().reduce((a, b) -> b).orElse("attach failed").replaceFirst("^nettrace-jattach: ", "");
            throw new UserError(line, 1);
        }
    }

    /** Until --duration passes, every agent has ended (its JVM exited), or a signal starts the shutdown hook. */
    private void waitForEnd(Double durationSeconds) throws InterruptedException {
        long deadline = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (durationSeconds * 1e9);
        for (Attached a : attached) {
            while (a.session().ended.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                a.session().ended.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            }
        }
    }

    private synchronized void finish() {
        if (finished) return;
        finished = true;
        for (Attached a : attached) a.collector().detachAll();
        for (Attached a : attached) {
            try {
                boolean clean = a.collector().awaitEnded(DETACH_TIMEOUT_MS);
                a.collector().reportDrops();
                out.flush();
                if (!clean) System.err.println("nettrace: JVM " + a.target().pid() + " did not confirm the detach within " + DETACH_TIMEOUT_MS / 1000 + " s");
                else if (trace.quiet.length == 0) {
                    System.err.println("nettrace: Process " + a.target().pid() + " detached (" + a.session().endReason() + ")");
                }
                a.collector().close();
            } catch (IOException | InterruptedException e) {
                System.err.println("nettrace: detaching from " + a.target().pid() + ": " + e.getMessage());
            }
            AgentRun.deleteTree(a.stage());
        }
        out.close();
    }
}
