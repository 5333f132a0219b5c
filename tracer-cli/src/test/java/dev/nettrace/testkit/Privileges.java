package dev.nettrace.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Privileged tests skip with a reason on a developer's machine, but under CI=true a missing
 * privilege is a failure: CI must never go green by skipping what it exists to run.
 */
public final class Privileges {
    private Privileges() {}

    public static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (Exception e) {
            return false;
        }
    }

    public static void requireRoot(String why) {
        require(isRoot(), "needs root: " + why);
    }

    public static void requireCommand(String command) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) found = true;
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
            if (Files.isExecutable(Path.of(dir, command))) found = true;
        }
        require(found, "needs the '" + command + "' command on PATH");
    }

    public static void require(boolean condition, String reason) {
        if (!condition && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but this test cannot run: " + reason);
        }
        assumeTrue(condition, reason);
    }
}
