package dev.nettrace.agent;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Shared by the agent tests: the JDKs to run targets on, the CLI with the agent, reading NDJSON. */
public final class AgentTestKit {
    private AgentTestKit() {}

    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    /** The JDKs every agent test runs its target on: the default (17) and Temurin 25. */
    public static Stream<String> jdks() {
        return Stream.of("17", "25");
    }

    public static Path java(String jdk) {
        if (jdk.equals("17")) return Path.of(System.getProperty("java.home"), "bin", "java");
        Privileges.require(Files.isExecutable(JDK25), "needs Temurin 25 at " + JDK25);
        return JDK25;
    }

    /** The directory holding the test programs (dev.nettrace.agent.programs). */
    public static Path programClasses() {
        try {
            return Path.of(AgentTestKit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CLI as users run it, with the agent and attach helper from this build. */
    public static ProcessBuilder nettrace(String... args) {
        ProcessBuilder pb = Cli.builder(args);
        pb.environment().put("NETTRACE_AGENT_JAR", Cli.root().resolve("agent/target/nettrace-agent.jar").toString());
        pb.environment().put("NETTRACE_JATTACH", Cli.root().resolve("native/build/nettrace-jattach").toString());
        return pb;
    }

    /** What a test program printed: "name key=value..." lines, by name. */
    static Map<String, Map<String, String>> facts(String stdout) {
        Map<String, Map<String, String>> facts = new HashMap<>();
        for (String line : stdout.lines().toList()) {
            String[] words = line.split(" ");
            Map<String, String> kv = new HashMap<>();
            for (int i = 1; i < words.length; i++) kv.put(words[i].split("=")[0], words[i].split("=", 2)[1]);
            facts.put(words[0], kv);
        }
        return facts;
    }

    static List<Map<String, Object>> records(Path ndjson) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(ndjson)) {
            if (!line.isBlank()) out.add(Json.parseObject(line));
        }
        return out;
    }

    static List<Map<String, Object>> events(List<Map<String, Object>> records) {
        return records.stream().filter(r -> "event".equals(r.get("type"))).toList();
    }

    static Map<String, Object> only(List<Map<String, Object>> events, Predicate<Map<String, Object>> which, String what) {
        List<Map<String, Object>> found = events.stream().filter(which).toList();
        if (found.size() != 1) throw new AssertionError("expected exactly one " + what + ", found " + found.size() + ":\n" + found);
        return found.get(0);
    }

    /**
     * The calls on one descriptor from the event `first` up to and including its close: the
     * life of one socket (descriptor numbers are reused afterwards).
     */
    static List<String> lifeOf(List<Map<String, Object>> events, Map<String, Object> first) {
        Object fd = first.get("fd");
        List<String> calls = new ArrayList<>();
        for (int i = events.indexOf(first); i < events.size(); i++) {
            Map<String, Object> e = events.get(i);
            if (!fd.equals(e.get("fd"))) continue;
            calls.add(call(e));
            if ("close".equals(e.get("op"))) break;
        }
        return calls;
    }

    /** An event in a form that compares exactly: op, addresses, bytes, result. */
    static String call(Map<String, Object> e) {
        StringBuilder b = new StringBuilder((String) e.get("op"));
        for (String k : List.of("local", "remote", "bytes", "backlog", "ret", "errno")) {
            if (e.containsKey(k)) b.append(' ').append(k).append('=').append(e.get(k));
        }
        return b.toString();
    }

    static Predicate<Map<String, Object>> op(String op) {
        return e -> op.equals(e.get("op"));
    }

    static Predicate<Map<String, Object>> field(String key, Object value) {
        return e -> value.equals(e.get(key));
    }

    /**
     * A directory for one test that any target can reach: outside /tmp (a container target has
     * its own) and writable by all (a target running as another user writes into it).
     */
    static Path scratchDir() throws IOException {
        Path base = Cli.root().resolve("tracer-cli/target/agent-tests");
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "t");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** A jar holding one class of the test programs as its Agent-Class. */
    static Path agentJarOf(Class<?> agentClass, Path dir) throws IOException {
        Path jar = dir.resolve(agentClass.getSimpleName() + ".jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Agent-Class", agentClass.getName());
        m.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, m)) {
            String entry = agentClass.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(programClasses().resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }
}
