package dev.nettrace.daemon;

import dev.nettrace.cli.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** --socket for the commands that talk to a running daemon, and the one way they ask it things. */
public final class SocketOption {
    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's socket (default: /run/nettrace/nettrace.sock for root, $XDG_RUNTIME_DIR/nettrace.sock otherwise).")
    Path socket;

    public Path path() {
        return socket != null ? socket : Defaults.socket();
    }

    /** Sends req; each reply line goes to lines; returns the END object. Failures become one-line user errors. */
    public Map<String, Object> request(Map<String, Object> req, Consumer<String> lines) {
        try (DaemonClient c = DaemonClient.connect(path())) {
            return c.request(req, f -> {
                for (String line : new String(f.payload(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) lines.accept(line);
                }
            });
        } catch (DaemonException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("lost the connection to the daemon on " + path() + ": " + e.getMessage());
        }
    }
}
