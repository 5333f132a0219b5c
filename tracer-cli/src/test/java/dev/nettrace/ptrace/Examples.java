package dev.nettrace.ptrace;

import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.IOException;
import java.nio.file.Path;

/** The C examples (examples/c), built by their own Makefile into a directory of the test's choosing. */
final class Examples {
    private Examples() {}

    static Path build(Path dir) throws IOException, InterruptedException {
        Privileges.requireCommand("make");
        Cli.Result r = Cli.run(new ProcessBuilder("make", "-s", "-C", Cli.root().resolve("examples/c").toString(),
                "BUILD=" + dir.toAbsolutePath()), 120);
        if (r.exitCode() != 0) throw new AssertionError("building examples/c failed:\n" + r.stdout() + r.stderr());
        return dir;
    }
}
