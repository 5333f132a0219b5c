package dev.nettrace.timeline;

import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.io.File;
import java.util.concurrent.TimeUnit;

/** Tests that trace programs need the real ptrace helper in native/build, not the placeholder a fresh tree starts with. */
final class RealHelper {
    private static Boolean works;

    private RealHelper() {}

    static synchronized void require() {
        if (works == null) {
            try {
                Process p = new ProcessBuilder(Cli.helperBinary().toString(), "--format", "json", "-o", "/dev/null", "--", "/bin/true")
                        .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
                works = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (Exception e) {
                works = false;
            }
        }
        Privileges.require(works, "needs a working " + Cli.helperBinary() + " (tracing /bin/true failed)");
    }
}
