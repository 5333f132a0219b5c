package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.ptrace.Tracers.Traced;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * -y and -yy: corpus programs run under {@code strace -f -qq -y[y] -e trace=network -o A} and
 * {@code nettrace run --format strace -f -qq -y[y] -o B}; the traces must be identical after
 * {@link StraceNormalizer} and, before it, the few things descriptor decoration adds that vary
 * from run to run (see {@link #decorationsNormalized}). yy_fds covers what the others do not: files
 * whose names need escaping, deleted files, devices, pipes, eventfds, closed numbers, and sockets
 * whose state changes after strace first found them (it keeps that first text per inode).
 */
class DecoratedFdTest {
    private static final List<String> PROGRAMS = List.of("tcp4", "inet6", "unix", "udp4", "unix_cmsg", "yy_fds");

    /** Inodes in decorations: socket:[N], pipe:[N], TCP:[N], UNIX:[N->M,...]. */
    private static final Pattern INODE = Pattern.compile("(?<=<[A-Za-z0-9/_-]{1,16}:\\[)(\\d+)(?=[\\]\\-,])|(?<=\\[\\d{1,20}->)(\\d+)(?=[\\],])");
    /** A port after an address in a decoration: 127.0.0.1:8080] or [::1]:8080-> */
    private static final Pattern ENDPOINT_PORT = Pattern.compile("(?<=[\\d\\]]:)([1-9]\\d*)(?=\\]|->)");
    /** tcp4's mkstemp file; the files testkit.Cli gives the program as stdout and stderr. */
    private static final Pattern TEMP_FILE = Pattern.compile("(?<=/nettrace-corpus-)[A-Za-z0-9]{6}|(?<=/nettrace-(out|err))\\d+(?=\\.txt)");
    /** What -yy shows of a socket whose endpoints it found. */
    private static final Pattern ENDPOINTS = Pattern.compile("<[A-Z][A-Za-z0-9-]*:\\[[^\\]]*(->|:|,)");

    @TempDir Path work;

    @TestFactory
    Stream<DynamicTest> decoratedTracesMatchStrace() {
        Privileges.requireCommand("strace");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : PROGRAMS) {
            for (String flag : List.of("-y", "-yy")) {
                tests.add(DynamicTest.dynamicTest(name + " " + flag, () -> compare(name, flag)));
            }
        }
        return tests.stream();
    }

    private void compare(String name, String flag) throws Exception {
        List<String> command = List.of(Corpus.program(name).toString());
        Path straceDir = dir(name + flag + "-strace"), nettraceDir = dir(name + flag + "-nettrace");
        Traced strace = Tracers.strace(straceDir, List.of(flag), true, command);
        Traced nettrace = Tracers.nettrace(nettraceDir, List.of(flag), true, command);
        boolean decorated = flag.equals("-y") ? strace.trace().contains("<socket:[") : ENDPOINTS.matcher(strace.trace()).find();
        assertTrue(decorated, "strace did not decorate as expected: " + strace.trace());
        StraceConformanceTest.assertSameTrace(decorationsNormalized(strace, straceDir), decorationsNormalized(nettrace, nettraceDir));
    }

    /**
     * A process in another network namespace: strace asks sock_diag in its own namespace, finds
     * nothing and prints bare inodes; nettrace asks in the tracee's namespace and shows endpoints.
     */
    @Test
    void socketsOfAnotherNetworkNamespaceShowTheirEndpoints() throws Exception {
        Privileges.requireRoot("creates a network namespace");
        Privileges.requireCommand("ip");
        String ns = "nettrace-yy-" + ProcessHandle.current().pid();
        Path out = work.resolve("netns.txt");
        ip("netns", "add", ns);
        try {
            ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
            Cli.Result r = Cli.run(Cli.builder("run", "--format", "strace", "-qq", "-yy", "-o", out.toString(), "--",
                    "ip", "netns", "exec", ns, Corpus.program("tcp4").toString()).directory(work.toFile()), Tracers.TIMEOUT_SECONDS);
            assertEquals(0, r.exitCode(), r.stderr());
            String trace = Files.readString(out);
            Matcher accepted = Pattern.compile("accept\\(3<TCP:\\[127\\.0\\.0\\.1:(\\d+)\\]>, .*\\) += 6<TCP:\\[127\\.0\\.0\\.1:(\\d+)->127\\.0\\.0\\.1:(\\d+)\\]>").matcher(trace);
            assertTrue(accepted.find(), trace);
            assertEquals(accepted.group(1), accepted.group(2), "the accepted socket's local port is the listener's");
            assertTrue(trace.contains("getpeername(5<TCP:[127.0.0.1:" + accepted.group(3) + "->127.0.0.1:" + accepted.group(1) + "]>"), trace);
        } finally {
            ip("netns", "del", ns);
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + output);
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /**
     * What decoration adds that varies between runs, made comparable: the working directory
     * (each run has its own) becomes WORK, temporary file names end in TEMP, inodes I1, I2, ... in
     * order of appearance (one-to-one), and ports inside decorations are written as htons(N) so
     * that StraceNormalizer renames them together with the ports of the addresses.
     */
    static Traced decorationsNormalized(Traced t, Path workDir) throws IOException {
        String s = t.trace().replace(workDir.toRealPath().toString(), "WORK");
        s = TEMP_FILE.matcher(s).replaceAll("TEMP");
        Map<String, String> inodes = new HashMap<>();
        s = INODE.matcher(s).replaceAll(m -> {
            String inode = m.group(1) != null ? m.group(1) : m.group(2);
            return inodes.computeIfAbsent(inode, k -> "I" + (inodes.size() + 1));
        });
        s = ENDPOINT_PORT.matcher(s).replaceAll("htons($1)");
        return new Traced(t.exitCode(), s, t.stdout(), t.stderr());
    }
}
