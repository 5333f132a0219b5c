package dev.nettrace.daemon;

import dev.nettrace.cli.UserError;
import dev.nettrace.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print the stored timeline of PID (the latest process with that pid): its events, then its connections.")
public final class DumpCommand implements Callable<Integer> {
    enum Format { text, json, html }

    @Mixin SocketOption socket;

    @Parameters(paramLabel = "PID", description = "The process.")
    int pid;

    @Option(names = "--since", paramLabel = "T", description = "From T: 2026-11-26T03:12:00Z, 03:12, epoch seconds, or an age such as 15m.")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Up to T (same forms as --since).")
    String until;

    @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES}; json prints the records of 'run --format json' (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public Integer call() {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("cmd", "dump");
        req.put("pid", pid);
        Instant now = Instant.now();
        try {
            if (since != null) req.put("since", Quantities.instantNs(since, now));
            if (until != null) req.put("until", Quantities.instantNs(until, now));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (format == Format.html) throw new UserError("--format html needs the timeline renderer, which this build does not have yet", 2);
        PrintStream out = System.out;
        PlainTimeline text = format == Format.text ? new PlainTimeline(out) : null;
        Map<String, Object> summary = socket.request(req, line -> {
            if (text == null) out.println(line);
            else text.record(Json.parseObject(line));
        });
        if (text != null) text.finish(summary);
        out.flush();
        return 0;
    }
}
