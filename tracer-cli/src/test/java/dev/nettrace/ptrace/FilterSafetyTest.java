package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A filter must never outlive its tracer" (issue 2): a process left with a SECCOMP_RET_TRACE
 * filter and no tracer gets ENOSYS from every socket() (strace 6.1's bug). With the filter, the
 * launched program must die with its tracer (PTRACE_O_EXITKILL); with --no-seccomp it must
 * survive and its socket() calls keep working.
 */
class FilterSafetyTest {
    /** Opens and closes a UDP socket every 20 ms for at most 12 s, one result per line. */
    private static final String LOOP = String.join("\n",
            "import errno, socket, sys, time",
            "out = open(sys.argv[1], 'w', buffering=1)",
            "for _ in range(600):",
            "    try:",
            "        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()",
            "        out.write('ok\\n')",
            "    except OSError as e:",
            "        out.write(errno.errorcode.get(e.errno, str(e.errno)) + '\\n')",
            "    time.sleep(0.02)");

    @TempDir Path work;
    private Process cli;
    private ProcessHandle tracee;

    @AfterEach
    void stopWhatWeStarted() {
        if (tracee != null) tracee.destroyForcibly();
        if (cli != null) cli.descendants().forEach(ProcessHandle::destroyForcibly);
        if (cli != null) cli.destroyForcibly();
    }

    @Test
    void launchedProgramDiesWithItsTracer() throws Exception {
        Path results = startLoopUnderTrace(List.of());
        ProcessHandle helper = TracerProcesses.helperOf(cli);
        helper.destroyForcibly();
        tracee.onExit().completeOnTimeout(tracee, 10, TimeUnit.SECONDS).get();
        List<String> lines = Files.readAllLines(results);
        assertFalse(tracee.isAlive(), "the program outlived its tracer (no PTRACE_O_EXITKILL?); its socket() results: " + lines);
        assertTrue(cli.waitFor(20, TimeUnit.SECONDS), "the CLI did not exit after its helper died");
        assertTrue(lines.stream().allMatch("ok"::equals), "socket() failed while traced or after: " + lines);
    }

    @Test
    void withoutSeccompTheProgramSurvivesItsTracer() throws Exception {
        Path results = startLoopUnderTrace(List.of("--no-seccomp"));
        ProcessHandle helper = TracerProcesses.helperOf(cli);
        helper.destroyForcibly();
        helper.onExit().get(10, TimeUnit.SECONDS);
        int before = Files.readAllLines(results).size();
        TracerProcesses.waitFor(() -> lines(results) >= before + 10, 10, "socket() calls after the tracer died");
        assertTrue(tracee.isAlive(), "the program died with its tracer");
        assertTrue(TracerProcesses.noneTraced(tracee.pid()), "still traced after the tracer died");
        List<String> lines = Files.readAllLines(results);
        assertTrue(lines.stream().allMatch("ok"::equals), "socket() failed: " + lines);
    }

    /** Starts the loop under `nettrace run` and returns once it has made a few traced calls. */
    private Path startLoopUnderTrace(List<String> extra) throws Exception {
        Privileges.requireCommand("python3");
        Path results = work.resolve("results.txt");
        Files.writeString(results, "");
        List<String> args = new ArrayList<>(List.of("run", "-qq", "-o", work.resolve("trace.txt").toString()));
        args.addAll(extra);
        args.addAll(List.of("--", "python3", "-c", LOOP, results.toString()));
        cli = Cli.builder(args.toArray(String[]::new)).redirectErrorStream(true)
                .redirectOutput(work.resolve("cli.out").toFile()).start();
        ProcessHandle helper = TracerProcesses.helperOf(cli);
        TracerProcesses.waitFor(() -> helper.children().findFirst().isPresent(), 10, "the traced program");
        tracee = helper.children().findFirst().orElseThrow();
        TracerProcesses.waitFor(() -> lines(results) >= 5, 20, "the program's first socket() calls");
        assertTrue(TracerProcesses.allTraced(tracee.pid()), "the program is not traced");
        return results;
    }

    private static int lines(Path p) {
        try {
            return Files.readAllLines(p).size();
        } catch (IOException e) {
            return 0;
        }
    }
}
