package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.agent.AgentTestKit;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * AgentTarget in its own JVM, started with the given JVM options (the agent's), with only the
 * test programs on its class path as in real life: each poke makes one loopback connection.
 */
final class TargetJvm implements AutoCloseable {
    final Process jvm;
    final File stderr;
    private final BufferedReader out;
    private final OutputStream in;
    int port;

    TargetJvm(Path java, List<String> jvmOptions) throws Exception {
        stderr = File.createTempFile("nettrace-target", ".err");
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", AgentTestKit.programClasses().toString(), AgentTarget.class.getName()));
        jvm = new ProcessBuilder(cmd).redirectError(stderr).start();
        out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        in = jvm.getOutputStream();
    }

    /** One connection, answered (the first line the JVM prints is the application's: no JVM warning). */
    void poke() throws Exception {
        in.write('\n');
        in.flush();
        String done = out.readLine();
        assertTrue(done != null && done.startsWith("done "), "the application answers: " + done + "; stderr: " + Files.readString(stderr.toPath()));
        port = Integer.parseInt(done.substring(5));
    }

    String threads() throws Exception {
        Path jcmd = Path.of(jvm.info().command().orElseThrow()).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "Thread.print").redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return s;
    }

    int exit() throws Exception {
        in.close();
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        return jvm.exitValue();
    }

    @Override
    public void close() {
        jvm.destroyForcibly();
        stderr.delete();
    }
}
