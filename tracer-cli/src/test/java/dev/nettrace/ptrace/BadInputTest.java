package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import org.junit.jupiter.api.Test;

/** Bad input: a clear message, exit 1 (runtime) or 2 (usage), and never a stack trace. */
class BadInputTest {
    private static final long TIMEOUT = 60;

    @Test
    void attachToAProcessThatDoesNotExist() throws Exception {
        // pid_max is at most 4194304 (2^22): this pid cannot exist.
        Cli.Result r = Cli.run(TIMEOUT, "attach", "-qq", "4194305");
        assertEquals(1, r.exitCode());
        assertOneCleanLine(r, "4194305");
    }

    @Test
    void runWithoutACommandIsAUsageError() throws Exception {
        Cli.Result r = Cli.run(TIMEOUT, "run");
        assertEquals(2, r.exitCode());
        assertNoStackTrace(r);
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Cli.Result r = Cli.run(TIMEOUT, "run", "--no-such-option", "--", "/bin/true");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--no-such-option"), r.stderr());
        assertNoStackTrace(r);
    }

    @Test
    void commandThatDoesNotExist() throws Exception {
        Cli.Result r = Cli.run(TIMEOUT, "run", "-qq", "--", "/nonexistent/nettrace-test-command");
        assertNotEquals(0, r.exitCode());
        assertOneCleanLine(r, "/nonexistent/nettrace-test-command");
    }

    private static void assertOneCleanLine(Cli.Result r, String mentions) {
        assertEquals(1, r.stderr().strip().lines().count(), "expected one line on stderr:\n" + r.stderr());
        assertTrue(r.stderr().contains(mentions), r.stderr());
        assertNoStackTrace(r);
    }

    private static void assertNoStackTrace(Cli.Result r) {
        assertFalse(r.stderr().lines().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), r.stderr());
        assertEquals("", r.stdout());
    }
}
