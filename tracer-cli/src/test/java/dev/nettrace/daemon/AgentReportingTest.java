package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aJvmStartedWithTheAgentReportsItsConnectionsAndCanBeDetached() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir)) {
            Cli.Result printed = Cli.run(60, "agent-jar", "--socket", d.socket.toString());
            assertEquals(0, printed.exitCode(), printed.stderr());
            List<String> lines = printed.stdout().lines().toList();
            assertEquals(agentJar().toRealPath().toString(), Path.of(lines.get(0)).toRealPath().toString());
            String javaagent = lines.get(1);
            assertEquals("-javaagent:" + lines.get(0) + "=socket=" + d.socket, javaagent);

            Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), javaagent,
                    "-cp", System.getProperty("java.class.path"), AgentTarget.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = jvm.getOutputStream();
                in.write('\n');
                in.flush();
                String done = out.readLine();
                assertTrue(done != null && done.startsWith("done "), String.valueOf(done));
                String port = done.substring(5);

                Map<String, Object> connect = awaitEvent(d, jvm.pid(), "connect", "127.0.0.1:" + port);
                assertEquals("agent", connect.get("source"));
                assertEquals(jvm.pid(), connect.get("pid"));
                assertEquals("main", connect.get("thread"));

                Cli.Result ps = Cli.run(60, "ps", "--socket", d.socket.toString(), "--format", "json");
                Map<String, Object> row = Json.parseObject(ps.stdout().lines().filter(l -> l.contains("\"pid\":" + jvm.pid() + ",")).findFirst().orElseThrow());
                assertEquals("agent", row.get("source"));
                assertEquals(true, row.get("live"));

                Cli.Result detach = Cli.run(60, "detach", "--socket", d.socket.toString(), Long.toString(jvm.pid()));
                assertEquals(0, detach.exitCode(), detach.stderr());
                assertTrue(detach.stderr().contains("told the agent pid " + jvm.pid()), detach.stderr());

                // Detached: the JVM runs on and its next connection is no longer reported.
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline && liveInPs(d, jvm.pid())) Thread.sleep(200);
                long before = events(d, jvm.pid()).size();
                in.write('\n');
                in.flush();
                assertTrue(out.readLine().startsWith("done "), "the application carries on after detach");
                Thread.sleep(1000);
                assertEquals(before, events(d, jvm.pid()).size(), "no events after detach");
                in.close();
                assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, jvm.exitValue());
            } finally {
                jvm.destroyForcibly();
            }
        }
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

    private static boolean liveInPs(DaemonProcess d, long pid) throws Exception {
        Cli.Result ps = Cli.run(60, "ps", "--socket", d.socket.toString(), "--format", "json");
        return ps.stdout().lines().anyMatch(l -> l.contains("\"pid\":" + pid + ",") && l.contains("\"live\":true"));
    }

    private static List<Map<String, Object>> events(DaemonProcess d, long pid) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (DaemonClient c = DaemonClient.connect(d.socket)) {
            c.request(Map.of("cmd", "dump", "pid", pid), f -> {
                for (String line : f.text().split("\n")) {
                    Map<String, Object> m = Json.parseObject(line);
                    if ("event".equals(m.get("type"))) out.add(m);
                }
            });
        } catch (DaemonException notYet) {
            // nothing stored for the pid yet
        }
        return out;
    }

    private static Map<String, Object> awaitEvent(DaemonProcess d, long pid, String op, String remote) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (Map<String, Object> e : events(d, pid)) {
                if (op.equals(e.get("op")) && remote.equals(e.get("remote"))) return e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + op + " to " + remote + " from pid " + pid + " reached the store: " + events(d, pid));
    }
}
