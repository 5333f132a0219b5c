package dev.nettrace.daemon;

import java.nio.file.Path;

/** Where the daemon listens and stores by default: system-wide for root, per user otherwise. */
final class Defaults {
    private Defaults() {}

    static boolean runningAsRoot() {
        ProcessInfo self = ProcessInfo.read((int) ProcessHandle.current().pid());
        return self != null && self.effectiveUid() == 0;
    }

    static Path socket() {
        if (runningAsRoot()) return Path.of("/run/nettrace/nettrace.sock");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) return Path.of(runtime, "nettrace.sock");
        return Path.of(System.getProperty("java.io.tmpdir"), "nettrace-" + System.getProperty("user.name"), "nettrace.sock");
    }

    static Path database() {
        if (runningAsRoot()) return Path.of("/var/lib/nettrace/nettrace.db");
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isEmpty() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("nettrace").resolve("nettrace.db");
    }
}
