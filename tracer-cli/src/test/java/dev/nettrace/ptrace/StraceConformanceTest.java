package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nettrace.ptrace.Tracers.Traced;
import dev.nettrace.testkit.Privileges;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every corpus program (native/tests/corpus) runs under {@code strace -f -qq -e trace=network
 * -o A} and under {@code nettrace run --format strace -f -qq -o B}, in a fresh working
 * directory each; the traces must be identical after {@link StraceNormalizer} (which documents
 * the only differences allowed: pids, ephemeral ports, pointer values, recvmmsg's remaining time,
 * and where thread scheduling split a call into unfinished/resumed halves). The exit status and
 * the program's own output must be identical too.
 */
class StraceConformanceTest {
    /**
     * Extra runs at other -s sizes. -s bounds strings and also the number of array elements
     * strace prints (socketpair's pair, iovecs, mmsghdr vectors, SCM_RIGHTS descriptors), so
     * the programs with arrays run at -s 1 too; 0 and 5 cut every buffer, 100 almost none.
     */
    private static final Map<String, List<List<String>>> EXTRA_RUNS = Map.of(
            "strings", List.of(List.of("-s", "0"), List.of("-s", "1"), List.of("-s", "5"), List.of("-s", "100")),
            "udp4", List.of(List.of("-s", "1")),
            "unix_cmsg", List.of(List.of("-s", "1")));

    @TempDir Path work;

    @TestFactory
    Stream<DynamicTest> corpusMatchesStrace() throws IOException {
        Privileges.requireCommand("strace");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Corpus.names()) {
            tests.add(DynamicTest.dynamicTest(name, () -> compare(name, List.of(), true)));
            for (List<String> options : EXTRA_RUNS.getOrDefault(name, List.of())) {
                tests.add(DynamicTest.dynamicTest(name + " " + String.join(" ", options), () -> compare(name, options, true)));
            }
        }
        return tests.stream();
    }

    /** Without -o the trace goes to stderr with "[pid N] " prefixes while several processes live. */
    @Test
    void stderrFormOfAMultiProcessProgram() throws Exception {
        Privileges.requireCommand("strace");
        compare("fork", List.of(), false);
    }

    private void compare(String name, List<String> options, boolean toFile) throws Exception {
        List<String> command = List.of(Corpus.program(name).toString());
        Traced expected = Tracers.strace(dir(name + "-strace"), options, toFile, command);
        Traced actual = Tracers.nettrace(dir(name + "-nettrace"), options, toFile, command);
        assertSameTrace(expected, actual);
    }

    private Path dir(String name) throws IOException {
        return java.nio.file.Files.createDirectories(work.resolve(name));
    }

    static void assertSameTrace(Traced strace, Traced nettrace) {
        String want = StraceNormalizer.normalize(strace.trace());
        String got = StraceNormalizer.normalize(nettrace.trace());
        assertFalse(want.isBlank(), "strace printed nothing: the program did not run as intended");
        if (!want.equals(got)) fail(difference(want, got));
        assertEquals(strace.exitCode(), nettrace.exitCode(), "exit status");
        assertEquals(strace.stdout(), nettrace.stdout(), "the program's stdout");
        assertEquals(strace.stderr(), nettrace.stderr(), "stderr");
    }

    /** The first differing line, then both normalized traces in full. */
    private static String difference(String want, String got) {
        String[] w = want.split("\n", -1);
        String[] g = got.split("\n", -1);
        int i = 0;
        while (i < w.length && i < g.length && w[i].equals(g[i])) i++;
        return "traces differ at line " + (i + 1) + ":\n  strace:   " + (i < w.length ? w[i] : "<end>")
                + "\n  nettrace: " + (i < g.length ? g[i] : "<end>")
                + "\n--- strace (normalized) ---\n" + want + "--- nettrace (normalized) ---\n" + got;
    }
}
