package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.agent.AgentTestKit;
import dev.nettrace.agent.programs.AttachTarget;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's daemon mode (-javaagent:nettrace-agent.jar=daemon=PATH): the JVM runs untouched
 * while no daemon listens, reports once one does, carries on through a daemon's SIGKILL, and
 * reports to the restarted daemon. Also run --daemon and attach --daemon of a JVM, which use it.
 */
class AgentDaemonModeTest {
    @TempDir Path dir;

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private static Predicate<Map<String, Object>> connectTo(int port) {
        return e -> "connect".equals(e.get("op")) && ("127.0.0.1:" + port).equals(e.get("remote")) && "agent".equals(e.get("source"));
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void theAgentWaitsUnhookedForADaemonThenReportsAndFollowsItsRestart(String jdk) throws Exception {
        Path socket = dir.resolve("nettrace.sock");
        try (TargetJvm t = new TargetJvm(AgentTestKit.java(jdk), List.of("-javaagent:" + Cli.root().resolve("agent/target/nettrace-agent.jar") + "=daemon=" + socket))) {
            t.poke();
            String idle = t.threads();
            assertTrue(idle.contains("\"nettrace-agent-watch\""), idle);
            assertFalse(idle.contains("\"nettrace-agent\""), "no session, so no shipping thread and no hooks: " + idle);

            long pid = t.jvm.pid();
            try (DaemonProcess d = DaemonProcess.start(dir)) {
                StoredTrace.awaitLive(socket, pid, true);
                t.poke();
                StoredTrace.await(socket, pid, 1, connectTo(t.port));
                d.killHard();
            }
            t.poke(); // no daemon: the application carries on, the agent unhooks and watches again

            try (DaemonProcess d = DaemonProcess.start(dir)) {
                StoredTrace.awaitLive(socket, pid, true);
                Map<String, Object> row = StoredTrace.process(socket, pid);
                assertEquals("agent", row.get("source"));
                t.poke();
                StoredTrace.await(socket, pid, 2, connectTo(t.port));

                // A detach is for the JVM's life: the agent does not come back by itself.
                Cli.Result detach = Cli.run(60, "detach", "--socket", socket.toString(), Long.toString(pid));
                assertEquals(0, detach.exitCode(), detach.stderr());
                StoredTrace.awaitLive(socket, pid, false);
                Thread.sleep(2500);
                int before = StoredTrace.events(socket, pid).size();
                t.poke();
                Thread.sleep(1000);
                assertEquals(before, StoredTrace.events(socket, pid).size(), "nothing is stored after detach");
                assertFalse(StoredTrace.live(socket, pid));
            }
            assertEquals(0, t.exit());
            assertFalse(Files.readString(t.stderr.toPath()).contains("nettrace"), "daemon restarts are no news for the application's stderr: "
                    + Files.readString(t.stderr.toPath()));
        }
    }

    @Test
    void runDaemonOfAJvmUsesTheAgentAndPassesOnTheExitStatus() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            Cli.Result r = Cli.run(AgentTestKit.nettrace("run", "--daemon", "--socket", d.socket.toString(), "--",
                    JAVA.toString(), "-cp", AgentTestKit.programClasses().toString(), AgentTarget.class.getName(), "exit", "3"), 120);
            assertEquals(3, r.exitCode(), r.stderr());
            long pid = Long.parseLong(r.stdout().lines().filter(l -> l.startsWith("pid ")).findFirst().orElseThrow().substring(4));
            int port = Integer.parseInt(r.stdout().lines().filter(l -> l.startsWith("done ")).findFirst().orElseThrow().substring(5));
            StoredTrace.await(d.socket, pid, 1, connectTo(port));
        }
    }

    @Test
    void attachDaemonOfAJvmLoadsTheAgentWhichReportsToTheDaemon() throws Exception {
        Privileges.requireRoot("attaching to a JVM as another process");
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            Process jvm = new ProcessBuilder(JAVA.toString(), "-cp", AgentTestKit.programClasses().toString(), AttachTarget.class.getName())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String ready = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
                int port = Integer.parseInt(ready.split(" ")[2]);
                Cli.Result r = Cli.run(AgentTestKit.nettrace("attach", "--daemon", "--socket", d.socket.toString(), Long.toString(jvm.pid())), 120);
                assertEquals(0, r.exitCode(), r.stderr());
                assertTrue(r.stderr().contains("the daemon traces pid " + jvm.pid() + " (agent)"), r.stderr());
                List<Map<String, Object>> connects = StoredTrace.await(d.socket, jvm.pid(), 3, connectTo(port));
                assertEquals("pinger", connects.get(0).get("thread"));
                Cli.Result detach = Cli.run(60, "detach", "--socket", d.socket.toString(), Long.toString(jvm.pid()));
                assertEquals(0, detach.exitCode(), detach.stderr());
                StoredTrace.awaitLive(d.socket, jvm.pid(), false);
                assertTrue(jvm.isAlive(), "the JVM runs on after detach");
            } finally {
                jvm.destroyForcibly();
            }
        }
    }
}
