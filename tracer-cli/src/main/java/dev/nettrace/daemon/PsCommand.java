package dev.nettrace.daemon;

import dev.nettrace.json.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List the processes the daemon has traced (those you could trace yourself; all of them for root).")
public final class PsCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin SocketOption socket;

    @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        socket.request(Map.of("cmd", "ps"), line -> {
            if (format == Format.json) System.out.println(line);
            else rows.add(Json.parseObject(line));
        });
        if (format == Format.json) return 0;
        System.out.printf("%7s %-15s %6s %-7s %-4s %10s %8s %8s  %s%n", "PID", "COMMAND", "UID", "SOURCE", "LIVE", "EVENTS", "CONNS", "DROPPED", "LAST SEEN");
        for (Map<String, Object> r : rows) {
            long lastNs = ((Number) r.get("lastNs")).longValue();
            System.out.printf("%7s %-15s %6s %-7s %-4s %10s %8s %8s  %s%n", r.get("pid"), r.get("comm") == null ? "?" : r.get("comm"),
                    r.get("uid"), r.get("source"), Boolean.TRUE.equals(r.get("live")) ? "yes" : "no", r.get("events"),
                    r.get("connections"), r.get("dropped"), WHEN.format(Instant.ofEpochSecond(0, lastNs)));
        }
        return 0;
    }
}
