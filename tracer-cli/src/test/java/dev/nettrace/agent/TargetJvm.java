package dev.nettrace.agent;

import dev.nettrace.agent.programs.AttachTarget;
import dev.nettrace.agent.programs.ClassProbeAgent;
import dev.nettrace.testkit.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running AttachTarget JVM, driven through its stdin and stdout. */
final class TargetJvm implements AutoCloseable {
    final Process process;
    final long pid;
    final int port;
    final Path stderr;
    private final BufferedReader out;
    private final PrintWriter in;

    private final Path dir;

    private TargetJvm(Process process, long pid, int port, Path stderr, Path dir) {
        this.dir = dir;
        this.process = process;
        this.pid = pid;
        this.port = port;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * Starts AttachTarget. wrapper: a command that runs the JVM for us (unshare, setpriv), or
     * empty; the JVM's pid is then found among its descendants if the wrapper forks.
     */
    static TargetJvm start(String jdk, Path dir, List<String> wrapper, String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(AgentTestKit.java(jdk).toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", AgentTestKit.programClasses().toString(), AttachTarget.class.getName()));
        Path err = Files.createTempFile(dir, "target", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready = r.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            p.destroyForcibly();
            throw new AssertionError("target did not start: " + ready + "\n" + Files.readString(err));
        }
        long pid = java.util.stream.Stream.concat(java.util.stream.Stream.of(p.toHandle()), p.descendants())
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no java under " + wrapper)).pid();
        return new TargetJvm(p, pid, Integer.parseInt(ready.split(" ")[2]), err, dir);
    }

    /** Sends a command, returns its one-line answer. */
    String ask(String command) throws IOException {
        in.println(command);
        String answer = out.readLine();
        if (answer == null) throw new AssertionError("target died; stderr:\n" + Files.readString(stderr));
        return answer;
    }

    /**
     * How many socket calls reach nettrace's recorder in a second when it is switched on
     * without hooks (RecorderProbeAgent): 0 when no advice is left in the JDK's classes.
     * Only for a JVM nettrace has attached to and detached from (the recorder must exist).
     */
    int callsReachingTheRecorder() throws Exception {
        Path socket = dir.resolve("probe.sock");
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            Process p = new ProcessBuilder(Cli.root().resolve("native/build/nettrace-jattach").toString(), Long.toString(pid),
                    AgentTestKit.agentJarOf(dev.nettrace.agent.programs.RecorderProbeAgent.class, dir).toString(), socket.toString())
                    .redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new AssertionError("recorder probe not loaded: " + said);
            try (java.nio.channels.SocketChannel agent = server.accept();
                 java.io.DataInputStream in = new java.io.DataInputStream(java.nio.channels.Channels.newInputStream(agent))) {
                int events = 0;
                long end = System.nanoTime() + 1_000_000_000L;
                Thread closer = new Thread(() -> {
                    try {
                        Thread.sleep(1000);
                        agent.close();
                    } catch (Exception ignored) {
                        // the read below ends either way
                    }
                });
                closer.start();
                try {
                    while (System.nanoTime() < end) {
                        if (dev.nettrace.wire.FrameCodec.decode(in).kind == dev.nettrace.wire.Frame.EVENT) events++;
                    }
                } catch (IOException closedAfterASecond) {
                    // done counting
                }
                closer.join();
                return events;
            }
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    /**
     * "true HASH" when nettrace's advice is in the JDK's SocketDispatcher, "false HASH" when not:
     * ClassProbeAgent, loaded now through nettrace-jattach, looks. The scratch directory is
     * outside /tmp and open to all, so the target sees the same paths from any namespace or user.
     */
    String probe() throws Exception {
        Path jar = AgentTestKit.agentJarOf(ClassProbeAgent.class, dir);
        Path result = Files.createTempFile(dir, "probe", ".txt");
        Files.delete(result);
        Process p = new ProcessBuilder(Cli.root().resolve("native/build/nettrace-jattach").toString(), Long.toString(pid),
                jar.toString(), result.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("probe agent not loaded: " + said);
        return Files.readString(result).strip();
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) ask("quit");
        } catch (IOException | AssertionError gone) {
            // already exiting
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
