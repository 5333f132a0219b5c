package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `nettrace attach` on long-running loopback servers (the C example with four threads in accept,
 * and a Python threading server): the trace shows the server's calls, and however the tracer
 * ends (SIGINT, --duration, SIGKILL) the server runs on, untraced, answering byte for byte as it
 * did before it was ever traced.
 */
class AttachTest {
    private static final int C_THREADS = 4;
    /** The server's reply to "first request" (the C server sends with MSG_NOSIGNAL). */
    private static final Pattern REPLY_SENT =
            Pattern.compile("sendto\\(\\d+, \"echo: first request\\\\n\", 20, (0|MSG_NOSIGNAL), NULL, 0\\) += 20");

    @TempDir Path work;
    private Process cli;

    @AfterEach
    void stopTheTracer() {
        if (cli != null) {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    @Test
    void cServerRunsOnAfterSigint() throws Exception {
        try (LoopbackServer server = cServer()) {
            traceThenInterrupt(server, "accept(");
        }
    }

    @Test
    void pythonServerRunsOnAfterSigint() throws Exception {
        try (LoopbackServer server = pythonServer()) {
            traceThenInterrupt(server, "accept4(");
        }
    }

    @Test
    void durationDetachesByItself() throws Exception {
        try (LoopbackServer server = pythonServer()) {
            List<byte[]> untraced = server.requests();
            Path trace = attach(server, "--duration", "2");
            assertEqualReplies(untraced, server.requests());
            assertTrue(cli.waitFor(15, TimeUnit.SECONDS), "still attached long after --duration 2");
            assertEquals(0, cli.exitValue(), Files.readString(trace));
            assertDetachedAndServing(server, untraced);
            assertTrue(Files.readString(trace).contains("sendto("), Files.readString(trace));
        }
    }

    /** SIGKILL of the helper mid-trace: nothing is left half-traced, and every accept thread still works. */
    @Test
    void cServerSurvivesTheHelpersSigkill() throws Exception {
        try (LoopbackServer server = cServer()) {
            List<byte[]> untraced = server.requests();
            attach(server);
            assertEqualReplies(untraced, server.requests());
            TracerProcesses.helperOf(cli).destroyForcibly();
            assertTrue(cli.waitFor(20, TimeUnit.SECONDS), "the CLI did not exit after its helper was killed");
            assertDetachedAndServing(server, untraced);
            assertEquals(C_THREADS, TracerProcesses.tasks(server.pid()).size(), "threads lost");
            assertEveryAcceptThreadServes(server);
        }
    }

    private void traceThenInterrupt(LoopbackServer server, String acceptCall) throws Exception {
        List<byte[]> untraced = server.requests();
        Path trace = attach(server);
        assertEqualReplies(untraced, server.requests());
        TracerProcesses.signal(cli.pid(), "INT");
        assertTrue(cli.waitFor(20, TimeUnit.SECONDS), "the CLI did not exit on SIGINT");
        String text = Files.readString(trace);
        assertTrue(text.contains(acceptCall) && text.contains("recvfrom("), "calls missing from the trace:\n" + text);
        assertTrue(REPLY_SENT.matcher(text).find(), "the first reply is not in the trace:\n" + text);
        assertDetachedAndServing(server, untraced);
    }

    private Path attach(LoopbackServer server, String... extra) throws Exception {
        Path trace = work.resolve("trace.txt");
        List<String> args = new ArrayList<>(List.of("attach", "--format", "strace", "-qq"));
        args.addAll(List.of(extra));
        args.addAll(List.of("-p", Long.toString(server.pid())));
        cli = Cli.builder(args.toArray(String[]::new)).redirectError(trace.toFile())
                .redirectOutput(work.resolve("cli.out").toFile()).start();
        TracerProcesses.waitFor(() -> TracerProcesses.allTraced(server.pid()) || !cli.isAlive(), 20, "attach");
        assertTrue(cli.isAlive(), "attach failed: " + Files.readString(trace));
        return trace;
    }

    private void assertDetachedAndServing(LoopbackServer server, List<byte[]> untraced) throws Exception {
        try {
            TracerProcesses.waitFor(() -> TracerProcesses.noneTraced(server.pid()), 10, "the server to be detached");
        } catch (AssertionError e) {
            String cliState = cli.isAlive() ? "the CLI still runs" : "the CLI exited with " + cli.exitValue();
            throw new AssertionError(e.getMessage() + " (" + cliState + "); " + TracerProcesses.describeTracers(server.pid()), e);
        }
        assertTrue(server.isAlive(), "the server died");
        assertEqualReplies(untraced, server.requests());
    }

    private static void assertEqualReplies(List<byte[]> want, List<byte[]> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i), got.get(i), "reply " + i);
    }

    /**
     * Holds one connection per accept thread, the last one answered first: it can only be
     * answered if every thread came back to accept after the tracer died.
     */
    private static void assertEveryAcceptThreadServes(LoopbackServer server) throws Exception {
        int port = server.port();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < C_THREADS; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.setSoTimeout(5_000);
                held.add(s);
            }
            for (int i = C_THREADS - 1; i >= 0; i--) {
                OutputStream out = held.get(i).getOutputStream();
                out.write(("held " + i + "\n").getBytes(StandardCharsets.UTF_8));
                InputStream in = held.get(i).getInputStream();
                assertEquals("echo: held " + i + "\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            for (Socket s : held) s.close();
        }
    }

    private LoopbackServer cServer() throws Exception {
        Path bin = Examples.build(work.resolve("bin"));
        return LoopbackServer.start(List.of(bin.resolve("echo_server").toString(), "0", Integer.toString(C_THREADS)));
    }

    private static LoopbackServer pythonServer() throws Exception {
        Privileges.requireCommand("python3");
        return LoopbackServer.start(List.of("python3", "-c", LoopbackServer.PYTHON));
    }
}
