package dev.nettrace.daemon;

import dev.nettrace.cli.UserError;
import dev.nettrace.render.HtmlOutput;
import dev.nettrace.render.TextOutput;
import dev.nettrace.render.TimeStyle;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print the stored timeline of PID (the latest process with that pid) as 'nettrace run' prints a trace:",
                "its calls, then its connections (as the daemon correlated them while the process ran, else replayed from the calls)."})
public final class DumpCommand implements Callable<Integer> {
    enum Format { text, json, html }

    @Mixin SocketOption socket;

    @Parameters(paramLabel = "PID", description = "The process.")
    int pid;

    @Option(names = "--since", paramLabel = "T", description = "From T: 2026-11-26T03:12:00Z, 03:12, epoch seconds, or an age such as 15m.")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Up to T (same forms as --since).")
    String until;

    @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES}; json prints the records of 'run --format json', html one self-contained page (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
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
        try (PrintStream out = open()) {
            ReplayedTimeline timeline = new ReplayedTimeline();
            // Text as `run` prints it: the calls, then the summary of the connections.
            TextOutput text = format == Format.text
                    ? new TextOutput(out, TimeStyle.SINCE_START, false, output == null && System.console() != null, timeline.correlator()::comm) : null;
            socket.request(req, line -> {
                ReplayedTimeline.Replayed r = timeline.accept(line);
                Object type = r.record().get("type");
                if ("connection".equals(type) || "process".equals(type)) return; // they follow the calls, merged
                if (format == Format.json) out.println(line);
                else if (text != null && r.event() != null) text.event(r.event(), line);
                else if (text != null) text.record(r.record(), line);
            });
            switch (format) {
                case json -> timeline.closingRecords().forEach(out::println);
                case text -> {
                    timeline.merge();
                    text.finish(timeline.correlator());
                }
                case html -> {
                    timeline.merge();
                    Path page = output != null ? output : Files.createTempFile("nettrace-dump", ".html");
                    HtmlOutput.write(page, timeline.correlator(), timeline.firstTs(), timeline.lastTs());
                    if (output == null) {
                        out.write(Files.readAllBytes(page));
                        Files.delete(page);
                    }
                }
            }
        }
        return 0;
    }

    private PrintStream open() throws IOException {
        if (output == null || format == Format.html) {
            // Buffered: PrintStream would otherwise write each line with a system call of its own.
            return new PrintStream(new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8) {
                @Override
                public void close() {
                    flush(); // standard output stays open for the JVM
                }
            };
        }
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(output.toFile()), 1 << 16), false, StandardCharsets.UTF_8);
    }
}
