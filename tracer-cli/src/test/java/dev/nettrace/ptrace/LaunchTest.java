package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nettrace run`: the traced command's exit status becomes ours, and its children are followed. */
class LaunchTest {
    private static final long TIMEOUT = 60;

    @TempDir Path work;

    @Test
    void exitStatusPassesThrough() throws Exception {
        assertEquals(0, Cli.run(TIMEOUT, "run", "-qq", "--", "/bin/true").exitCode());
        Cli.Result three = Cli.run(TIMEOUT, "run", "-qq", "--", "/bin/sh", "-c", "exit 3");
        assertEquals(3, three.exitCode(), three.stderr());
    }

    @Test
    void deathBySignalIs128PlusTheSignalAndIsPrinted() throws Exception {
        Cli.Result r = Cli.run(TIMEOUT, "run", "-qq", "--", Corpus.program("killed").toString());
        assertEquals(128 + 9, r.exitCode(), r.stderr());
        assertTrue(r.stderr().lines().anyMatch(l -> l.equals("+++ killed by SIGKILL +++")), r.stderr());
        assertTrue(r.stderr().contains("sendto(3, \"last words\", 10, 0, NULL, 0)"), r.stderr());
    }

    /** A shell forks and execs two programs: both children's calls appear, under their own pids. */
    @Test
    void followsForkAndExecOfAChild() throws Exception {
        Path trace = work.resolve("trace.txt");
        String script = "'" + Corpus.program("netlink") + "'; '" + Corpus.program("unix") + "'; exit 0";
        Cli.Result r = Cli.run(Cli.builder("run", "-f", "-qq", "-o", trace.toString(), "--", "/bin/sh", "-c", script)
                .directory(work.toFile()), TIMEOUT);
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, String> firstCallByPid = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^(\\d+) +(\\w+\\(.*)$");
        for (String l : Files.readAllLines(trace)) {
            Matcher m = line.matcher(l);
            if (m.matches()) firstCallByPid.putIfAbsent(m.group(1), m.group(2));
        }
        List<String> firsts = List.copyOf(firstCallByPid.values());
        assertTrue(firsts.size() >= 2, "expected calls from two processes:\n" + Files.readString(trace));
        assertTrue(firsts.get(0).startsWith("socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE)"), firsts.toString());
        assertTrue(firsts.get(1).startsWith("socket(AF_UNIX, SOCK_STREAM, 0)"), firsts.toString());
        // The netlink program's own pid is its default netlink port id: the pid column must agree.
        String netlinkPid = firstCallByPid.keySet().iterator().next();
        assertTrue(Files.readString(trace).contains("getsockname(3, {sa_family=AF_NETLINK, nl_pid=" + netlinkPid + ", "),
                Files.readString(trace));
    }
}
