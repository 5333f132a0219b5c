package dev.nettrace.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.agent.programs.RoundTrip;
import dev.nettrace.testkit.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent keeps the classes it wove in the JVM user's cache directory: the next JVM of the same
 * JDK reads them back and never loads Byte Buddy, and traces the same calls. A damaged entry is
 * woven again; a cache others could change (a directory open to them on the way, or a link) is
 * not used, and a link's target is never pruned.
 */
class WovenClassCacheTest {
    @TempDir Path tmp;

    record Run(String stderr, List<String> calls, String classLog) {
        long fromCache() {
            return stderr.lines().filter(l -> l.startsWith("nettrace agent: hooked ") && l.endsWith(" from the cache")).count();
        }

        long woven() {
            return stderr.lines().filter(l -> l.startsWith("nettrace agent: hooked ") && l.endsWith(" from Byte Buddy")).count();
        }

        boolean byteBuddyLoaded() {
            return classLog.contains(".shaded.bytebuddy.");
        }
    }

    private Run traceRoundTrip(String jdk, Path cacheHome, int n) throws Exception {
        Path out = tmp.resolve("trace-" + n + ".json"), classLog = tmp.resolve("classes-" + n + ".log");
        ProcessBuilder pb = AgentTestKit.nettrace("run", "--via", "agent", "--format", "json", "-o", out.toString(), "--",
                AgentTestKit.java(jdk).toString(), "-Xlog:class+load=info:file=" + classLog, "-cp", AgentTestKit.programClasses().toString(),
                RoundTrip.class.getName());
        pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        pb.environment().put("NETTRACE_AGENT_DEBUG", "1");
        Cli.Result r = Cli.run(pb, 120);
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        String port = AgentTestKit.facts(r.stdout()).get("done").get("port");
        // The round trip's calls, without the client's ephemeral port: the same in every run.
        List<String> calls = AgentTestKit.events(AgentTestKit.records(out)).stream()
                .filter(e -> String.valueOf(e.get("remote")).endsWith(":" + port) || String.valueOf(e.get("local")).endsWith(":" + port)
                        || List.of("send", "recv").contains(e.get("op")))
                .map(e -> switch ((String) e.get("op")) {
                    case "send", "recv" -> e.get("op") + " " + e.get("bytes") + " " + e.get("ret");
                    case "accept" -> "accept"; // its result is the new descriptor
                    default -> e.get("op") + " " + e.get("ret");
                })
                .toList();
        return new Run(r.stderr(), calls, Files.readString(classLog));
    }

    private static List<Path> entries(Path cacheHome) throws IOException {
        Path top = cacheHome.resolve("nettrace/agent-classes");
        if (!Files.isDirectory(top)) return List.of();
        try (Stream<Path> s = Files.walk(top)) {
            return s.filter(p -> p.toString().endsWith(".woven")).toList();
        }
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void secondJvmReadsTheWovenClassesBackAndTracesTheSame(String jdk) throws Exception {
        Path cache = tmp.resolve("cache");
        Run first = traceRoundTrip(jdk, cache, 1);
        assertTrue(first.woven() >= 9, "a fresh cache: Byte Buddy weaves every hooked class the JDK has, at start\n" + first.stderr());
        assertTrue(first.byteBuddyLoaded());
        assertEquals(List.of("connect 0", "accept", "send 3 3", "recv 3 3", "send 3 3", "recv 3 3"),
                first.calls().stream().filter(c -> !c.startsWith("bind") && !c.startsWith("listen")).toList());
        List<Path> kept = entries(cache);
        assertTrue(kept.stream().anyMatch(p -> p.getFileName().toString().startsWith("sun.nio.ch.NioSocketImpl-")), kept.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.get(0).getParent())));

        Run second = traceRoundTrip(jdk, cache, 2);
        assertEquals(0, second.woven(), "every hooked class comes from the cache\n" + second.stderr());
        assertEquals(first.fromCache(), second.fromCache(), "the classes the program loads come from the cache\n" + second.stderr());
        assertTrue(second.fromCache() >= 4, second.stderr());
        assertFalse(second.byteBuddyLoaded(), "Byte Buddy is not even loaded");
        assertEquals(first.calls(), second.calls());

        for (Path p : kept) Files.write(p, new byte[] {'N', 'T', 'W'}); // damaged entries are woven again
        Run third = traceRoundTrip(jdk, cache, 3);
        assertEquals(first.woven(), third.woven(), third.stderr());
        assertEquals(first.calls(), third.calls());
        assertEquals(kept.size(), entries(cache).size());
        assertTrue(Files.size(kept.get(0)) > 100, "rewritten whole");
    }

    @Test
    void aLinkedCacheIsNotUsedAndWhatItPointsToIsLeftAlone() throws Exception {
        Path cache = tmp.resolve("linked-cache");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path old = Files.createDirectories(elsewhere.resolve("0123abcd-42")); // named like a build folder, unused for long
        Files.setLastModifiedTime(old, FileTime.fromMillis(0));
        Files.createDirectories(cache.resolve("nettrace"));
        Files.createSymbolicLink(cache.resolve("nettrace/agent-classes"), elsewhere);
        Run run = traceRoundTrip("17", cache, 1);
        assertTrue(run.stderr().contains("is not a directory only this user may write to"), run.stderr());
        assertTrue(Files.isDirectory(old), "the link's target is not pruned");
        assertTrue(run.calls().contains("send 3 3"), run.calls().toString());
    }

    @Test
    void aCacheUnderADirectoryOthersMayWriteToIsNotUsed() throws Exception {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx")); // not sticky: anyone may rename what is inside
        Run run = traceRoundTrip("17", open.resolve("cache"), 1);
        assertTrue(run.stderr().contains(open + " on the way to the cache may be changed by another user"), run.stderr());
        assertEquals(List.of(), entries(open.resolve("cache")));
        assertTrue(run.calls().contains("send 3 3"), run.calls().toString());
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void aCacheOthersMayWriteToIsNotUsed(String jdk) throws Exception {
        Path cache = tmp.resolve("shared-cache");
        Path top = Files.createDirectories(cache.resolve("nettrace/agent-classes"));
        Files.setPosixFilePermissions(top, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run run = traceRoundTrip(jdk, cache, 1);
        assertTrue(run.stderr().contains("nettrace agent: no cache of woven classes: java.io.IOException: " + top
                + " is not a directory only this user may write to"), run.stderr());
        assertTrue(run.woven() >= 4, run.stderr());
        assertEquals(List.of(), entries(cache));
        assertTrue(run.calls().contains("send 3 3"), run.calls().toString());
    }
}
