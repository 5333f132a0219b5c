package dev.nettrace.daemon;

import dev.nettrace.cli.UserError;
import dev.nettrace.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Collect traces from agents and helpers on a Unix socket and keep them in SQLite, so that",
                "'nettrace dump PID' works after the fact. Runs until SIGTERM or Ctrl-C."})
public final class DaemonCommand implements Callable<Integer> {
    @Mixin SocketOption socket;

    @Option(names = "--db", paramLabel = "PATH", description = "The SQLite store (default: /var/lib/nettrace/nettrace.db for root, $XDG_STATE_HOME/nettrace/nettrace.db otherwise).")
    Path db;

    @Option(names = "--retention", paramLabel = "AGE", description = "Delete what ended longer ago than AGE (default: ${DEFAULT-VALUE}; 0 keeps everything).")
    String retention = "7d";

    @Option(names = "--max-db-size", paramLabel = "SIZE", description = "Delete the oldest data when the store grows beyond SIZE (default: ${DEFAULT-VALUE}; 0 for no limit).")
    String maxDbSize = "1GB";

    @Option(names = "--group", paramLabel = "GROUP", description = "Let members of GROUP use the daemon (socket mode 0660 instead of 0600).")
    String group;

    @Option(names = "--fsync", description = "fsync every commit (synchronous=FULL): acknowledged records then also survive power loss, not only a crash of the daemon.")
    boolean fsync;

    @Option(names = "--status", description = "Do not start a daemon: report on the one listening on --socket (exit 1 if none).")
    boolean status;

    @Option(names = "--frame-timeout", paramLabel = "MS", hidden = true, description = "How long a client may take to deliver one frame.")
    int frameTimeoutMs = 5000;

    @Option(names = "--max-clients", paramLabel = "N", hidden = true, description = "Connections served at once (per non-root uid: a quarter).")
    int maxClients = 1024;

    @Override
    public Integer call() throws Exception {
        if (status) return printStatus();
        Daemon.Config config;
        try {
            config = new Daemon.Config(socket.path(), db != null ? db : Defaults.database(), Quantities.durationNs(retention),
                    Quantities.bytes(maxDbSize), group, fsync, frameTimeoutMs, maxClients, Math.max(1, maxClients / 4));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (frameTimeoutMs <= 0 || maxClients <= 0) throw new UserError("--frame-timeout and --max-clients must be positive", 2);
        Daemon daemon;
        try {
            daemon = Daemon.start(config);
        } catch (IOException | StoreException e) {
            throw new UserError(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            // Everything is committed and closed: a requested stop is a success (not 143), for systemd too.
            Runtime.getRuntime().halt(0);
        }, "nettrace-daemon-stop"));
        System.err.println("nettrace daemon: listening on " + config.socket().toAbsolutePath() + ", storing in " + config.db().toAbsolutePath());
        daemon.awaitStop();
        return 0;
    }

    private int printStatus() {
        Map<String, Object> s;
        try {
            s = socket.request(Map.of("cmd", "status"), line -> { });
        } catch (UserError e) {
            System.err.println("nettrace: " + e.getMessage());
            return 1;
        }
        System.out.printf("nettrace daemon pid %s, up %s%n", s.get("pid"), Quantities.humanDuration(((Number) s.get("uptimeMs")).longValue()));
        System.out.println("  socket:   " + s.get("socket"));
        System.out.println("  store:    " + s.get("db") + " (" + Quantities.humanBytes(((Number) s.get("dbBytes")).longValue()) + " in use)");
        System.out.println("  clients:  " + s.get("reporters") + " reporting, " + s.get("heldTraces") + " traces held by the daemon");
        System.out.println("  stored:   " + s.get("recordsStored") + " records in " + s.get("commits") + " commits since start");
        System.out.println("  live:     " + s.get("liveCorrelated") + " events correlated live for " + s.get("liveTimelines") + " reporters now; "
                + s.get("liveSkipped") + " skipped (" + s.get("liveGivenUp") + " reporters got ahead of the correlator: their dumps are replayed)");
        return 0;
    }
}
