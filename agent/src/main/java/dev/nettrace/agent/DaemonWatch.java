package dev.nettrace.agent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Daemon mode ({@code -javaagent:nettrace-agent.jar=daemon[=PATH]}): the agent reports to the
 * nettrace daemon whenever one listens. While none does, nothing is hooked, unpacked or loaded:
 * one thread looks for the daemon's socket file once a second (a stat), so a JVM started this
 * way costs nothing measurable. When the daemon goes away the session takes its hooks out as
 * usual, and the watch resumes; a restarted daemon is found within a second and told the
 * process's cumulative drop count. A daemon's DETACH ends the watch for the JVM's life.
 */
final class DaemonWatch implements Runnable {
    private static final long LOOK_EVERY_MS = 1000;

    private final Path socket;
    private final String args;
    private final Instrumentation inst;
    /** The session premain started, if it did: the watch begins by waiting for its end. */
    private final boolean joined;

    private DaemonWatch(Path socket, String args, Instrumentation inst, boolean joined) {
        this.socket = socket;
        this.args = args;
        this.inst = inst;
        this.joined = joined;
    }

    /** One attempt to join the daemon; no daemon listening is no error. (No lambda: premain stays cheap.) */
    private static AgentLauncher.Outcome join(Path socket, String args, Instrumentation inst) {
        return Files.exists(socket) ? AgentLauncher.launch(args, inst, true) : AgentLauncher.Outcome.NO_COLLECTOR;
    }

    /**
     * A daemon that listens already is joined before the program's main method runs, so its
     * first connections are traced; the watch thread handles the rest.
     */
    static void start(String socketPath, String args, Instrumentation inst) {
        if (isNettraceItself()) return;
        Path socket = Path.of(socketPath);
        AgentLauncher.Outcome first = join(socket, args, inst);
        if (first == AgentLauncher.Outcome.FAILED) return;
        Thread t = new Thread(null, new DaemonWatch(socket, args, inst, first == AgentLauncher.Outcome.STARTED), "nettrace-agent-watch", 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(null);
        t.start();
    }

    @Override
    public void run() {
        try {
            boolean ours = joined;
            for (;;) {
                if (ours) {
                    if (Boolean.TRUE.equals(AgentLauncher.recorder("awaitIdle"))) return;
                } else if (Boolean.TRUE.equals(AgentLauncher.recorder("isTracing"))) {
                    AgentLauncher.recorder("awaitIdle"); // somebody else's session (nettrace attach)
                }
                Thread.sleep(LOOK_EVERY_MS);
                AgentLauncher.Outcome o = join(socket, args, inst);
                if (o == AgentLauncher.Outcome.FAILED) return;
                ours = o == AgentLauncher.Outcome.STARTED;
            }
        } catch (InterruptedException | ReflectiveOperationException | RuntimeException e) {
            // the watch ends; the application is never disturbed by it
        }
    }

    /**
     * With the agent in JAVA_TOOL_OPTIONS for a whole host, nettrace's own JVMs load it too; the
     * daemon tracing its own reads of agent frames would feed on itself.
     */
    private static boolean isNettraceItself() {
        String command = System.getProperty("sun.java.command", "");
        String main = command.split(" ", 2)[0];
        return main.equals("dev.nettrace.cli.Main") || main.endsWith("nettrace.jar");
    }
}
