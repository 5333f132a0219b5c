package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import dev.nettrace.wire.DaemonSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM with the real agent reports to the daemon; detach reaches it through the daemon. */
class AgentReportingTest {
    @TempDir Path dir;

    private static Path agentJar() {
        Path jar = Cli.root().resolve("agent/target/nettrace-agent.jar");
        assertTrue(Files.isRegularFile(jar), "the agent module is built before tracer-cli's tests: " + jar);
        return jar;
    }

    /** agent-jar as an installed nettrace runs it: no NETTRACE_AGENT_JAR, only the agent inside the nettrace jar. */
    private Cli.Result agentJarCommand(Path socket) throws Exception {
        ProcessBuilder pb = Cli.builder("agent-jar", "--socket", socket.toString());
        pb.environment().remove("NETTRACE_AGENT_JAR");
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        return Cli.run(pb, 60);
    }

    @Test
    void aJvmStartedWithTheAgentReportsItsConnectionsAndCanBeDetached() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            Cli.Result printed = agentJarCommand(d.socket);
            assertEquals(0, printed.exitCode(), printed.stderr());
            List<String> lines = printed.stdout().lines().toList();
            // The embedded agent, copied where the path survives upgrades (users put it in JAVA_TOOL_OPTIONS).
            Path stable = DaemonSocket.effectiveUid() == 0 ? Path.of("/var/lib/nettrace/nettrace-agent.jar") : dir.resolve("data/nettrace/nettrace-agent.jar");
            assertEquals(stable.toString(), lines.get(0));
            assertArrayEquals(Files.readAllBytes(agentJar()), Files.readAllBytes(stable), "the copy is the agent this nettrace was built with");
            Object inode = Files.getAttribute(stable, "unix:ino");
            Cli.Result again = agentJarCommand(d.socket);
            assertEquals(printed.stdout(), again.stdout(), "the same path on every run");
            assertEquals(inode, Files.getAttribute(stable, "unix:ino"), "an unchanged agent is not rewritten under running JVMs");
            Path boot = stable.resolveSibling("nettrace-agent-boot.jar");
            assertEquals("-Xbootclasspath/a:" + boot + " -javaagent:" + stable + "=daemon=" + d.socket, lines.get(1));
            assertTrue(Files.size(boot) > 0);

            // The options as a user pastes them.
            try (TargetJvm t = new TargetJvm(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(lines.get(1).split(" ")))) {
                long pid = t.jvm.pid();
                t.poke();
                int port = t.port;

                Map<String, Object> connect = StoredTrace.await(d.socket, pid, 1,
                        e -> "connect".equals(e.get("op")) && ("127.0.0.1:" + port).equals(e.get("remote"))).get(0);
                assertEquals("agent", connect.get("source"));
                assertEquals(pid, connect.get("pid"));
                assertEquals("main", connect.get("thread"));

                Cli.Result ps = Cli.run(60, "ps", "--socket", d.socket.toString(), "--format", "json");
                Map<String, Object> row = Json.parseObject(ps.stdout().lines().filter(l -> l.contains("\"pid\":" + pid + ",")).findFirst().orElseThrow());
                assertEquals("agent", row.get("source"));
                assertEquals(true, row.get("live"));

                Cli.Result detach = Cli.run(60, "detach", "--socket", d.socket.toString(), Long.toString(pid));
                assertEquals(0, detach.exitCode(), detach.stderr());
                assertTrue(detach.stderr().contains("told the agent pid " + pid), detach.stderr());

                // Detached: the JVM runs on and its next connection is no longer reported.
                StoredTrace.awaitLive(d.socket, pid, false);
                long before = StoredTrace.events(d.socket, pid).size();
                t.poke(); // the application carries on after detach
                Thread.sleep(1000);
                assertEquals(before, StoredTrace.events(d.socket, pid).size(), "no events after detach");
                assertEquals(0, t.exit());
            }
        }
    }

    @Test
    void nettraceAgentJarNamesAnotherAgent() throws Exception {
        Path socket = dir.resolve("d.sock");
        ProcessBuilder pb = Cli.builder("agent-jar", "--socket", socket.toString());
        pb.environment().put("NETTRACE_AGENT_JAR", agentJar().toString());
        Cli.Result printed = Cli.run(pb, 60);
        assertEquals(0, printed.exitCode(), printed.stderr());
        List<String> lines = printed.stdout().lines().toList();
        assertEquals(agentJar().toString(), lines.get(0));
        assertTrue(lines.get(1).matches("-Xbootclasspath/a:\\S+/nettrace-agent-boot\\.jar -javaagent:" + java.util.regex.Pattern.quote(agentJar() + "=daemon=" + socket)),
                lines.get(1));

        pb.environment().put("NETTRACE_AGENT_JAR", dir.resolve("missing.jar").toString());
        Cli.Result missing = Cli.run(pb, 60);
        assertEquals(1, missing.exitCode());
        assertEquals("nettrace: NETTRACE_AGENT_JAR names " + dir.resolve("missing.jar") + ", which is not a file", missing.stderr().strip());
    }

    @Test
    void anAgentHelloForAnotherPidIsRefused() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir); RawClient c = new RawClient(d.socket)) {
            // The agent's HELLO body: u32 pid, u16-length string.
            byte[] text = "17 fake".getBytes(StandardCharsets.UTF_8);
            ByteBuffer body = ByteBuffer.allocate(4 + 2 + text.length).putInt(1).putShort((short) text.length).put(text);
            c.write(new Frame(Frame.AGENT_HELLO, body.array()).encode());
            assertEquals("an agent may report only for its own process: its hello says pid 1 but the connection comes from pid "
                    + ProcessHandle.current().pid(), c.awaitError(10_000));
        }
    }
}
