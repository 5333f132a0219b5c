package dev.nettrace.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Recognising JVMs: running ones by what they map, commands by the binary they would run. */
public final class Jvms {
    private Jvms() {}

    /** A running HotSpot JVM maps libjvm.so. */
    public static boolean isJvm(long pid) {
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps"), StandardCharsets.ISO_8859_1)) {
            return maps.anyMatch(l -> l.endsWith("/libjvm.so"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The agent is built for Java 17 (class files, Unix-domain SocketChannel). */
    public static final int AGENT_MIN_FEATURE = 17;

    /**
     * The JDK java launcher this command would run, or null: the command resolved on PATH with
     * symlinks followed (/usr/bin/java -> /etc/alternatives -> the JDK), named java, with a JVM
     * library beside it.
     */
    public static Path javaLauncher(String command) {
        Path exe = resolve(command);
        if (exe == null) return null;
        try {
            Path real = exe.toRealPath();
            if (!real.getFileName().toString().equals("java") || real.getParent() == null || real.getParent().getParent() == null) return null;
            Path home = real.getParent().getParent();
            return Files.exists(home.resolve("lib/server/libjvm.so")) || Files.exists(home.resolve("lib/libjli.so")) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path resolve(String command) {
        if (command.contains("/")) return Files.isExecutable(Path.of(command)) ? Path.of(command) : null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) return p;
        }
        return null;
    }

    /**
     * Whether a running JVM is new enough for the agent: its launcher's release file, read
     * through /proc/PID/root (a container's JDK is in its own filesystem). Unknown counts as yes.
     */
    public static boolean agentCapable(long pid) {
        try {
            Path exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
            int feature = featureOf(Path.of("/proc", Long.toString(pid), "root", exe.toString()));
            return feature == 0 || feature >= AGENT_MIN_FEATURE;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The feature release of the JDK a launcher belongs to, from its release file; 0 if unknown. */
    public static int featureOf(Path launcher) {
        try {
            for (String line : Files.readAllLines(launcher.getParent().getParent().resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) return feature(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
            }
        } catch (IOException | RuntimeException e) {
            // no release file: unknown
        }
        return 0;
    }

    /** The feature release in a java.version string: "17.0.2" -> 17, "1.8.0_412" -> 8, "25" -> 25. */
    public static int feature(String javaVersion) {
        String[] parts = javaVersion.split("[^0-9]+");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return 0;
        }
    }

    /** The command line of a process, split at NULs. */
    public static List<String> cmdline(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.ISO_8859_1);
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
