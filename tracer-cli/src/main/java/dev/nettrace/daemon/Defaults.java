package dev.nettrace.daemon;

import dev.nettrace.wire.DaemonSocket;
import dev.nettrace.wire.UserDirs;
import java.nio.file.Path;

/** Where the daemon listens and stores by default: system-wide for root, per user otherwise. */
final class Defaults {
    private Defaults() {}

    /** The agent's daemon mode looks for the daemon here too, so the rule lives beside the agent. */
    static Path socket() {
        return Path.of(DaemonSocket.defaultPath());
    }

    static Path database() {
        if (DaemonSocket.effectiveUid() == 0) return Path.of("/var/lib/nettrace/nettrace.db");
        return UserDirs.of("XDG_STATE_HOME", ".local/state").resolve("nettrace").resolve("nettrace.db");
    }
}
